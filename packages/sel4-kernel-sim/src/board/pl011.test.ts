import { describe, expect, it } from "vitest";
import { IrqSignal } from "./device";
import { PL011_CR, PL011_FR, PL011_INT, PL011_LCR_H_FEN, PL011_REGISTERS as R, Pl011 } from "./pl011";

function uart() {
  const irq = new IrqSignal();
  const output: number[] = [];
  const device = new Pl011({ irq, output: (byte) => output.push(byte) });
  return { irq, output, device };
}

const read = (d: Pl011, offset: number) => d.read(offset, 4);
const write = (d: Pl011, offset: number, value: number) => d.write(offset, 4, value);

describe("PL011 (aarch64-linux-boot §6 PL011)", () => {
  it("returns QEMU's PeriphID 11 10 14 00 and CellID 0D F0 05 B1, one byte per word at 0xFE0", () => {
    const { device } = uart();
    const ids = Array.from({ length: 8 }, (_, i) => read(device, 0xfe0 + 4 * i));
    expect(ids).toEqual([0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
  });

  it("resets with FR = TXFE|RXFE, CR = TXE|RXE, IFLS = 0x12, nothing masked in", () => {
    const { device, irq } = uart();
    expect(read(device, R.FR)).toBe(PL011_FR.TXFE | PL011_FR.RXFE);
    expect(read(device, R.CR)).toBe(PL011_CR.TXE | PL011_CR.RXE);
    expect(read(device, R.IFLS)).toBe(0x12);
    expect(read(device, R.IMSC)).toBe(0);
    expect(irq.level).toBe(false);
  });

  it("transmits DR writes to the sink at once (TX is instant: TXFE=1, TXFF=BUSY=0)", () => {
    const { device, output } = uart();
    write(device, R.DR, 0x48);
    device.write(R.DR, 1, 0x69);
    device.write(R.DR, 2, 0x121); // only the low 8 bits are data
    expect(output).toEqual([0x48, 0x69, 0x21]);
    const fr = read(device, R.FR);
    expect(fr & (PL011_FR.TXFF | PL011_FR.BUSY)).toBe(0);
    expect(fr & PL011_FR.TXFE).toBe(PL011_FR.TXFE);
  });

  it("keeps TXRIS asserted; the line follows (RIS & IMSC) != 0 when TXIM is enabled", () => {
    const { device, irq } = uart();
    expect(read(device, R.RIS) & PL011_INT.TX).toBe(PL011_INT.TX);
    write(device, R.IMSC, PL011_INT.TX);
    expect(irq.level).toBe(true);
    expect(read(device, R.MIS)).toBe(PL011_INT.TX);
    write(device, R.IMSC, 0);
    expect(irq.level).toBe(false);
    expect(read(device, R.MIS)).toBe(0);
  });

  it("holds one received byte without FIFOs (RXFF after one byte) and 16 with LCR_H.FEN", () => {
    const { device } = uart();
    device.receive([1, 2, 3]);
    expect(read(device, R.FR) & PL011_FR.RXFF).toBe(PL011_FR.RXFF);
    expect(read(device, R.DR)).toBe(1);
    expect(read(device, R.DR)).toBe(2); // the backlog refills the 1-deep holding register
    write(device, R.LCR_H, PL011_LCR_H_FEN); // flushes byte 3 from the holding register
    device.receive(Array.from({ length: 20 }, (_, i) => 100 + i));
    expect(device.pendingInput).toBe(20);
    expect(read(device, R.FR) & PL011_FR.RXFF).toBe(PL011_FR.RXFF);
    const drained: number[] = [];
    while (!(read(device, R.FR) & PL011_FR.RXFE)) drained.push(read(device, R.DR));
    expect(drained).toEqual([...Array.from({ length: 20 }, (_, i) => 100 + i)]);
  });

  it("raises RX and RT while received data waits and drops them when the FIFO is drained", () => {
    const { device, irq } = uart();
    write(device, R.IMSC, PL011_INT.RX | PL011_INT.RT);
    expect(irq.level).toBe(false);
    device.receive([0x41]);
    expect(read(device, R.RIS) & (PL011_INT.RX | PL011_INT.RT)).toBe(PL011_INT.RX | PL011_INT.RT);
    expect(irq.level).toBe(true);
    expect(read(device, R.DR)).toBe(0x41);
    expect(read(device, R.RIS) & (PL011_INT.RX | PL011_INT.RT)).toBe(0);
    expect(irq.level).toBe(false);
  });

  it("asserts RX only at the IFLS trigger level with FIFOs on (RXIFLSEL 0b010 = half full), RT at once", () => {
    const { device } = uart();
    write(device, R.LCR_H, PL011_LCR_H_FEN);
    device.receive([1, 2, 3, 4, 5, 6, 7]);
    expect(read(device, R.RIS) & (PL011_INT.RX | PL011_INT.RT)).toBe(PL011_INT.RT);
    device.receive([8]);
    expect(read(device, R.RIS) & PL011_INT.RX).toBe(PL011_INT.RX);
    read(device, R.DR);
    expect(read(device, R.RIS) & PL011_INT.RX).toBe(0); // below the trigger again
    write(device, R.IFLS, 0); // 1/8 full = 2 bytes: 7 waiting bytes reach it
    expect(read(device, R.RIS) & PL011_INT.RX).toBe(PL011_INT.RX);
  });

  it("clears latched interrupt bits with write-1-to-clear ICR; ICR reads as zero", () => {
    const { device, irq } = uart();
    write(device, R.IMSC, PL011_INT.RT);
    device.receive([7]);
    expect(irq.level).toBe(true);
    write(device, R.ICR, PL011_INT.RX);
    expect(read(device, R.RIS) & PL011_INT.RT).toBe(PL011_INT.RT);
    write(device, R.ICR, PL011_INT.RT);
    expect(irq.level).toBe(false);
    expect(read(device, R.ICR)).toBe(0);
  });

  it("stores IBRD (16 bits), FBRD (6 bits), LCR_H, CR, IFLS, IMSC (11 bits), DMACR (3 bits)", () => {
    const { device } = uart();
    const cases: Array<[number, number, number]> = [
      [R.IBRD, 0xfffff, 0xffff],
      [R.FBRD, 0xff, 0x3f],
      [R.LCR_H, 0x1ff, 0xff],
      [R.CR, 0x1ffff, 0xffff],
      [R.IFLS, 0xff, 0x3f],
      [R.IMSC, 0xffff, 0x7ff],
      [R.DMACR, 0xff, 0x7],
    ];
    for (const [offset, value, expected] of cases) {
      write(device, offset, value);
      expect(read(device, offset), `offset 0x${offset.toString(16)}`).toBe(expected);
    }
  });

  it("ignores writes to FR, RIS and MIS", () => {
    const { device } = uart();
    write(device, R.FR, 0);
    write(device, R.RIS, 0x7ff);
    expect(read(device, R.FR)).toBe(PL011_FR.TXFE | PL011_FR.RXFE);
    expect(read(device, R.RIS)).toBe(PL011_INT.TX);
  });

  it("loops transmitted bytes back into the receiver when CR.LBE is set", () => {
    const { device, output } = uart();
    write(device, R.CR, PL011_CR.UARTEN | PL011_CR.TXE | PL011_CR.RXE | PL011_CR.LBE);
    write(device, R.DR, 0x5a);
    expect(output).toEqual([]);
    expect(read(device, R.DR)).toBe(0x5a);
  });

  it("flushes the RX FIFO when FEN changes but keeps undelivered bytes", () => {
    const { device } = uart();
    device.receive([1, 2]);
    write(device, R.LCR_H, PL011_LCR_H_FEN);
    expect(read(device, R.DR)).toBe(2);
    expect(read(device, R.FR) & PL011_FR.RXFE).toBe(PL011_FR.RXFE);
  });

  it("round-trips save()/restore() with named fields, including FIFO contents and the IRQ level", () => {
    const a = uart();
    write(a.device, R.LCR_H, PL011_LCR_H_FEN);
    write(a.device, R.IBRD, 13);
    write(a.device, R.IMSC, PL011_INT.RX | PL011_INT.RT);
    a.device.receive([9, 8, 7]);
    const state = a.device.save();
    expect(state).toMatchObject({ rxFifo: [9, 8, 7], rxBacklog: [], ibrd: 13, lcrH: PL011_LCR_H_FEN });
    const b = uart();
    b.device.restore(structuredClone(state));
    expect(b.irq.level).toBe(true);
    expect(b.device.save()).toEqual(state);
    expect([read(b.device, R.DR), read(b.device, R.DR), read(b.device, R.DR)]).toEqual([9, 8, 7]);
  });
});
