/**
 * A PL011 UART at register level, enough for Linux's amba-pl011 driver and earlycon: transmit is
 * instant, received bytes wait in a FIFO, and the interrupt line is (RIS & IMSC) != 0.
 */
export interface Pl011Options {
  /** Bytes the guest transmits. */
  readonly onOutput: (byte: number) => void;
  /** Called when the interrupt line changes level. */
  readonly onIrqLevel: (high: boolean) => void;
}

const DR = 0x00, RSR = 0x04, FR = 0x18, IBRD = 0x24, FBRD = 0x28, LCR_H = 0x2c, CR = 0x30;
const IFLS = 0x34, IMSC = 0x38, RIS = 0x3c, MIS = 0x40, ICR = 0x44, DMACR = 0x48;
const FR_RXFE = 1 << 4, FR_TXFE = 1 << 7, FR_RXFF = 1 << 6;
const INT_RX = 1 << 4, INT_TX = 1 << 5, INT_RT = 1 << 6;
/** PeriphID0-3 then CellID0-3 (0xFE0..0xFFC), one byte per word: QEMU's values (revision 1). */
const ID_BYTES = [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];
const FIFO_DEPTH = 16;

export class Pl011 {
  private readonly rx: number[] = [];
  private ris = INT_TX; // the transmit FIFO is always empty
  private imsc = 0;
  private lcrH = 0;
  private cr = 0x300;
  private ibrd = 0;
  private fbrd = 0;
  private ifls = 0x12;
  private dmacr = 0;
  private level = false;

  constructor(private readonly options: Pl011Options) {}

  /** Queues input bytes; returns how many fitted (the rest should be offered again later). */
  receive(bytes: Uint8Array): number {
    let taken = 0;
    while (taken < bytes.length && this.rx.length < FIFO_DEPTH) this.rx.push(bytes[taken++]!);
    if (taken > 0) {
      this.ris |= INT_RX | INT_RT;
      this.update();
    }
    return taken;
  }

  /** Free space of the receive FIFO. */
  get rxSpace(): number {
    return FIFO_DEPTH - this.rx.length;
  }

  /**
   * True once a driver listens (RX interrupts unmasked): input offered before that would sit in the
   * FIFO while Linux is still booting, and its tty layer drops what arrives before the port opens.
   */
  get acceptsInput(): boolean {
    return (this.imsc & (INT_RX | INT_RT)) !== 0;
  }

  get irqLevel(): boolean {
    return this.level;
  }

  read(offset: number): number {
    switch (offset) {
      case DR: {
        const byte = this.rx.shift() ?? 0;
        if (this.rx.length === 0) this.ris &= ~(INT_RX | INT_RT);
        this.update();
        return byte;
      }
      case RSR: return 0;
      case FR: return FR_TXFE | (this.rx.length === 0 ? FR_RXFE : 0) | (this.rx.length >= FIFO_DEPTH ? FR_RXFF : 0);
      case IBRD: return this.ibrd;
      case FBRD: return this.fbrd;
      case LCR_H: return this.lcrH;
      case CR: return this.cr;
      case IFLS: return this.ifls;
      case IMSC: return this.imsc;
      case RIS: return this.ris;
      case MIS: return this.ris & this.imsc;
      case DMACR: return this.dmacr;
      default:
        if (offset >= 0xfe0 && offset < 0x1000) return ID_BYTES[(offset - 0xfe0) >> 2]!;
        return 0;
    }
  }

  write(offset: number, value: number): void {
    switch (offset) {
      case DR: this.options.onOutput(value & 0xff); break;
      case IBRD: this.ibrd = value & 0xffff; break;
      case FBRD: this.fbrd = value & 0x3f; break;
      case LCR_H: this.lcrH = value & 0xff; break;
      case CR: this.cr = value & 0xffff; break;
      case IFLS: this.ifls = value & 0x3f; break;
      case IMSC:
        this.imsc = value & 0x7ff;
        this.update();
        break;
      case ICR:
        // TX stays asserted (the FIFO is always empty); RX/RT stay while data waits.
        this.ris &= ~value | INT_TX | (this.rx.length > 0 ? INT_RX | INT_RT : 0);
        this.update();
        break;
      case DMACR: this.dmacr = value & 7; break;
      default: break;
    }
  }

  private update(): void {
    const level = (this.ris & this.imsc) !== 0;
    if (level !== this.level) {
      this.level = level;
      this.options.onIrqLevel(level);
    }
  }
}
