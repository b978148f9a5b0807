/**
 * Collects text lines and hands them to `flushTo` in large chunks: --trace prints a line per
 * instruction, and one host write per line would dominate the run time.
 */
export class LineSink {
  private pending: string[] = [];
  private size = 0;

  /** @param flushTo receives the buffered text; @param limit characters buffered before a flush */
  constructor(
    private readonly flushTo: (text: string) => void,
    private readonly limit = 1 << 16,
  ) {}

  /** Adds one line (without its newline). */
  line(text: string): void {
    this.pending.push(text);
    this.size += text.length + 1;
    if (this.size >= this.limit) this.flush();
  }

  /** Writes out everything buffered. */
  flush(): void {
    if (this.pending.length === 0) return;
    const text = `${this.pending.join("\n")}\n`;
    this.pending = [];
    this.size = 0;
    this.flushTo(text);
  }
}
