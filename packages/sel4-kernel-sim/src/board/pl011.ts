/**
 * ARM PrimeCell PL011 UART, register-level, as QEMU models it on the `virt` board.
 *
 * Transmission is instant (the TX FIFO is always empty, so FR.TXFE = 1, TXFF = BUSY = 0 and the
 * TX interrupt condition always holds). Received bytes wait in a host-side backlog and move into
 * the RX FIFO as it has room, the way QEMU's character backend only hands over what the UART can
 * take; the FIFO holds 16 bytes with LCR_H.FEN set and 1 byte without.
 */

import { KernelSimError } from "../errors";
import { readLane, type AccessSize, type BoardDevice, type IrqLine } from "./device";

/** Register offsets inside the PL011 window. */
export const PL011_REGISTERS = {
  DR: 0x00,
  RSR: 0x04,
  FR: 0x18,
  ILPR: 0x20,
  IBRD: 0x24,
  FBRD: 0x28,
  LCR_H: 0x2c,
  CR: 0x30,
  IFLS: 0x34,
  IMSC: 0x38,
  RIS: 0x3c,
  MIS: 0x40,
  ICR: 0x44,
  DMACR: 0x48,
} as const;

/** Flag register (FR) bits. */
export const PL011_FR = {
  BUSY: 1 << 3,
  RXFE: 1 << 4,
  TXFF: 1 << 5,
  RXFF: 1 << 6,
  TXFE: 1 << 7,
  RI: 1 << 8,
} as const;

/** Interrupt bits, shared by IMSC, RIS, MIS and ICR. */
export const PL011_INT = {
  RX: 1 << 4,
  TX: 1 << 5,
  RT: 1 << 6,
  FE: 1 << 7,
  PE: 1 << 8,
  BE: 1 << 9,
  OE: 1 << 10,
} as const;

/** Control register (CR) bits the model acts on. */
export const PL011_CR = { UARTEN: 1 << 0, LBE: 1 << 7, TXE: 1 << 8, RXE: 1 << 9 } as const;

/** LCR_H.FEN: FIFOs enabled. */
export const PL011_LCR_H_FEN = 1 << 4;

/** Depth of each FIFO with LCR_H.FEN set (PL011 revision r1p5: 16 entries). */
export const PL011_FIFO_DEPTH = 16;

/** PeriphID0–3 then CellID0–3, one byte per word at 0xFE0..0xFFC, as QEMU's `arm,pl011` returns them. */
const PL011_ID_BYTES = [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1] as const;
const ID_BASE = 0xfe0;

const ALL_INTERRUPTS = 0x7ff;
/** RX FIFO trigger levels selected by IFLS.RXIFLSEL (1/8, 1/4, 1/2, 3/4, 7/8 full). */
const RX_TRIGGER_EIGHTHS = [1, 2, 4, 6, 7] as const;

/** Where transmitted bytes go. */
export type ByteSink = (byte: number) => void;

/** A sink that writes each byte to the host's standard output (a no-op where there is none). */
export function stdoutByteSink(): ByteSink {
  return (byte) => {
    globalThis.process?.stdout?.write(Uint8Array.of(byte));
  };
}

/** Construction options of {@link Pl011}. */
export interface Pl011Options {
  /** The interrupt wire (on qemu-virt, SPI 1 = INTID 33 of the GIC). */
  irq: IrqLine;
  /** Receives every transmitted byte; default {@link stdoutByteSink}. */
  output?: ByteSink;
}

/** A snapshot of a {@link Pl011}. */
export interface Pl011State {
  /** Bytes in the RX FIFO, oldest first. */
  rxFifo: number[];
  /** Received bytes not yet taken into the RX FIFO, oldest first. */
  rxBacklog: number[];
  /** Receive status / error clear register. */
  rsr: number;
  ilpr: number;
  ibrd: number;
  fbrd: number;
  lcrH: number;
  cr: number;
  ifls: number;
  imsc: number;
  /** Latched raw interrupt status bits other than TX (which is always set). */
  ris: number;
  dmacr: number;
}

/** Register-level model of the PL011 UART. */
export class Pl011 implements BoardDevice<Pl011State> {
  readonly #irq: IrqLine;
  readonly #output: ByteSink;
  #rxFifo: number[] = [];
  #rxBacklog: number[] = [];
  #rsr = 0;
  #ilpr = 0;
  #ibrd = 0;
  #fbrd = 0;
  #lcrH = 0;
  #cr = PL011_CR.TXE | PL011_CR.RXE;
  #ifls = 0x12;
  #imsc = 0;
  #ris = 0;
  #dmacr = 0;

