// Checks reader and writer against the blobs dtc compiled from fixtures/*.dts. What is compared:
// (1) the reader's tree of each dtc blob, through the typed accessors, against a hand-written
// description of the .dts; (2) the writer's bytes for that description against dtc's bytes; they
// can be equal because the writer uses dtc's layout (header, reservations, structure, strings),
// dtc's strings-block sharing, and the caller writes properties in dtc's order (dtc appends
// "phandle" last and numbers phandles in the order it meets references).
import { describe, expect, it } from "vitest";
import {
  memreserveEntries,
  memreserveTree,
  phandlesTree,
  qemuVirtOptions,
  qemuVirtTree,
  typesTree,
} from "../test/fixture-specs.js";
import { expectTree, readFixture, writeSpec } from "../test/tree-spec.js";
import type { NodeSpec } from "../test/tree-spec.js";
import { Fdt, FdtWriter, buildQemuVirtFdt } from "./index.js";

const fixtures: { name: string; tree: NodeSpec; bootCpuidPhys?: number; reservations?: typeof memreserveEntries }[] = [
  { name: "types", tree: typesTree },
  { name: "memreserve", tree: memreserveTree, bootCpuidPhys: 1, reservations: memreserveEntries },
  { name: "phandles", tree: phandlesTree },
  { name: "qemu-virt", tree: qemuVirtTree },
];

describe.each(fixtures)("dtc fixture $name", ({ name, tree, bootCpuidPhys = 0, reservations = [] }) => {
  const dtb = readFixture(`${name}.dtb`);

  it("reads to the tree of the .dts", () => {
    const fdt = Fdt.parse(dtb, { source: `${name}.dtb` });
    expect(fdt.header.version).toBe(17);
    expect(fdt.header.lastCompVersion).toBe(16);
    expect(fdt.header.totalsize).toBe(dtb.length);
    expect(fdt.header.bootCpuidPhys).toBe(bootCpuidPhys);
    expect(fdt.memoryReservations).toEqual(reservations);
    expectTree(fdt.root, tree);
  });

  it("is what the writer produces for the same tree, byte for byte", () => {
    const w = new FdtWriter({ bootCpuidPhys });
    for (const { address, size } of reservations) w.addMemoryReservation(address, size);
    writeSpec(w, tree);
    expect(Buffer.from(w.finish()).toString("hex")).toBe(Buffer.from(dtb).toString("hex"));
  });

  it("re-encodes to the same bytes", () => {
    expect(Fdt.parse(dtb).toBlob()).toEqual(dtb);
  });
});

describe("fixtures/qemu-virt.dtb", () => {
  const dtb = readFixture("qemu-virt.dtb");

  it("is what buildQemuVirtFdt writes", () => {
    expect(Buffer.from(buildQemuVirtFdt(qemuVirtOptions)).toString("hex")).toBe(Buffer.from(dtb).toString("hex"));
  });

  it("answers the questions a Linux guest asks", () => {
    const fdt = Fdt.parse(dtb);
    const uart = fdt.getNode("/pl011@9000000");
    expect(fdt.resolvePhandle(uart.getProperty("clocks"), 1).path).toBe("/apb-pclk");
    expect(fdt.resolvePhandle(fdt.root.getProperty("interrupt-parent")).path).toBe("/intc@8000000");
    expect(fdt.getNode("/cpus/cpu@1").getProperty("enable-method").asString()).toBe("psci");
    expect(fdt.getNode("/cpus/cpu").name).toBe("cpu@0");
    const stdout = fdt.getNode("/chosen").getProperty("stdout-path").asString();
    expect(fdt.getNode(stdout)).toBe(uart);
    expect(uart.reg()).toEqual([{ address: 0x09000000n, size: 0x1000n }]);
    expect(fdt.getNode("/memory").reg()).toEqual([{ address: 0x40000000n, size: 0x20000000n }]);
    expect(fdt.getNode("/cpus/cpu@1").reg()).toEqual([{ address: 1n, size: 0n }]);
    const [gic] = fdt.findCompatible("arm,cortex-a15-gic");
    expect(gic?.reg().map((r) => r.address)).toEqual([0x08000000n, 0x08010000n]);
    expect(fdt.interruptParent(uart)).toBe(gic);
    expect(fdt.findCompatible("arm,primecell")).toEqual([uart]);
  });
});

describe("fixtures/phandles.dtb", () => {
  const dtb = readFixture("phandles.dtb");

  it("is what the writer produces with allocatePhandle in dtc's reference order", () => {
    const w = new FdtWriter();
    const gic = w.allocatePhandle();
    const gpio = w.allocatePhandle();
    const root = w.beginNode("");
    w.propertyU32("#address-cells", 1);
    w.propertyU32("#size-cells", 1);
    w.propertyU32("interrupt-parent", gic);
    const aliases = w.beginNode("aliases");
    w.propertyString("serial0", "/soc/serial@3000");
    w.propertyString("serial1", "/soc/serial@4000");
    w.endNode(aliases);
    const soc = w.beginNode("soc");
    w.propertyU32("#address-cells", 1);
    w.propertyU32("#size-cells", 1);
    w.propertyEmpty("ranges");
    const intc = w.beginNode("interrupt-controller@1000");
    w.propertyCells("reg", [0x1000, 0x1000]);
    w.propertyEmpty("interrupt-controller");
    w.propertyU32("#interrupt-cells", 3);
    w.propertyU32("#address-cells", 0);
    w.propertyPhandle(gic);
    w.endNode(intc);
    const gpioNode = w.beginNode("gpio@2000");
    w.propertyCells("reg", [0x2000, 0x100]);
    w.propertyEmpty("gpio-controller");
    w.propertyU32("#gpio-cells", 2);
    w.propertyEmpty("interrupt-controller");
    w.propertyU32("#interrupt-cells", 2);
    w.propertyU32("#address-cells", 0);
    w.propertyCells("interrupts", [0, 7, 4]);
    w.propertyPhandle(gpio);
    w.endNode(gpioNode);
    const uart0 = w.beginNode("serial@3000");
    w.propertyCells("reg", [0x3000, 0x100]);
    w.propertyCells("interrupts-extended", [gic, 0, 1, 4, gpio, 5, 1]);
    w.endNode(uart0);
    const uart1 = w.beginNode("serial@4000");
    w.propertyCells("reg", [0x4000, 0x100]);
    w.propertyU32("interrupt-parent", gpio);
    w.propertyCells("interrupts", [6, 4]);
    w.propertyCells("enable-gpios", [gpio, 2, 0, gpio, 3, 1]);
    w.endNode(uart1);
    w.endNode(soc);
    w.endNode(root);
    expect(w.finish()).toEqual(dtb);
  });

  it("resolves references and aliases", () => {
    const fdt = Fdt.parse(dtb);
    const uart1 = fdt.getNode("serial1");
    expect(uart1.path).toBe("/soc/serial@4000");
    expect(fdt.resolvePhandle(uart1.getProperty("enable-gpios"), 3).path).toBe("/soc/gpio@2000");
    expect(fdt.nodeByPhandle(1)?.path).toBe("/soc/interrupt-controller@1000");
    expect(fdt.getNode("serial0").getProperty("interrupts-extended").asCells()[4]).toBe(
      fdt.getNode("/soc/gpio").phandle
    );
    expect(fdt.interruptParent(uart1)?.path).toBe("/soc/gpio@2000"); // its own
    expect(fdt.interruptParent(fdt.getNode("serial0"))?.path).toBe("/soc/interrupt-controller@1000"); // the root's
    expect(uart1.reg()).toEqual([{ address: 0x4000n, size: 0x100n }]);
  });
});
