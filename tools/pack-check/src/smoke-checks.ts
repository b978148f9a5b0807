/**
 * For each published package with real code: a script body that uses `mod` (the package, as
 * `import * as mod` in ESM or `require()` in CommonJS), checks that a real export works, and
 * prints "ok" on success. Add an entry when a package gets its first public API.
 */
export const smokeChecks: Readonly<Record<string, string>> = {
  "@sel4ts/fdt": `
    const w = new mod.FdtWriter();
    const root = w.beginNode("");
    w.propertyString("model", "pack-check");
    const cpus = w.beginNode("cpus");
    w.propertyU32("#address-cells", 1);
    w.endNode(cpus);
    w.endNode(root);
    const fdt = mod.Fdt.parse(w.finish());
    if (fdt.root.getProperty("model").asString() !== "pack-check") throw new Error("model did not read back");
    if (fdt.getNode("/cpus").getProperty("#address-cells").asU32() !== 1) throw new Error("cells did not read back");
    let rejected = false;
    try { mod.Fdt.parse(new Uint8Array(8)); } catch (error) { rejected = error instanceof mod.FdtError; }
    if (!rejected) throw new Error("a bad blob did not raise FdtError");
    const virt = mod.Fdt.parse(mod.buildQemuVirtFdt({ memorySize: 0x10000000 }));
    if (virt.getNode("/cpus/cpu@0").getProperty("enable-method").asString() !== "psci") throw new Error("virt tree");
    virt.getNode("/chosen").setString("bootargs", "edited");
    if (mod.Fdt.parse(virt.toBlob()).getNode("/chosen").getProperty("bootargs").asString() !== "edited") throw new Error("edit");
    console.log("ok");
  `,
  "@sel4ts/cpu-aarch64": `
    const memory = new mod.GuestMemory();
    const code = memory.mapRam(0x400000, 0x1000);
    // movz x0, #42 ; svc #0
    new DataView(code.buffer, code.byteOffset).setUint32(0, 0xd2800540, true);
    new DataView(code.buffer, code.byteOffset).setUint32(4, 0xd4000001, true);
    const cpu = new mod.Cpu({ memory });
    cpu.setPC(0x400000n);
    const exit = cpu.run(100);
    if (exit.kind !== "svc" || cpu.getX(0) !== 42n) throw new Error("cpu did not run movz/svc");
    if (mod.disassemble(0xd2800540, 0x400000n).replace(/\\s+/g, " ") !== "mov x0, #0x2a") throw new Error("disassembler");
    console.log("ok");
  `,
  "@sel4ts/sel4-kernel-sim": `
    (async () => {
      const kernel = new mod.Kernel({ debugMessages: false });
      const results = [];
      kernel.createRootTask(async (sel4) => {
        const bi = sel4.seL4_GetBootInfo();
        const ut = bi.untyped.start + bi.untypedList.findIndex((u) => !u.isDevice && u.sizeBits >= 12);
        const cnode = mod.seL4_RootCNodeCapSlots.seL4_CapInitThreadCNode;
        results.push(sel4.seL4_Untyped_Retype(ut, mod.seL4_ObjectType.seL4_NotificationObject, 0, cnode, 0, 0, bi.empty.start, 1));
        results.push(sel4.seL4_Untyped_Retype(ut, 99, 0, cnode, 0, 0, bi.empty.start + 1, 1));
      });
      await kernel.run();
      if (results[0] !== mod.seL4_Error.seL4_NoError || results[1] !== mod.seL4_Error.seL4_InvalidArgument) {
        throw new Error("retype results " + results.join(","));
      }
      console.log("ok");
    })().catch((error) => { console.error(error); process.exit(1); });
  `,
  "@sel4ts/libsel4vm": `
    const vm = new mod.vm_t();
    vm.vm_name = "smoke";
    const logged = [];
    vm.logger = (line) => logged.push(line);
    if (mod.vm_memory_init(vm) !== 0) throw new Error("vm_memory_init");
    const handled = () => mod.FAULT_HANDLED;
    const uart = mod.vm_reserve_memory_at(vm, 0x9000000, 0x1000, handled, null);
    if (uart === null) throw new Error("first reservation refused");
    if (mod.vm_reserve_memory_at(vm, 0x9000000, 0x1000, handled, null) !== null) throw new Error("overlap accepted");
    if (!logged.some((line) => line.includes("overlaps"))) throw new Error("no error line: " + logged.join("|"));
    const addr = { value: 0 }, size = { value: 0 };
    mod.vm_get_reservation_memory_region(uart, addr, size);
    if (addr.value !== 0x9000000 || size.value !== 0x1000) throw new Error("region");
    console.log("ok");
  `,
  "@sel4ts/microkit": `
    const good = '<system><protection_domain name="a" priority="10"><program_image path="a.elf"/></protection_domain></system>';
    const system = mod.parseSdf("good.system", good);
    if (system.protectionDomains.length !== 1) throw new Error("one PD expected");
    let message = "";
    try { mod.parseSdf("bad.system", '<system><protection_domain priority="10"/></system>'); } catch (error) { message = String(error.message); }
    if (!message.includes("Missing required attribute 'name'")) throw new Error("no Microkit-style error: " + message);
    console.log("ok");
  `,
  "@sel4ts/libsel4vmmplatsupport": `
    const space = { value: null };
    if (mod.vmm_pci_init(space) !== 0 || space.value === null) throw new Error("vmm_pci_init");
    const bridge = mod.find_device(space.value, { bus: 0, dev: 0, fun: 0 });
    if (bridge === null) throw new Error("no host bridge at 00:00.0");
    console.log("ok");
  `,
  "@sel4ts/vmm-common": `
    // A 4-byte store from w3 that faulted at level 1: EC 0x24, IL, ISV, SAS 2, SRT 3, WnR, FSC 0x05.
    const esr = ((0x24 << 26) | (1 << 25) | (1 << 24) | (2 << 22) | (3 << 16) | (1 << 6) | 0x05) >>> 0;
    if (mod.hsrExceptionClass(esr) !== mod.HSR_EC_DABT_LOW || mod.hsrSrt(esr) !== 3 || !mod.hsrWnR(esr)) throw new Error("syndrome fields");
    if (mod.dataAbortWidth(esr) !== 4) throw new Error("width " + mod.dataAbortWidth(esr));
    if (mod.emulateDataAbort(0xffffffff00000000n, 0x9000000, esr, 0x12345678n) !== 0xffffffff12345678n) throw new Error("emulated store");
    if (!mod.describeHsr(esr).startsWith("EC 0x24")) throw new Error("describeHsr: " + mod.describeHsr(esr));
    console.log("ok");
  `,
  "@sel4ts/libvmm": `
    // The store above, as libvmm's fault helpers see it: the data comes from the register SRT names.
    const esr = ((0x24 << 26) | (1 << 25) | (1 << 24) | (2 << 22) | (3 << 16) | (1 << 6) | 0x05) >>> 0;
    if (mod.decode_rt(3) !== "x3" || mod.decode_rt(31) !== null) throw new Error("decode_rt");
    if (mod.fault_get_data({ x3: 0xabcdn }, esr) !== 0xabcdn) throw new Error("fault_get_data");
    if (mod.fault_to_string(6) !== "VMFault") throw new Error("fault_to_string");
    if (typeof mod.Libvmm !== "function" || typeof mod.VgicV2 !== "function") throw new Error("classes missing");
    console.log("ok");
  `,
};
