/** Size of a terminal, for TIOCGWINSZ. */
export interface TerminalSize {
  rows: number;
  columns: number;
}

/**
 * Where the guest's standard streams go. The runner calls these synchronously from its
 * read/write syscalls, so an implementation must not block on a promise.
 */
export interface UserIo {
  /** Fills `buffer` with up to `buffer.length` bytes of stdin; returns the count, 0 at end of input. */
  readStdin(buffer: Uint8Array): number;
  /** Consumes guest output on fd 1 (stdout) or 2 (stderr). */
  write(fd: 1 | 2, bytes: Uint8Array): void;
  /** Whether fd 0, 1 or 2 is a terminal (decides TCGETS/TIOCGWINSZ and fstat's file type). */
  isTerminal?(fd: 0 | 1 | 2): boolean;
  /** The terminal's size, when `fd` is a terminal. */
  terminalSize?(fd: 0 | 1 | 2): TerminalSize | null;
}

/** A UserIo over an in-memory stdin that collects stdout and stderr. */
export class BufferedUserIo implements UserIo {
  private readonly input: Uint8Array;
  private inputOffset = 0;
  private readonly output: { 1: Uint8Array[]; 2: Uint8Array[] } = { 1: [], 2: [] };

  /** @param stdin everything the guest will read from fd 0 */
  constructor(stdin: Uint8Array = new Uint8Array(0)) {
    this.input = stdin;
  }

  /** Copies the next bytes of the stdin buffer. */
  readStdin(buffer: Uint8Array): number {
    const count = Math.min(buffer.length, this.input.length - this.inputOffset);
    buffer.set(this.input.subarray(this.inputOffset, this.inputOffset + count));
    this.inputOffset += count;
    return count;
  }

  /** Keeps a copy of the bytes. */
  write(fd: 1 | 2, bytes: Uint8Array): void {
    this.output[fd].push(bytes.slice());
  }

  /** Everything written to fd 1 (1) or fd 2 (2) so far. */
  collected(fd: 1 | 2): Uint8Array {
    const parts = this.output[fd];
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  }
}
