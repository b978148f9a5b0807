/**
 * The strings block: property names, each stored once. Like dtc, a name that already occurs as the
 * tail of a stored name (`s` in `#address-cells`) reuses those bytes, so that a tree written here
 * can be byte-identical to dtc's output. Names are checked to be ASCII before they get here, so
 * string indices are byte offsets.
 */
export class StringTable {
  /** The block as text: names, each followed by "\0". */
  private text = "";

  /** Offset of `name` in the block, adding it if it is not there yet. */
  offsetOf(name: string): number {
    const found = this.text.indexOf(`${name}\0`);
    if (found >= 0) return found;
    const offset = this.text.length;
    this.text += `${name}\0`;
    return offset;
  }

  /** The block's bytes. */
  toBytes(): Uint8Array {
    return Uint8Array.from(this.text, (char) => char.charCodeAt(0));
  }
}
