/**
 * The guest console's bytes to a host stream a line at a time. A Linux boot prints about 25,000
 * bytes; one `write` each cost 0.1–0.2 s of the boot (a system call apiece on a pipe, a file or a
 * terminal), a write per line about 300 calls. Bytes after the last newline (a shell prompt, an
 * echoed key) go out on the next turn of the host's event loop, which the kernel sim hands over
 * at least every 50 ms of a run, or at the next newline or `flush`, whichever comes first.
 */
export class ConsoleOutput {
  private readonly buffer: Buffer;
  private length = 0;
  private scheduled = false;

  /**
   * @param write takes each chunk (latin1: one character per byte, as the UART sends them)
   * @param capacity bytes held at most before a write even without a newline
   */
  constructor(
    private readonly write: (text: string) => void,
    capacity = 4096,
  ) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError(`ConsoleOutput: capacity ${capacity} is not a positive whole number of bytes`);
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** One byte from the guest's UART. */
  push(byte: number): void {
    this.buffer[this.length++] = byte;
    if (byte === 0x0a || this.length === this.buffer.length) {
      this.flush();
    } else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Writes what is held now (before anything else goes to the terminal, and when the run ends). */
  flush(): void {
    if (this.length === 0) return;
    const text = this.buffer.toString("latin1", 0, this.length);
    this.length = 0;
    this.write(text);
  }
}
