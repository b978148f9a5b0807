/** Errors of building or running a Microkit system (bad system files are `SdfError`s). */
export type MicrokitErrorKind = "program" | "build" | "usage";

export class MicrokitError extends Error {
  override readonly name = "MicrokitError";
  constructor(
    readonly kind: MicrokitErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
