/**
 * The one error class of @sel4ts/libsel4vmmplatsupport. Documented failures of mirrored functions
 * return what C returns (and log a line); this is thrown only for misuse C would not survive
 * either (a BAR table longer than six entries, an unaligned BAR address, …).
 */
export class Sel4VmmPlatsupportError extends Error {
  /** Creates an error; the message names the function and the reason. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "Sel4VmmPlatsupportError";
  }
}
