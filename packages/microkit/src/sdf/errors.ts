/**
 * The one error type of the SDF loader. Its message is exactly what the Microkit tool prints
 * (`Error: <what> on element '<name>': <file>:<line>:<col>`), so users can compare the two.
 */
export class SdfError extends Error {
  override readonly name = "SdfError";
  readonly kind = "sdf" as const;
}
