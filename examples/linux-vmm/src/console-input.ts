/**
 * Host input on its way to the guest's UART: bytes wait here until the UART's driver listens and
 * its FIFO has room, so piped input (`echo cmd | pnpm linux`) is neither lost nor reordered.
 */
export interface UartInputPort {
  readonly acceptsInput: boolean;
  receive(bytes: Uint8Array): number;
}

export class ConsoleInput {
  private queue: Uint8Array = new Uint8Array(0);
  private port: UartInputPort | null = null;
  private onDelivered: () => void = () => {};

  /** Connects the UART; `onDelivered` runs after bytes were handed over (e.g. to wake the guest). */
  attach(port: UartInputPort, onDelivered: () => void): void {
    this.port = port;
    this.onDelivered = onDelivered;
    this.pump();
  }

  push(bytes: Uint8Array): void {
    const joined = new Uint8Array(this.queue.length + bytes.length);
    joined.set(this.queue);
    joined.set(bytes, this.queue.length);
    this.queue = joined;
    this.pump();
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Offers queued bytes to the UART; call when it can take more. */
  pump(): void {
    if (!this.port?.acceptsInput || this.queue.length === 0) return;
    const taken = this.port.receive(this.queue);
    if (taken > 0) {
      this.queue = this.queue.slice(taken);
      this.onDelivered();
    }
  }
}
