/**
 * The one error class of @sel4ts/libsel4vm. Documented failures of mirrored functions return
 * what C returns (and log a line); this is thrown only for misuse that C would not survive
 * either (e.g. a VM used before vm_init).
 */
export class Sel4VmError extends Error {
  /** Creates an error; the message names the function and the reason. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "Sel4VmError";
  }
}
