/** Synchronous line reading from a file or FIFO (a trace is compared from inside the CPU's instruction hook, which cannot wait for a promise). */
import { closeSync, openSync, readSync } from "node:fs";

const CHUNK = 1 << 20;

/** Reads `path` line by line with blocking reads; a FIFO works too (QEMU can write into it while the core runs). */
export class SyncLineReader {
  readonly #fd: number;
  readonly #buffer = Buffer.alloc(CHUNK);
  #pending = "";
  #lines: string[] = [];
  #next = 0;
  #eof = false;

  constructor(path: string) {
    this.#fd = openSync(path, "r");
  }

  /** The next line without its newline, or null at the end of the input. */
  next(): string | null {
    while (this.#next >= this.#lines.length) {
      if (this.#eof) return null;
      const count = readSync(this.#fd, this.#buffer, 0, CHUNK, null);
      if (count === 0) {
        this.#eof = true;
        this.#lines = this.#pending === "" ? [] : [this.#pending];
        this.#pending = "";
      } else {
        const text = this.#pending + this.#buffer.toString("latin1", 0, count);
        const lines = text.split("\n");
        this.#pending = lines.pop()!;
        this.#lines = lines;
      }
      this.#next = 0;
    }
    return this.#lines[this.#next++]!;
  }

  close(): void {
    closeSync(this.#fd);
  }
}
