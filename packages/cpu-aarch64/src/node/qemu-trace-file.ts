/** QEMU instruction traces read from files and FIFOs. */
import { QemuTraceParser, type QemuTraceStep } from "../trace/qemu-trace.js";
import { SyncLineReader } from "./line-reader.js";

/** A QEMU `-d exec,cpu,nochain` log opened for step-by-step reading. */
export interface QemuTraceSource {
  /** The next step, or null at the end of the log. Throws QemuTraceFormatError on a malformed dump. */
  next(): QemuTraceStep | null;
  close(): void;
}

/**
 * Opens a QEMU log (a file, or a FIFO QEMU writes with `-D`). Throws the `fs` error when it cannot
 * be opened (ENOENT and the like).
 */
export function openQemuTrace(path: string): QemuTraceSource {
  const reader = new SyncLineReader(path);
  const parser = new QemuTraceParser();
  let done = false;
  return {
    next() {
      while (!done) {
        const line = reader.next();
        if (line === null) {
          done = true;
          return parser.finish();
        }
        const step = parser.push(line);
        if (step !== null) return step;
      }
      return null;
    },
    close() {
      reader.close();
    },
  };
}
