/**
 * What went wrong, as a machine-readable tag. Blob errors come from {@link Fdt.parse} and typed
 * property access; writer errors come from misuse of {@link FdtWriter}.
 */
export type FdtErrorKind =
  /** The blob ends (or `totalsize` ends) before a structure that should be there. */
  | "truncated"
  /** The first word is not 0xd00dfeed. */
  | "bad-magic"
  /** `version` / `last_comp_version` are outside what this reader understands. */
  | "bad-version"
  /** A header field (size or block offset) is inconsistent or out of range. */
  | "bad-header"
  /** A block or token is not at the alignment the format requires. */
  | "misaligned"
  /** A structure-block token that is not BEGIN_NODE, END_NODE, PROP, NOP or END. */
  | "bad-token"
  /** Tokens in an order the format forbids (e.g. END_NODE with no open node, data after END). */
  | "bad-structure"
  /** A node name or strings-block entry with no NUL before the end of its block. */
  | "unterminated-string"
  /** Nodes nested deeper than the reader's limit. */
  | "too-deep"
  /** A property whose value does not have the shape the caller asked for. */
  | "bad-value"
  /** A node, property or phandle that was asked for and is not in the tree. */
  | "not-found"
  /** A node or property name the device tree specification does not allow (for the reader: a node name with "/"). */
  | "bad-name"
  /** Writer calls in an order that cannot produce a valid tree. */
  | "misuse";

/**
 * The one error class of `@sel4ts/fdt`. `offset` is the byte offset in the blob where the problem
 * was found (for writer misuse: the offset in the structure block being written), and the message
 * names that offset and what was expected there.
 */
export class FdtError extends Error {
  /** What went wrong. */
  readonly kind: FdtErrorKind;
  /** Byte offset of the problem in the blob, when the error is about a blob position. */
  readonly offset: number | undefined;

  /**
   * @param kind what went wrong
   * @param detail what was found and what was expected
   * @param offset byte offset in the blob, if the error is tied to one
   * @param source name of the blob (e.g. a file name) to prefix the message with
   */
  constructor(kind: FdtErrorKind, detail: string, offset?: number, source?: string) {
    const where = offset === undefined ? "" : `at byte ${offset} (0x${offset.toString(16)}): `;
    super(`${source ?? "fdt"}: ${where}${detail}`);
    this.name = "FdtError";
    this.kind = kind;
    this.offset = offset;
  }
}
