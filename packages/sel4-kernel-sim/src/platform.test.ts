import { describe, expect, it } from "vitest";
import { QemuVirtBoard } from "./board/qemu-virt-board";
import { Kernel } from "./kernel";
import { qemuVirtPlatform } from "./platform";

describe("platform descriptions", () => {
  it("the built-in qemu-virt description has RAM at 0x4000_0000 and the PL011 and GIC windows", () => {
    const platform = qemuVirtPlatform({ ramSize: 0x1000_0000 });
    expect(platform.ram).toEqual([{ base: 0x4000_0000, size: 0x1000_0000 }]);
    expect(platform.deviceRegions.find((r) => r.name === "pl011")?.base).toBe(0x0900_0000);
    expect(platform.deviceRegions.find((r) => r.name === "gic-distributor")?.base).toBe(0x0800_0000);
    expect(platform.maxIrq).toBe(159);
  });

  it("a kernel boots on the full qemu-virt board and offers its device windows as device untyped", async () => {
    const board = new QemuVirtBoard({ ramSize: 64 << 20, uartOutput: () => undefined });
    const kernel = new Kernel({ platform: board, debugMessages: false });
    const bi = kernel.createRootTask(() => undefined);
    await kernel.run();
    const device = bi.untypedList.filter((u) => u.isDevice === 1).map((u) => u.paddr);
    for (const region of board.deviceRegions) expect(device).toContain(region.base);
    const ramEnd = 0x4000_0000 + (64 << 20);
    expect(bi.untypedList.filter((u) => u.isDevice === 0).every((u) => u.paddr + 2 ** u.sizeBits <= ramEnd)).toBe(true);
  });
});
