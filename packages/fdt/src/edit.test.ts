import { describe, expect, it } from "vitest";
import { expectTree, readFixture } from "../test/tree-spec.js";
import { memreserveEntries, memreserveTree, phandlesTree } from "../test/fixture-specs.js";
import { FdtError } from "./errors.js";
import { Fdt } from "./fdt.js";

describe("editing a parsed tree", () => {
  it("changes, adds and removes properties and nodes, then writes them", () => {
    const fdt = Fdt.parse(readFixture("qemu-virt.dtb"));
    const chosen = fdt.getNode("/chosen");
    chosen.setString("bootargs", "console=hvc0"); // keeps its place
    chosen.deleteProperty("linux,initrd-start");
    chosen.deleteProperty("linux,initrd-end");
    chosen.setU64("linux,initrd-start", 0x4800_0000); // new ones come last
    fdt.getNode("/cpus").removeChild("cpu@1");
    const rtc = fdt.root.addChild("pl031@9010000");
    rtc.setStringList("compatible", ["arm,pl031", "arm,primecell"]);
    rtc.setU64Array("reg", [0x0901_0000, 0x1000]);
    rtc.setCells("interrupts", [0, 2, 4]);
    fdt.memoryReservations.push({ address: 0x4f00_0000n, size: 0x20_0000n });
    fdt.bootCpuidPhys = 0;

    const again = Fdt.parse(fdt.toBlob());
    expect(again.getNode("/chosen").properties.map((p) => p.name)).toEqual([
      "bootargs",
      "stdout-path",
      "linux,initrd-start",
    ]);
    expect(again.getNode("/chosen").getProperty("bootargs").asString()).toBe("console=hvc0");
    expect(again.getNode("/cpus").children.map((c) => c.name)).toEqual(["cpu@0"]);
    expect(again.findCompatible("arm,pl031").map((n) => n.reg())).toEqual([[{ address: 0x09010000n, size: 0x1000n }]]);
    expect(again.interruptParent(again.getNode("/pl031"))?.name).toBe("intc@8000000");
    expect(again.memoryReservations).toEqual([{ address: 0x4f000000n, size: 0x200000n }]);
    expect(again.root.children.at(-1)?.name).toBe("pl031@9010000");
  });

  it("builds dtc's phandles fixture from an empty tree, allocating phandles like libfdt", () => {
    const fdt = Fdt.create();
    const root = fdt.root;
    root.setU32("#address-cells", 1);
    root.setU32("#size-cells", 1);
    const aliases = root.addChild("aliases");
    const soc = root.addChild("soc");
    soc.setU32("#address-cells", 1);
    soc.setU32("#size-cells", 1);
    soc.setEmpty("ranges");
    const intc = soc.addChild("interrupt-controller@1000");
    intc.setCells("reg", [0x1000, 0x1000]);
    intc.setEmpty("interrupt-controller");
    intc.setU32("#interrupt-cells", 3);
    intc.setU32("#address-cells", 0);
    const gpio = soc.addChild("gpio@2000");
    gpio.setCells("reg", [0x2000, 0x100]);
    gpio.setEmpty("gpio-controller");
    gpio.setU32("#gpio-cells", 2);
    gpio.setEmpty("interrupt-controller");
    gpio.setU32("#interrupt-cells", 2);
    gpio.setU32("#address-cells", 0);
    gpio.setCells("interrupts", [0, 7, 4]);
    const gic = fdt.allocatePhandle(intc);
    const gpioPhandle = fdt.allocatePhandle(gpio);
    expect([gic, gpioPhandle, fdt.allocatePhandle(intc)]).toEqual([1, 2, 1]);
    root.setU32("interrupt-parent", gic);
    const uart0 = soc.addChild("serial@3000");
    uart0.setCells("reg", [0x3000, 0x100]);
    uart0.setCells("interrupts-extended", [gic, 0, 1, 4, gpioPhandle, 5, 1]);
    const uart1 = soc.addChild("serial@4000");
    uart1.setCells("reg", [0x4000, 0x100]);
    uart1.setU32("interrupt-parent", gpioPhandle);
    uart1.setCells("interrupts", [6, 4]);
    uart1.setCells("enable-gpios", [gpioPhandle, 2, 0, gpioPhandle, 3, 1]);
    aliases.setString("serial0", uart0.path);
    aliases.setString("serial1", uart1.path);

    expectTree(fdt.root, phandlesTree);
    expect(fdt.toBlob()).toEqual(readFixture("phandles.dtb"));
  });

  it("writes reservations and the boot CPU set on a created tree like dtc", () => {
    const fdt = Fdt.create();
    fdt.memoryReservations.push(...memreserveEntries);
    fdt.bootCpuidPhys = 1;
    fdt.root.setU32("#address-cells", 1);
    fdt.root.setU32("#size-cells", 1);
    fdt.root.setString("model", "memreserve fixture");
    const memory = fdt.root.addChild("memory@40000000");
    memory.setString("device_type", "memory");
    memory.setCells("reg", [0x40000000, 0x10000000]);
    const reserved = fdt.root.addChild("reserved-memory");
    reserved.setU32("#address-cells", 1);
    reserved.setU32("#size-cells", 1);
    reserved.setEmpty("ranges");
    const shared = reserved.addChild("shared@48000000");
    shared.setCells("reg", [0x48000000, 0x100000]);
    shared.setEmpty("no-map");
    expectTree(fdt.root, memreserveTree);
    expect(fdt.toBlob()).toEqual(readFixture("memreserve.dtb"));
  });

  it("copies values it is given, and older property objects keep their value", () => {
    const fdt = Fdt.create();
    const value = Uint8Array.of(1, 2, 3, 4);
    const first = fdt.root.setProperty("p", value);
    value[0] = 9;
    fdt.root.setU32("p", 7);
    expect(first.asU32()).toBe(0x01020304);
    expect(fdt.root.getProperty("p").asU32()).toBe(7);
    expect(fdt.root.getProperty("p").offset).toBeUndefined();
  });

  it("finds nodes by phandle and path as the tree changes", () => {
    const fdt = Fdt.create();
    const a = fdt.root.addChild("a@1");
    expect(fdt.nodeByPhandle(1)).toBeUndefined();
    expect(fdt.allocatePhandle(a)).toBe(1);
    expect(fdt.nodeByPhandle(1)).toBe(a);
    expect(fdt.getNode("/a")).toBe(a);
    expect(fdt.root.removeChild("a@1")).toBe(true);
    expect(fdt.root.removeChild("a@1")).toBe(false);
    expect(fdt.findNode("/a")).toBeUndefined();
    expect(fdt.nodeByPhandle(1)).toBeUndefined();
    expect(fdt.root.deleteProperty("nothing")).toBe(false);
  });

  it("rejects bad edits with FdtError", () => {
    const fdt = Fdt.create();
    fdt.root.addChild("x");
    expect(() => fdt.root.addChild("x")).toThrow(/node \/ already has a child named "x"/);
    expect(() => fdt.root.addChild("a b")).toThrow(FdtError);
    expect(() => fdt.root.setEmpty("bad name")).toThrow(/property name "bad name"/);
    expect(() => fdt.root.setU32("n", -1)).toThrow(/not a u32/);
    fdt.root.setU32("phandle", 5);
    fdt.getNode("/x").setU32("phandle", 5);
    expect(() => fdt.toBlob()).toThrow(/phandle 5 of \/x is already held by \//);
    fdt.getNode("/x").setU32("phandle", 0xfffffffe);
    expect(() => fdt.allocatePhandle(fdt.root.addChild("y"))).toThrow(/no phandle left/);
  });
});
