/**
 * Host input on its way to the guest's UART: bytes wait here until the UART's driver listens and
 * its FIFO has room, so piped input (`echo cmd | pnpm linux`) is neither lost nor reordered.
 *
 * Input is paced in virtual time like a 115200-baud line (one 16-byte FIFO-full per 1.4 ms) and
 * starts {@link OPEN_DELAY_NS} after the driver unmasks RX: Linux's pl011_startup drains up to 32
 * bytes from the FIFO when the port opens, and would swallow input that arrived all at once.
 */
import { PL011_FIFO_DEPTH, PL011_INT, type Pl011 } from "@sel4ts/sel4-kernel-sim";

export interface UartInputPort {
  readonly acceptsInput: boolean;
  receive(bytes: Uint8Array): number;
}

/** Virtual time between the driver unmasking RX and the first input. */
export const OPEN_DELAY_NS = 20_000_000;
/** Virtual time per FIFO-full (16 bytes at 115200 baud, 10 bits each). */
export const FIFO_FILL_NS = 1_400_000;

export class ConsoleInput {
  private queue: Uint8Array = new Uint8Array(0);
  private openedAt: number | null = null;
  private lastFill = -Infinity;
  private port: UartInputPort | null = null;
  private onDelivered: () => void = () => {};

  /** Connects the UART; `onDelivered` runs after bytes were handed over (e.g. to wake the guest). */
  attach(port: UartInputPort, onDelivered: () => void): void {
    this.port = port;
    this.onDelivered = onDelivered;
  }

  push(bytes: Uint8Array): void {
    const joined = new Uint8Array(this.queue.length + bytes.length);
    joined.set(this.queue);
    joined.set(bytes, this.queue.length);
    this.queue = joined;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Offers queued bytes to the UART when the pacing allows; call often with the virtual time. */
  tick(nowNs: number): void {
    if (!this.port?.acceptsInput) {
      this.openedAt = null;
      return;
    }
    this.openedAt ??= nowNs;
    if (this.queue.length === 0 || nowNs - this.openedAt < OPEN_DELAY_NS || nowNs - this.lastFill < FIFO_FILL_NS) return;
    const taken = this.port.receive(this.queue);
    if (taken > 0) {
      this.lastFill = nowNs;
      this.queue = this.queue.slice(taken);
      this.onDelivered();
    }
  }
}

/**
 * The board's PL011 (passed through to the guest) as a port: its driver listens once RX or RX
 * timeout interrupts are unmasked, and at most a FIFO-full waits in the UART at a time.
 */
export function pl011InputPort(uart: Pl011): UartInputPort {
  return {
    get acceptsInput() {
      return (uart.save().imsc & (PL011_INT.RX | PL011_INT.RT)) !== 0;
    },
    receive(bytes) {
      const taken = Math.min(bytes.length, Math.max(0, PL011_FIFO_DEPTH - uart.pendingInput));
      if (taken > 0) uart.receive(bytes.subarray(0, taken));
      return taken;
    },
  };
}
