import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { testKernel } from "../test-support/root-task-kit";
import { alignedBlocks, BOOT_INFO_BYTES } from "./boot-info";
import { BOOT_INFO_VADDR, ROOT_IPC_BUFFER_VADDR } from "./root-task";

describe("boot", () => {
  it("splits memory into naturally aligned untyped blocks", () => {
    expect(alignedBlocks(0x4030_0000, 0x4080_0000)).toEqual([
      { paddr: 0x4030_0000, sizeBits: 20 },
      { paddr: 0x4040_0000, sizeBits: 22 },
    ]);
    const blocks = alignedBlocks(0x1010, 0x3000);
    expect(blocks.every((b) => b.paddr % 2 ** b.sizeBits === 0)).toBe(true);
    expect(blocks.reduce((sum, b) => sum + 2 ** b.sizeBits, 0)).toBe(0x3000 - 0x1010);
  });

  it("gives the root task seL4's initial caps, untypeds and a boot info frame in memory", async () => {
    const kernel = testKernel();
    let frameBytes: Uint8Array | null = null;
    const bi = kernel.createRootTask((sel4) => {
      frameBytes = sel4.frameView(BOOT_INFO_VADDR, BOOT_INFO_BYTES).slice();
      expect(sel4.seL4_GetIPCBuffer().receiveDepth).toBe(0n);
    });
    await kernel.run();
    expect(bi.ipcBuffer).toBe(ROOT_IPC_BUFFER_VADDR);
    expect(bi.initThreadCNodeSizeBits).toBe(12);
    expect(bi.untyped.end - bi.untyped.start).toBe(bi.untypedList.length);
    expect(bi.empty).toEqual({ start: bi.untyped.end, end: 4096 });
    expect(bi.userImagePaging.start).toBe(S.seL4_NumInitialCaps);
    const ram = bi.untypedList.filter((u) => u.isDevice === 0);
    const device = bi.untypedList.filter((u) => u.isDevice === 1);
    expect(device.some((u) => u.paddr === 0x0900_0000)).toBe(true);
    // RAM untypeds cover 1 GiB minus what the kernel and root task use.
    const ramBytes = ram.reduce((sum, u) => sum + 2 ** u.sizeBits, 0);
    expect(ramBytes).toBeGreaterThan(0x4000_0000 - 0x40_0000);
    expect(ram.every((u) => u.paddr >= 0x4000_0000)).toBe(true);
    // The frame holds the C layout: word 4 = ipcBuffer, untyped list from byte 168.
    const view = new DataView(frameBytes!.buffer);
    expect(view.getBigUint64(4 * 8, true)).toBe(BigInt(ROOT_IPC_BUFFER_VADDR));
    expect(view.getBigUint64(168, true)).toBe(BigInt(bi.untypedList[0]!.paddr));
    expect(view.getUint8(168 + 8)).toBe(bi.untypedList[0]!.sizeBits);
    // Nothing was allocated for the untouched gigabyte of RAM.
    expect(kernel.memory.allocatedChunks).toBeLessThanOrEqual(2);
  });
});
