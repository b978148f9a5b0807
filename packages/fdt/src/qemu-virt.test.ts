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
    [{ cpus: 0 }, /cpus must be an integer from 1 to 8, got 0/],
    [{ cpus: 9 }, /cpus must be an integer from 1 to 8, got 9/],
    [{ virtioMmioSlots: 33 }, /virtioMmioSlots must be an integer from 0 to 32, got 33/],
    [{ memorySize: -1 }, /not a u64/],
  ])("rejects %j", (options, message) => {
    expect(() => buildQemuVirtFdt({ memorySize: 0x800_0000, ...options })).toThrow(FdtError);
    expect(() => buildQemuVirtFdt({ memorySize: 0x800_0000, ...options })).toThrow(message);
  });
});
