import { describe, expect, it } from "vitest";
import { parseSdf } from "./parse.js";
import { SdfError } from "./errors.js";

/** A system file whose body starts on line 2, column 1 (`<system>` is line 1). */
const sys = (body: string) => `<system>\n${body}\n</system>`;
const pd = (name: string, attrs = "", inner = "") => `<protection_domain name="${name}" ${attrs}><program_image path="${name}.elf"/>${inner}</protection_domain>`;

function error(xml: string, options: Parameters<typeof parseSdf>[2] = {}): string {
  try {
    parseSdf("t.system", xml, options);
  } catch (e) {
    expect(e).toBeInstanceOf(SdfError);
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

describe("parseSdf: values", () => {
  it("reads numbers in decimal and hex with underscores, and the defaults", () => {
    const s = parseSdf(
      "t.system",
      sys(`<memory_region name="m" size="0x1_000" phys_addr="0x9_000_000"/>\n${pd("a", 'priority="1_0" budget="2_000" period="0x1_0000"', '<map mr="m" vaddr="0x2_000_000"/>')}`),
    );
    const a = s.protectionDomains[0]!;
    expect(a.schedParams).toEqual({ priority: 10, budget: 2000, period: 0x10000 });
    expect(a).toMatchObject({ passive: false, stackSize: 0x2000, cpu: 0, fpu: true, smc: false, id: null, parent: null });
    expect(a.maps[0]).toMatchObject({ mr: "m", vaddr: 0x2000000, perms: 3, cached: true });
    expect(s.memoryRegions[0]).toMatchObject({ size: 0x1000, pageSize: 0x1000, pageCount: 1, physAddr: { kind: "specified", paddr: 0x9000000 } });
    expect(s.warnings).toEqual([]);
  });

  it("budget defaults to 1000 us and the period to the budget", () => {
    const s = parseSdf("t.system", sys(pd("a", 'budget="500"')));
    expect(s.protectionDomains[0]!.schedParams).toEqual({ priority: 0, budget: 500, period: 500 });
    expect(parseSdf("t.system", sys(pd("a"))).protectionDomains[0]!.schedParams).toEqual({ priority: 0, budget: 1000, period: 1000 });
  });

  it("picks 2 MiB pages for a region whose size and addresses allow it, as the Microkit tool does", () => {
    const s = parseSdf(
      "t.system",
      sys(
        `<memory_region name="big" size="0x400000"/><memory_region name="odd" size="0x400000"/><memory_region name="fixed" size="0x400000" page_size="0x1000"/>` +
          pd("a", "", '<map mr="big" vaddr="0x40000000"/><map mr="odd" vaddr="0x50001000"/><map mr="fixed" vaddr="0x60000000"/>'),
      ),
    );
    expect(s.memoryRegions.map((m) => [m.name, m.pageSize, m.pageCount])).toEqual([
      ["big", 0x200000, 2],
      ["odd", 0x1000, 0x400],
      ["fixed", 0x1000, 0x400],
    ]);
  });

  it("flattens child PDs after their parent and keeps setvars", () => {
    const s = parseSdf(
      "t.system",
      sys(
        pd("a", 'priority="10"', pd("b", 'id="3" setvar_id="b_id"', pd("d", 'id="0"')) + pd("c", 'id="1"')) +
          `<memory_region name="m" size="0x1000"/>` +
          pd("e", "", '<map mr="m" vaddr="0x1000" setvar_vaddr="m_vaddr" setvar_size="m_size"/><setvar symbol="m_paddr" region_paddr="m"/>'),
      ),
    );
    expect(s.protectionDomains.map((p) => [p.name, p.id, p.parent, p.hasChildren])).toEqual([
      ["a", null, null, true],
      ["b", 3, 0, true],
      ["d", 0, 1, false],
      ["c", 1, 0, false],
      ["e", null, null, false],
    ]);
    expect(s.protectionDomains[0]!.setvars).toEqual([{ symbol: "b_id", kind: "id", id: 3 }]);
    expect(s.protectionDomains[4]!.setvars).toEqual([
      { symbol: "m_vaddr", kind: "vaddr", address: 0x1000 },
      { symbol: "m_size", kind: "size", mr: "m" },
      { symbol: "m_paddr", kind: "paddr", region: "m" },
    ]);
    expect(s.memoryRegions[0]!.physAddr).toEqual({ kind: "toolAllocated" });
  });

  it("reads channels, IRQs and a virtual machine", () => {
    const s = parseSdf(
      "t.system",
      sys(
        `<memory_region name="ram" size="0x200000"/>` +
          pd("vmm", 'priority="200"', '<irq irq="33" id="1" trigger="edge"/><virtual_machine name="linux" priority="100" budget="50" period="100"><vcpu id="0"/><vcpu id="1" cpu="0"/><map mr="ram" vaddr="0x40000000" perms="rwx"/></virtual_machine>') +
          pd("client", 'priority="10"') +
          `<channel><end pd="client" id="0" pp="true" setvar_id="to_vmm"/><end pd="vmm" id="2" notify="false"/></channel>`,
      ),
    );
    expect(s.channels[0]).toMatchObject({ endA: { pd: 1, id: 0, pp: true, notify: true }, endB: { pd: 0, id: 2, pp: false, notify: false } });
    expect(s.protectionDomains[0]!.irqs).toEqual([{ id: 1, irq: 33, trigger: "edge" }]);
    expect(s.protectionDomains[0]!.virtualMachine).toMatchObject({
      name: "linux",
      schedParams: { priority: 100, budget: 50, period: 100 },
      vcpus: [{ id: 0, cpu: null }, { id: 1, cpu: 0 }],
    });
    expect(s.protectionDomains[1]!.setvars).toEqual([{ symbol: "to_vmm", kind: "id", id: 0 }]);
  });

  it("warns about unused memory regions and the Microkit 1.x pp attribute", () => {
    const s = parseSdf("t.system", sys(`<memory_region name="m" size="0x1000"/>${pd("a", 'pp="true"')}`));
    expect(s.warnings).toEqual([
      "WARNING: attribute 'pp' on protection_domain 'a' is from Microkit 1.x and is ignored (channel ends carry pp): t.system:2:40",
      "WARNING: unused memory region 'm'",
    ]);
  });
});

describe("parseSdf: errors name the rule, the element and file:line:col", () => {
  const cases: [string, string, string][] = [
    ["malformed XML", "<system>\n<a></b></system>", `Error: Could not parse 't.system': Opening and ending tag mismatch: "a" != "b": t.system:2:1`],
    ["unquoted attribute", "<system>\n<a x=1/></system>", "Error: Could not parse 't.system': attribute \"1\" missed quot(\")!: t.system:2:1"],
    ["empty file", "", "Error: Could not parse 't.system': missing root element"],
    ["wrong root element", "<sys/>", "Error: the root element must be 'system', found 'sys': t.system:1:1"],
    ["unknown element", sys("<pd/>"), "Error: invalid XML element 'pd': t.system:2:1"],
    ["unknown PD child", sys(pd("a", "", "<mapping/>")), "Error: invalid XML element 'mapping': t.system:2:59"],
    ["unknown attribute", sys(pd("a", 'prio="1"')), "Error: invalid attribute 'prio' on element 'protection_domain': t.system:2:1"],
    ["text in system", sys("hello"), "Error: unexpected text found in element 'system' @ t.system:1:1"],
    ["text after element", sys(`${pd("a")} stray`), "Error: unexpected text found after element 'protection_domain' @ t.system:2:1"],
    ["bad number", sys(pd("a", 'priority="0x1g"')), "Error: failed to parse integer '0x1g' on element 'protection_domain': invalid digit found in string: t.system:2:1"],
    ["empty number", sys(pd("a", 'priority=""')), "Error: failed to parse integer '' on element 'protection_domain': cannot parse integer from empty string: t.system:2:1"],
    ["number above 64 bits", sys(pd("a", 'budget="0x1_0000_0000_0000_0000"')), "Error: failed to parse integer '0x1_0000_0000_0000_0000' on element 'protection_domain': number too large to fit in target type: t.system:2:1"],
    ["priority above 254", sys(pd("a", 'priority="255"')), "Error: priority must be between 0 and 254 on element 'protection_domain': t.system:2:1"],
    ["budget above period", sys(pd("a", 'budget="10" period="5"')), "Error: budget (10) must be less than, or equal to, period (5) on element 'protection_domain': t.system:2:1"],
    ["passive not a bool", sys(pd("a", 'passive="yes"')), "Error: passive must be 'true' or 'false' on element 'protection_domain': t.system:2:1"],
    ["smc without kernel support", sys(pd("a", 'smc="true"')), "Error: Using SMC support without ARM SMC forwarding support enabled in the kernel for this platform on element 'protection_domain': t.system:2:1"],
    ["cpu beyond the cores", sys(pd("a", 'cpu="2"')), "Error: cpu core must be less than 1, got 2 on element 'protection_domain': t.system:2:1"],
    ["stack too big", sys(pd("a", 'stack_size="0x2000000"')), "Error: stack size must be between 0x1000 bytes and 0x1000000 bytes on element 'protection_domain': t.system:2:1"],
    ["no program image", sys('<protection_domain name="a"/>'), "Error: missing 'program_image' element on protection_domain: 'a' @ t.system:2:1"],
    ["missing name", sys('<protection_domain><program_image path="x"/></protection_domain>'), "Error: Missing required attribute 'name' on element 'protection_domain': t.system:2:1"],
    ["perms", sys(`<memory_region name="m" size="0x1000"/>${pd("a", "", '<map mr="m" vaddr="0x1000" perms="rq"/>')}`), "Error: perms must only be a combination of 'r', 'w', and 'x' on element 'map': t.system:2:98"],
    ["cached", sys(`<memory_region name="m" size="0x1000"/>${pd("a", "", '<map mr="m" vaddr="0x1000" cached="no"/>')}`), "Error: cached must be 'true' or 'false' on element 'map': t.system:2:98"],
    ["map into the stack", sys(`<memory_region name="m" size="0x1000"/>${pd("a", 'stack_size="0x4000"', '<map mr="m" vaddr="0xffffffa000"/>')}`), "Error: vaddr (0xffffffa000) must be less than 0xffffffa000 on element 'map': t.system:2:117"],
    ["VM map beyond the address space", sys(`<memory_region name="m" size="0x2000"/>${pd("a", "", '<virtual_machine name="v"><vcpu id="0"/><map mr="m" vaddr="0xfffffff000"/></virtual_machine>')}`), "Error: map for 'm' has virtual address range [0xfffffff000..0x10000001000) which exceeds valid address space [0x0..0x10000000000) @ t.system:2:138"],
    ["setvar_vaddr in a VM", sys(`<memory_region name="m" size="0x1000"/>${pd("a", "", '<virtual_machine name="v"><vcpu id="0"/><map mr="m" vaddr="0x0" setvar_vaddr="x"/></virtual_machine>')}`), "Error: invalid attribute 'setvar_vaddr' on element 'map': t.system:2:138"],
    ["VM priority above 254", sys(pd("a", "", '<virtual_machine name="v" priority="300"><vcpu id="0"/></virtual_machine>')), "Error: priority must be between 0 and 254 on element 'virtual_machine': t.system:2:59"],
    ["two VMs in a PD", sys(pd("a", "", '<virtual_machine name="v"><vcpu id="0"/></virtual_machine><virtual_machine name="w"><vcpu id="0"/></virtual_machine>')), "Error: virtual_machine must only be specified once on element 'protection_domain': t.system:2:1"],
    ["duplicate vcpu", sys(pd("a", "", '<virtual_machine name="v"><vcpu id="0"/><vcpu id="0"/></virtual_machine>')), "Error: duplicate vcpu id 0 in virtual machine 'v' @ t.system:2:99"],
    ["ioport on ARM", sys(pd("a", "", '<ioport id="0" addr="0x3f8" size="8"/>')), "Error: I/O Ports are only available on x86 on element 'protection_domain': t.system:2:1"],
    ["irq id not a number", sys(pd("a", "", '<irq irq="33" id="x"/>')), "Error: failed to parse integer 'x' on element 'irq': invalid digit found in string: t.system:2:59"],
    ["duplicate setvar on a channel end", sys(`${pd("a", "", '<setvar symbol="s" region_paddr="m"/>')}${pd("b")}<memory_region name="m" size="0x1000"/><channel><end pd="a" id="0" setvar_id="s"/><end pd="b" id="0"/></channel>`), "Error: setvar on symbol 's' already exists on element 'channel': t.system:2:233"],
    ["monitor is reserved", sys(pd("monitor")), "Error: the PD name 'monitor' is reserved for the Microkit Monitor."],
    ["duplicate PD name", sys(pd("a") + pd("a")), "Error: duplicate protection domain name 'a'. @ t.system:2:1"],
    ["io_address_space", sys('<io_address_space name="d" peripheral_id="0:3.0"/>'), "Error: io address space requires seL4 to be built with IOMMU support: t.system:2:1"],
    ["domains", sys("<domains/>"), "Error: the domain scheduler (<domains>) is not supported by sel4ts: t.system:2:1"],
    ["cspace twice", sys(pd("a", "", "<cspace/><cspace/>")), "Error: cspace must only be specified once on element 'protection_domain': t.system:2:1"],
    ["element in cspace", sys(pd("a", "", '<cspace><map mr="x" vaddr="0"/></cspace>')), "Element 'map' is not supported in a <cspace> element at 't.system:2:67'"],
    ["prefill_bootinfo type", sys('<memory_region name="m" prefill_bootinfo="acpi"/>'), "Error: BootInfoMap type: 'acpi' is not supported on element 'memory_region': t.system:2:1"],
    ["pp on a PD not a bool", sys(pd("a", 'pp="1"')), "Error: pp must be 'true' or 'false' on element 'protection_domain': t.system:2:1"],
    ["vcpu outside a VM", sys(pd("a", "", '<vcpu id="0"/>')), "Error: invalid XML element 'vcpu': t.system:2:59"],
    ["cspace slot", sys(pd("a", "", '<cspace><cap_tcb pd="a" slot="128"/></cspace>')), "Error: There are only 128 destination cspace slots available. on element 'cap_tcb': t.system:2:67"],
  ];
  it.each(cases)("%s", (_what, xml, message) => {
    expect(error(xml)).toBe(message);
  });

  it("prefill files: size rounded up from the file, or an error when the file is larger than the region", () => {
    const readPrefill = (path: string) => (path === "five.bin" ? new Uint8Array(0x1005) : undefined);
    const s = parseSdf("t.system", sys(`<memory_region name="m" prefill_path="five.bin"/>${pd("a", "", '<map mr="m" vaddr="0x0" setvar_prefill_size="n"/>')}`), { readPrefill });
    expect(s.memoryRegions[0]).toMatchObject({ size: 0x2000, pageCount: 2 });
    expect(error(sys('<memory_region name="m" size="0x1000" prefill_path="five.bin"/>'), { readPrefill })).toBe(
      "Error: size of prefill file exceeds memory region size: 1005 > 1000 on element 'memory_region': t.system:2:1",
    );
  });

  it("checks against the configured number of cores", () => {
    const xml = sys(pd("a", 'cpu="3"'));
    expect(error(xml, { config: { numCores: 2 } })).toBe("Error: cpu core must be less than 2, got 3 on element 'protection_domain': t.system:2:1");
    expect(parseSdf("t.system", xml, { config: { numCores: 4 } }).protectionDomains[0]!.cpu).toBe(3);
  });

  it("refuses virtual machines when seL4 is not a hypervisor", () => {
    expect(error(sys(pd("a", "", '<virtual_machine name="v"><vcpu id="0"/></virtual_machine>')), { config: { hypervisor: false } })).toBe(
      "Error: seL4 has not been built as a hypervisor, virtual machines are disabled on element 'protection_domain': t.system:2:1",
    );
  });

  it("accepts 63 PDs counting children and refuses a 64th", () => {
    const children = Array.from({ length: 62 }, (_, i) => pd(`c${i}`, `id="${i}"`)).join("");
    expect(parseSdf("t.system", sys(pd("root", 'priority="100"', children))).protectionDomains).toHaveLength(63);
    expect(error(sys(pd("root", "", children) + pd("x")))).toBe("Error: too many protection domains (64) defined. Maximum is 63.");
  });

  it("channel ids 0..61", () => {
    const channel = (id: number) => sys(`${pd("a")}${pd("b")}<channel><end pd="a" id="${id}"/><end pd="b" id="0"/></channel>`);
    expect(parseSdf("t.system", channel(61)).channels[0]!.endA.id).toBe(61);
    expect(error(channel(62))).toBe("Error: id must be < 62 on element 'end': t.system:2:166");
  });
});
