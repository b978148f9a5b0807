/**
 * The transmit side of an Arm PL011 UART, as the bare-metal test machine needs it: bytes written
 * to UARTDR go to a callback, UARTFR reads "transmit FIFO empty, receive FIFO empty" so that
 * polling drivers never wait. Every other register reads as zero and ignores writes.
 */
import type { MmioDevice, MmioSize } from "../memory/types.js";

/** UARTDR: data register. */
const UARTDR = 0x000;
/** UARTFR: flag register. */
const UARTFR = 0x018;
/** UARTFR.TXFE | UARTFR.RXFE. */
const FR_TX_EMPTY_RX_EMPTY = 0x90n;

/** A PL011 whose transmitted bytes go to `transmit`. */
export class Pl011Transmitter implements MmioDevice {
  constructor(private readonly transmit: (byte: number) => void) {}

  /** @inheritdoc */
  read(offset: number, _size: MmioSize): bigint {
    return offset === UARTFR ? FR_TX_EMPTY_RX_EMPTY : 0n;
  }

  /** @inheritdoc */
  write(offset: number, _size: MmioSize, value: bigint): void {
    if (offset === UARTDR) this.transmit(Number(value & 0xffn));
  }
}
