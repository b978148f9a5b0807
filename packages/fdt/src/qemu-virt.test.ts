import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FdtError } from "./errors.js";
import { Fdt } from "./fdt.js";
import { QEMU_VIRT, buildQemuVirtFdt } from "./qemu-virt.js";

describe("buildQemuVirtFdt", () => {
  it("writes the defaults: one CPU, no initrd, no virtio, console on the PL011", () => {
    const fdt = Fdt.parse(buildQemuVirtFdt({ memorySize: 0x800_0000 }));
    expect(fdt.getNode("/cpus").children.map((c) => c.name)).toEqual(["cpu@0"]);
    expect(fdt.getNode("/memory").reg()).toEqual([{ address: BigInt(QEMU_VIRT.ramBase), size: 0x8000000n }]);
    expect(fdt.getNode("/chosen").properties.map((p) => p.name)).toEqual(["bootargs", "stdout-path"]);
    expect(fdt.getNode("/chosen").getProperty("bootargs").asString()).toBe("console=ttyAMA0");
    expect(fdt.findCompatible("virtio,mmio")).toEqual([]);
    // PPIs are wired to the one CPU: mask 0b1 in bits [15:8], level-high.
    expect(fdt.getNode("/timer").getProperty("interrupts").asCells()).toEqual([
      1, 13, 0x104, 1, 14, 0x104, 1, 11, 0x104, 1, 10, 0x104,
    ]);
    expect(fdt.getNode("/psci").compatible).toContain("arm,psci-0.2");
    expect(fdt.resolvePhandle(fdt.getNode("/pl011").getProperty("clocks")).compatible).toEqual(["fixed-clock"]);
  });

  it("describes up to 8 CPUs and 32 virtio-mmio slots", () => {
    const fdt = Fdt.parse(buildQemuVirtFdt({ memorySize: 0x800_0000, cpus: 8, virtioMmioSlots: 32 }));
    expect(fdt.getNode("/cpus").children.map((c) => c.getProperty("reg").asU32())).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(fdt.getNode("/timer").getProperty("interrupts").asCells()[2]).toBe(0xff04);
    const virtio = fdt.findCompatible("virtio,mmio");
    expect(virtio).toHaveLength(32);
    expect(virtio[31]?.reg()).toEqual([{ address: 0x0a003e00n, size: 0x200n }]);
    expect(virtio[31]?.getProperty("interrupts").asCells()).toEqual([0, 47, 1]);
  });

  it.each([
    [{ cpus: 0 }, /cpus must be an integer from 1 to 8 with a GICv2, got 0/],
    [{ cpus: 9 }, /cpus must be an integer from 1 to 8 with a GICv2, got 9/],
    [{ cpus: 124, gicVersion: 3 as const }, /cpus must be an integer from 1 to 123 with a GICv3, got 124/],
    [{ gicVersion: 4 as 3 }, /gicVersion must be 2 or 3, got 4/],
    [{ virtioMmioSlots: 33 }, /virtioMmioSlots must be an integer from 0 to 32, got 33/],
    [{ memorySize: -1 }, /not a u64/],
  ])("rejects %j", (options, message) => {
    expect(() => buildQemuVirtFdt({ memorySize: 0x800_0000, ...options })).toThrow(FdtError);
    expect(() => buildQemuVirtFdt({ memorySize: 0x800_0000, ...options })).toThrow(message);
  });
});

