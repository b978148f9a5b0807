/**
 * Watches the guest console for the lines that end a run badly (a panic or an oops) and keeps the
 * last lines for the error report.
 */
export class ConsoleWatch {
  private readonly lines: string[] = [];
  private current = "";
  /** "panic" / "oops" once seen. */
  failure: "panic" | "oops" | null = null;

  constructor(private readonly keep = 25) {}

  byte(byte: number): void {
    if (byte === 0x0a) {
      this.line(this.current.replace(/\r$/, ""));
      this.current = "";
    } else if (this.current.length < 4096) {
      this.current += String.fromCharCode(byte);
    }
  }

  private line(text: string): void {
    this.lines.push(text);
    if (this.lines.length > this.keep) this.lines.shift();
    if (/Kernel panic - not syncing/.test(text)) this.failure = "panic";
    else if (this.failure === null && /Internal error: Oops|BUG: kernel NULL pointer|Unable to handle kernel/.test(text)) this.failure = "oops";
  }

  /** The last lines, the unfinished one included. */
  lastLines(): string[] {
    return this.current ? [...this.lines, this.current] : [...this.lines];
  }
}