  /** Creates a UART in its reset state. */
  constructor(options: Pl011Options) {
    this.#irq = options.irq;
    this.#output = options.output ?? stdoutByteSink();
    this.#updateIrq();
  }

  /** Queues bytes arriving on the serial line; they enter the RX FIFO as it has room. */
  receive(bytes: Iterable<number>): void {
    for (const byte of bytes) this.#rxBacklog.push(byte & 0xff);
    this.#fillRxFifo();
  }

  /** Number of received bytes the guest has not read yet (FIFO plus backlog). */
  get pendingInput(): number {
    return this.#rxFifo.length + this.#rxBacklog.length;
  }

  /** Raw interrupt status: the latched bits plus TX, which holds because TX is instant. */
  get rawInterruptStatus(): number {
    return this.#ris | PL011_INT.TX;
  }

  /** Reads a register; sub-word reads take the addressed byte lanes of the 32-bit register. */
  read(offset: number, size: AccessSize): number {
    return readLane(this.#readRegister(offset & ~3), offset, size);
  }

  /** Writes a register; a sub-word write is placed in its byte lanes, the other lanes read as 0. */
  write(offset: number, size: AccessSize, value: number): void {
    const lanes = size >= 4 ? value >>> 0 : (value & ((1 << (size * 8)) - 1)) << ((offset & 3) * 8);
    this.#writeRegister(offset & ~3, lanes >>> 0);
  }

  /** A snapshot with named fields. */
  save(): Pl011State {
    return {
      rxFifo: [...this.#rxFifo],
      rxBacklog: [...this.#rxBacklog],
      rsr: this.#rsr,
      ilpr: this.#ilpr,
      ibrd: this.#ibrd,
      fbrd: this.#fbrd,
      lcrH: this.#lcrH,
      cr: this.#cr,
      ifls: this.#ifls,
      imsc: this.#imsc,
      ris: this.#ris,
      dmacr: this.#dmacr,
    };
  }

  /** Restores a snapshot and drives the interrupt line to match it. */
  restore(state: Pl011State): void {
    const depth = state.lcrH & PL011_LCR_H_FEN ? PL011_FIFO_DEPTH : 1;
    if (state.rxFifo.length > depth) {
      throw new KernelSimError("usage", `PL011 restore: RX FIFO holds ${state.rxFifo.length} bytes, more than its depth ${depth}`);
    }
    this.#rxFifo = state.rxFifo.map((b) => b & 0xff);
    this.#rxBacklog = state.rxBacklog.map((b) => b & 0xff);
    this.#rsr = state.rsr & 0xf;
    this.#ilpr = state.ilpr & 0xff;
    this.#ibrd = state.ibrd & 0xffff;
    this.#fbrd = state.fbrd & 0x3f;
    this.#lcrH = state.lcrH & 0xff;
    this.#cr = state.cr & 0xffff;
    this.#ifls = state.ifls & 0x3f;
    this.#imsc = state.imsc & ALL_INTERRUPTS;
    this.#ris = state.ris & ALL_INTERRUPTS & ~PL011_INT.TX;
    this.#dmacr = state.dmacr & 0x7;
    this.#fillRxFifo();
    this.#updateIrq();
  }

  #readRegister(offset: number): number {
    switch (offset) {
      case PL011_REGISTERS.DR:
        return this.#popRx();
      case PL011_REGISTERS.RSR:
        return this.#rsr;
      case PL011_REGISTERS.FR:
        return this.#flags();
      case PL011_REGISTERS.ILPR:
        return this.#ilpr;
      case PL011_REGISTERS.IBRD:
        return this.#ibrd;
      case PL011_REGISTERS.FBRD:
        return this.#fbrd;
      case PL011_REGISTERS.LCR_H:
        return this.#lcrH;
      case PL011_REGISTERS.CR:
        return this.#cr;
      case PL011_REGISTERS.IFLS:
        return this.#ifls;
      case PL011_REGISTERS.IMSC:
        return this.#imsc;
      case PL011_REGISTERS.RIS:
        return this.rawInterruptStatus;
      case PL011_REGISTERS.MIS:
        return this.rawInterruptStatus & this.#imsc;
      case PL011_REGISTERS.DMACR:
        return this.#dmacr;
      default:
        if (offset >= ID_BASE && offset < ID_BASE + PL011_ID_BYTES.length * 4) {
          return PL011_ID_BYTES[(offset - ID_BASE) >> 2] ?? 0;
        }
        return 0; // reserved and write-only registers (ICR) read as zero
    }
  }

  #writeRegister(offset: number, value: number): void {
    switch (offset) {
      case PL011_REGISTERS.DR:
        this.#transmit(value & 0xff);
        break;
      case PL011_REGISTERS.RSR:
        this.#rsr = 0; // any write clears the error flags
        break;
      case PL011_REGISTERS.ILPR:
        this.#ilpr = value & 0xff;
        break;
      case PL011_REGISTERS.IBRD:
        this.#ibrd = value & 0xffff;
        break;
      case PL011_REGISTERS.FBRD:
        this.#fbrd = value & 0x3f;
        break;
      case PL011_REGISTERS.LCR_H:
        this.#writeLineControl(value & 0xff);
        break;
      case PL011_REGISTERS.CR:
        this.#cr = value & 0xffff;
        break;
      case PL011_REGISTERS.IFLS:
        this.#ifls = value & 0x3f;
        if (this.#rxFifo.length > 0 && this.#rxFifo.length >= this.#rxTriggerLevel()) this.#ris |= PL011_INT.RX;
        this.#updateRxInterrupts();
        break;
      case PL011_REGISTERS.IMSC:
        this.#imsc = value & ALL_INTERRUPTS;
        this.#updateIrq();
        break;
      case PL011_REGISTERS.ICR:
        this.#ris &= ~value;
        this.#updateIrq();
        break;
      case PL011_REGISTERS.DMACR:
        this.#dmacr = value & 0x7; // no DMA engine is attached; the bits only read back
        break;
      default:
        break; // read-only and reserved registers ignore writes
    }
  }

  #flags(): number {
    let flags = PL011_FR.TXFE;
    if (this.#rxFifo.length === 0) flags |= PL011_FR.RXFE;
    if (this.#rxFifo.length >= this.#rxDepth()) flags |= PL011_FR.RXFF;
    return flags;
  }

  #transmit(byte: number): void {
    if (this.#cr & PL011_CR.LBE) {
      this.receive([byte]); // loopback: the transmitter feeds the receiver
      return;
    }
    this.#output(byte);
  }

  #writeLineControl(value: number): void {
    const fifoModeChanged = ((this.#lcrH ^ value) & PL011_LCR_H_FEN) !== 0;
    this.#lcrH = value;
    if (fifoModeChanged) {
      // Switching the FIFOs on or off flushes them; bytes not yet delivered stay in the backlog.
      this.#rxFifo = [];
      this.#fillRxFifo();
      this.#updateRxInterrupts();
    }
  }

  #popRx(): number {
    const byte = this.#rxFifo.shift();
    this.#fillRxFifo();
    this.#updateRxInterrupts();
    return byte ?? 0;
  }

  #rxDepth(): number {
    return this.#lcrH & PL011_LCR_H_FEN ? PL011_FIFO_DEPTH : 1;
  }

  #rxTriggerLevel(): number {
    if (!(this.#lcrH & PL011_LCR_H_FEN)) return 1;
    const eighths = RX_TRIGGER_EIGHTHS[(this.#ifls >> 3) & 7] ?? RX_TRIGGER_EIGHTHS[2];
    return (PL011_FIFO_DEPTH * eighths) / 8;
  }

  #fillRxFifo(): void {
    const depth = this.#rxDepth();
    let arrived = false;
    while (this.#rxFifo.length < depth && this.#rxBacklog.length > 0) {
      this.#rxFifo.push(this.#rxBacklog.shift()!);
      arrived = true;
    }
    if (arrived) {
      // New data sets RT at once (the model has no line timing, so the receive timeout has
      // always expired) and RX when the FIFO reaches its trigger level.
      this.#ris |= PL011_INT.RT;
      if (this.#rxFifo.length >= this.#rxTriggerLevel()) this.#ris |= PL011_INT.RX;
      this.#updateIrq();
    }
  }

  /** Drops RX/RT once the data that caused them has been read. */
  #updateRxInterrupts(): void {
    if (this.#rxFifo.length < this.#rxTriggerLevel()) this.#ris &= ~PL011_INT.RX;
    if (this.#rxFifo.length === 0) this.#ris &= ~PL011_INT.RT;
    this.#updateIrq();
  }

  #updateIrq(): void {
    this.#irq.setLevel((this.rawInterruptStatus & this.#imsc) !== 0);
  }
}