describe("buildQemuVirtFdt against QEMU's own virt tree", () => {
  // fixtures/qemu-system-virt-a53-512m.dtb: qemu-system-aarch64 -M virt,dumpdtb=FILE -cpu cortex-a53 -m 512 -net none
  const qemu = Fdt.parse(
    readFileSync(fileURLToPath(new URL("../fixtures/qemu-system-virt-a53-512m.dtb", import.meta.url))),
    { source: "qemu-system-virt-a53-512m.dtb" }
  );
  const ours = Fdt.parse(
    buildQemuVirtFdt({
      memorySize: 512 << 20,
      psciMethod: "smc",
      rngSeed: new Uint8Array(32).fill(7),
      initrd: { start: 0x4800_0000, end: 0x4810_0000 },
    })
  );
  const cells = (fdt: Fdt, path: string, prop: string) => fdt.getNode(path).getProperty(prop).asCells();

  it.each([
    ["/memory@40000000", "reg"],
    ["/intc@8000000", "reg"],
    ["/intc@8000000", "#interrupt-cells"],
    ["/timer", "interrupts"],
    ["/pl011@9000000", "reg"],
    ["/pl011@9000000", "interrupts"],
    ["/apb-pclk", "clock-frequency"],
  ])("%s %s is QEMU's", (path, prop) => {
    expect(cells(ours, path, prop)).toEqual(cells(qemu, path, prop));
  });

  it("has QEMU's compatibles and clock names where Linux matches on them", () => {
    for (const path of ["/intc@8000000", "/pl011@9000000", "/apb-pclk"]) {
      expect(ours.getNode(path).compatible).toEqual(qemu.getNode(path).compatible);
    }
    expect(qemu.getNode("/timer").compatible).toContain(ours.getNode("/timer").compatible[0]);
    expect(qemu.getNode("/psci").compatible).toEqual(expect.arrayContaining(ours.getNode("/psci").compatible));
    expect(ours.getNode("/pl011@9000000").getProperty("clock-names").asStringList()).toEqual(
      qemu.getNode("/pl011@9000000").getProperty("clock-names").asStringList()
    );
  });

  it("writes the chosen PSCI conduit, rng-seed and initrd range", () => {
    expect(ours.getNode("/psci").getProperty("method").asString()).toBe("smc");
    expect(ours.getNode("/chosen").getProperty("rng-seed").asBytes()).toEqual(new Uint8Array(32).fill(7));
    expect(ours.getNode("/chosen").getProperty("linux,initrd-start").asU64()).toBe(0x4800_0000n);
    expect(ours.getNode("/chosen").getProperty("linux,initrd-end").asU64()).toBe(0x4810_0000n);
    expect(() => buildQemuVirtFdt({ memorySize: 1 << 20, psciMethod: "svc" as "smc" })).toThrow(/psciMethod must be "hvc" or "smc", got svc/);
  });
});

describe("buildQemuVirtFdt({ gicVersion: 3 }) against QEMU's -M virt,gic-version=3 tree", () => {
  // fixtures/qemu-system-virt-gicv3-a53-512m.dtb: qemu-system-aarch64 -M virt,gic-version=3,dumpdtb=FILE -cpu cortex-a53 -m 512 -net none
  const qemu = Fdt.parse(
    readFileSync(fileURLToPath(new URL("../fixtures/qemu-system-virt-gicv3-a53-512m.dtb", import.meta.url))),
    { source: "qemu-system-virt-gicv3-a53-512m.dtb" }
  );
  const ours = Fdt.parse(buildQemuVirtFdt({ memorySize: 512 << 20, gicVersion: 3, cpus: 2 }));
  const intc = "/intc@8000000";

  it.each(["reg", "#interrupt-cells", "#address-cells", "#size-cells", "#redistributor-regions"])("%s of the arm,gic-v3 node is QEMU's", (prop) => {
    expect(ours.getNode(intc).getProperty(prop).asCells()).toEqual(qemu.getNode(intc).getProperty(prop).asCells());
  });

  it("has QEMU's compatible, interrupt-controller and ranges, and timer PPIs without a CPU mask", () => {
    expect(ours.getNode(intc).compatible).toEqual(qemu.getNode(intc).compatible);
    for (const prop of ["interrupt-controller", "ranges"]) {
      expect(ours.getNode(intc).getProperty(prop).asBytes().length).toBe(qemu.getNode(intc).getProperty(prop).asBytes().length);
    }
    expect(ours.getNode("/timer").getProperty("interrupts").asCells()).toEqual(qemu.getNode("/timer").getProperty("interrupts").asCells());
    expect(ours.resolvePhandle(ours.getNode("/").getProperty("interrupt-parent")).compatible).toEqual(["arm,gic-v3"]);
  });
});
