/** Kernel symbols from a System.map (`ADDRESS TYPE NAME` lines, as `nm -n` prints them) for fault reports. */

/** Text symbol types: code addresses resolve only to these (t/T text, w/W weak). */
const CODE_TYPES = new Set(["t", "T", "w", "W"]);

/** Address-sorted kernel symbols; {@link symbolize} names a code address as `name+0xoffset`. */
export class SystemMap {
  readonly #addresses: bigint[];
  readonly #names: string[];

  private constructor(addresses: bigint[], names: string[]) {
    this.#addresses = addresses;
    this.#names = names;
  }

  /** Parses System.map text; throws an Error naming the first line that is not `HEX TYPE NAME`. */
  static parse(text: string, source = "System.map"): SystemMap {
    const entries: [bigint, string][] = [];
    let lineNumber = 0;
    for (const line of text.split("\n")) {
      lineNumber++;
      if (line.trim() === "") continue;
      const match = /^([0-9a-fA-F]{1,16})\s+(\S)\s+(\S+)/.exec(line);
      if (match === null) throw new Error(`${source}:${lineNumber}: expected "ADDRESS TYPE NAME" (a System.map), got "${line.slice(0, 60)}"`);
      if (CODE_TYPES.has(match[2]!)) entries.push([BigInt(`0x${match[1]}`), match[3]!]);
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return new SystemMap(
      entries.map(([address]) => address),
      entries.map(([, name]) => name),
    );
  }

  /** The address of code symbol `name`, or null. */
  addressOf(name: string): bigint | null {
    const index = this.#names.indexOf(name);
    return index < 0 ? null : this.#addresses[index]!;
  }

  /**
   * A symbolizer for a kernel whose image was loaded at physical address `loadAddress`: addresses
   * below the kernel's virtual range (the MMU-off start of head.S) are moved to its link address.
   */
  kernelSymbolizer(loadAddress: number): (address: bigint) => string | null {
    const text = this.addressOf("_text");
    return (address) => this.symbolize(text !== null && address < 1n << 48n ? address - BigInt(loadAddress) + text : address);
  }

  /** Number of code symbols. */
  get size(): number {
    return this.#addresses.length;
  }

  /**
   * `name+0xoffset` of the code symbol at or below `address`, or null below the first symbol or
   * more than 1 MiB past the last one (not kernel text).
   */
  symbolize(address: bigint): string | null {
    const addresses = this.#addresses;
    let low = 0;
    let high = addresses.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (addresses[mid]! <= address) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (found < 0) return null;
    const offset = address - addresses[found]!;
    if (found === addresses.length - 1 && offset > 0x10_0000n) return null;
    return offset === 0n ? this.#names[found]! : `${this.#names[found]!}+0x${offset.toString(16)}`;
  }
}
