import { CpuError } from "../core/errors.js";

/** What went wrong while loading or running a Linux user program. */
export type LinuxUserErrorKind =
  | "notElf"
  | "notAarch64"
  | "unsupportedElf"
  | "dynamicallyLinked"
  | "malformedElf"
  | "instructionLimit";

/**
 * Error raised by the Linux user-mode runner for bad program images and for harness limits.
 * Guest misbehaviour (faults, undefined instructions) is not an error: it ends the run with a
 * signal exit status instead.
 */
export class LinuxUserError extends CpuError {
  /** Machine-readable reason. */
  readonly kind: LinuxUserErrorKind;
  /** The message without the "linux-user: " prefix (what a CLI prints after its own name). */
  readonly detail: string;

  /** @param kind reason; @param message human-readable text that names the file and offset. */
  constructor(kind: LinuxUserErrorKind, message: string) {
    super(`linux-user: ${message}`);
    this.kind = kind;
    this.detail = message;
  }
}
