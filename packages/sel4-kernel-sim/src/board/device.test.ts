import { describe, expect, it } from "vitest";
import { IrqSignal, readLane, toBigIntMmio, type AccessSize, type BoardDevice } from "./device";

/** A device with four 32-bit scratch registers that logs accesses. */
function scratchDevice(): BoardDevice<null> & { log: string[] } {
  const regs = new Uint32Array(4);
  const log: string[] = [];
  return {
    log,
    read(offset: number, size: AccessSize) {
      log.push(`r${size}@${offset}`);
      return readLane(regs[offset >> 2]!, offset, size);
    },
    write(offset: number, size: AccessSize, value: number) {
      log.push(`w${size}@${offset}`);
      regs[offset >> 2] = value;
    },
    save: () => null,
    restore: () => undefined,
  };
}

describe("device contract", () => {
  it("toBigIntMmio splits an 8-byte access into two word accesses, low word first", () => {
    const device = scratchDevice();
    const mmio = toBigIntMmio(device);
    mmio.write(0, 8, 0x1122_3344_5566_7788n);
    expect(mmio.read(0, 8)).toBe(0x1122_3344_5566_7788n);
    expect(mmio.read(4, 4)).toBe(0x1122_3344n);
    expect(device.log.slice(0, 4)).toEqual(["w4@0", "w4@4", "r4@0", "r4@4"]);
  });

  it("readLane picks the addressed byte lanes", () => {
    expect(readLane(0xaabbccdd, 0, 4)).toBe(0xaabbccdd);
    expect(readLane(0xaabbccdd, 1, 1)).toBe(0xcc);
    expect(readLane(0xaabbccdd, 2, 2)).toBe(0xaabb);
  });

  it("IrqSignal remembers its level and notifies subscribers only on changes", () => {
    const signal = new IrqSignal();
    const seen: boolean[] = [];
    const unsubscribe = signal.subscribe((level) => seen.push(level));
    signal.setLevel(true);
    signal.setLevel(true);
    signal.setLevel(false);
    unsubscribe();
    signal.setLevel(true);
    expect(seen).toEqual([true, false]);
    expect(signal.level).toBe(true);
  });
});
