import { readSync, writeSync } from "node:fs";
import { isatty } from "node:tty";
import type { TerminalSize, UserIo } from "../user/io.js";

/** Sleeps the thread briefly without spinning: used when a non-blocking host fd says EAGAIN. */
function pause(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
}

function isErrno(error: unknown, code: string): boolean {
  return (error as { code?: unknown }).code === code;
}

/** strerror() texts of the errors a write to stdout or stderr can meet. */
const WRITE_ERRORS: Readonly<Record<string, string>> = {
  EPIPE: "Broken pipe",
  ENOSPC: "No space left on device",
  EIO: "Input/output error",
  EBADF: "Bad file descriptor",
  EFBIG: "File too large",
  EDQUOT: "Disk quota exceeded",
};

/**
 * The host could not take what the program wrote to stdout or stderr (a closed pipe, a full
 * disk): the run cannot go on, and the command ends the way other command-line tools do.
 */
export class HostOutputError extends Error {
  constructor(
    readonly fd: 1 | 2,
    readonly code: string,
  ) {
    super(`write error: ${WRITE_ERRORS[code] ?? code}`);
    this.name = "HostOutputError";
  }
}

/**
 * The guest's standard streams on this process's real fds 0, 1 and 2, with synchronous
 * fs.readSync/writeSync: a guest read blocks the runner exactly as it would block the program.
 */
export class NodeProcessIo implements UserIo {
  /** Reads from host fd 0; EOF is 0, a non-blocking fd is retried until data or EOF arrives. */
  readStdin(buffer: Uint8Array): number {
    for (;;) {
      try {
        return readSync(0, buffer, 0, buffer.length, null);
      } catch (error) {
        if (isErrno(error, "EAGAIN")) pause();
        else if (isErrno(error, "EOF")) return 0;
        else throw error;
      }
    }
  }

  /** Writes all of `bytes` to host fd 1 or 2; throws HostOutputError when the host refuses them. */
  write(fd: 1 | 2, bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        if (isErrno(error, "EAGAIN")) pause();
        else {
          const code = (error as { code?: unknown }).code;
          throw new HostOutputError(fd, typeof code === "string" ? code : "EIO");
        }
      }
    }
  }

  /** Asks the host whether the fd is a terminal. */
  isTerminal(fd: 0 | 1 | 2): boolean {
    return isatty(fd);
  }

  /** The host terminal's size when the stream is a TTY. */
  terminalSize(fd: 0 | 1 | 2): TerminalSize | null {
    const stream = fd === 0 ? null : fd === 1 ? process.stdout : process.stderr;
    if (stream === null || !stream.isTTY) return null;
    return { rows: stream.rows, columns: stream.columns };
  }
}
