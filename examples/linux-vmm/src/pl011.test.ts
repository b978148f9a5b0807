import { describe, expect, it } from "vitest";
import { Pl011 } from "./pl011.js";

function uart() {
  const out: number[] = [];
  const levels: boolean[] = [];
  const dev = new Pl011({ onOutput: (b) => out.push(b), onIrqLevel: (l) => levels.push(l) });
  return { dev, out, levels };
}

describe("Pl011", () => {
  it("reads QEMU's PeriphID and CellID bytes (the AMBA bus probes them)", () => {
    const { dev } = uart();
    expect([0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc].map((o) => dev.read(o))).toEqual([0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
  });
  it("transmits at once and reports an empty TX FIFO", () => {
    const { dev, out } = uart();
    dev.write(0, 0x41);
    expect(out).toEqual([0x41]);
    expect(dev.read(0x18) & 0xb8).toBe(0x90); // TXFE, RXFE; not BUSY or TXFF
  });
  it("raises its line for RX data while RXIM is set, and drops it once the FIFO is read empty", () => {
    const { dev, levels } = uart();
    dev.write(0x38, 1 << 4 | 1 << 6); // RXIM | RTIM
    expect(dev.receive(Uint8Array.of(0x61, 0x62))).toBe(2);
    expect(levels).toEqual([true]);
    expect(dev.read(0x40)).toBe(0x50);
    expect(dev.read(0)).toBe(0x61);
    expect(dev.irqLevel).toBe(true);
    expect(dev.read(0)).toBe(0x62);
    expect(levels).toEqual([true, false]);
    expect(dev.read(0x18) & 0x10).toBe(0x10);
  });
  it("keeps TX asserted (TXIM raises the line until masked again) and takes at most 16 bytes", () => {
    const { dev, levels } = uart();
    dev.write(0x38, 1 << 5);
    expect(levels).toEqual([true]);
    dev.write(0x44, 0x7ff);
    expect(dev.irqLevel).toBe(true);
    dev.write(0x38, 0);
    expect(levels).toEqual([true, false]);
    expect(dev.receive(new Uint8Array(20))).toBe(16);
    expect(dev.rxSpace).toBe(0);
  });
});
