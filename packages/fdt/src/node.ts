import { FdtError } from "./errors.js";
import { checkNodeName, checkPropertyName, childPath, splitNodeName } from "./names.js";
import { encodeBytes, encodeCells, encodeStrings, encodeU64s } from "./values.js";

const UTF8 = new TextDecoder();
/** Defaults of `#address-cells` and `#size-cells` when a node does not say (DT spec §2.3.5). */
const DEFAULT_ADDRESS_CELLS = 2;
const DEFAULT_SIZE_CELLS = 1;

/** Big-endian cells joined into one number. */
function joinCells(cells: readonly number[]): bigint {
  return cells.reduce((value, cell) => (value << 32n) | BigInt(cell), 0n);
}

/**
 * A property of a tree node, with typed accessors that check the value's shape. Its value never
 * changes: setting a property gives the node a new FdtProperty.
 */
export class FdtProperty {
  /** Property name. */
  readonly name: string;
  /** Path of the node that holds the property. */
  readonly nodePath: string;
  /** Byte offset of the property's FDT_PROP token in the parsed blob; `undefined` if it was set later. */
  readonly offset: number | undefined;
  private readonly value: Uint8Array;
  private readonly source: string | undefined;

  /** Wraps `value`, which must not change afterwards (the reader passes its private copy of the blob). */
  constructor(name: string, nodePath: string, value: Uint8Array, offset: number | undefined, source?: string) {
    this.name = name;
    this.nodePath = nodePath;
    this.value = value;
    this.offset = offset;
    this.source = source;
  }

  /** Length of the value in bytes. */
  get length(): number {
    return this.value.length;
  }

  /** True for a property with no value (a boolean such as `interrupt-controller;`). */
  get isEmpty(): boolean {
    return this.value.length === 0;
  }

  /** A copy of the raw value. */
  asBytes(): Uint8Array {
    return this.value.slice();
  }

  /** The value as one u32 cell; it must be exactly 4 bytes. */
  asU32(): number {
    this.expectLength(4, "one u32 cell");
    return this.view().getUint32(0);
  }

  /** The value as one u64 (two cells); it must be exactly 8 bytes. */
  asU64(): bigint {
    this.expectLength(8, "one u64 (two cells)");
    return this.view().getBigUint64(0);
  }

  /** The value as u32 cells; its length must be a multiple of 4. */
  asCells(): number[] {
    this.expectMultiple(4, "u32 cells");
    const view = this.view();
    return Array.from({ length: this.value.length / 4 }, (_, i) => view.getUint32(i * 4));
  }

  /** The value as u64 values (two cells each); its length must be a multiple of 8. */
  asU64Array(): bigint[] {
    this.expectMultiple(8, "u64 values (two cells each)");
    const view = this.view();
    return Array.from({ length: this.value.length / 8 }, (_, i) => view.getBigUint64(i * 8));
  }

  /** The value as one NUL-terminated string with no NUL inside. */
  asString(): string {
    const nul = this.value.indexOf(0);
    if (nul < 0 || nul !== this.value.length - 1) {
      throw this.shapeError(
        "one NUL-terminated string",
        nul < 0 ? "no NUL terminator" : `a NUL at byte ${nul} of the value`
      );
    }
    return UTF8.decode(this.value.subarray(0, nul));
  }

  /** The value as a list of NUL-terminated strings (an empty value is an empty list). */
  asStringList(): string[] {
    if (this.value.length === 0) return [];
    if (this.value[this.value.length - 1] !== 0) {
      throw this.shapeError("NUL-terminated strings", "a last byte that is not NUL");
    }
    return UTF8.decode(this.value.subarray(0, -1)).split("\0");
  }

  private view(): DataView {
    return new DataView(this.value.buffer, this.value.byteOffset, this.value.byteLength);
  }

  private expectLength(length: number, what: string): void {
    if (this.value.length !== length) throw this.shapeError(what, `${this.value.length} bytes`);
  }

  private expectMultiple(unit: number, what: string): void {
    if (this.value.length % unit !== 0) {
      throw this.shapeError(what, `${this.value.length} bytes, not a multiple of ${unit}`);
    }
  }

  /** A `bad-value` {@link FdtError} about this property: names it, its node, and its offset. */
  valueError(detail: string): FdtError {
    return new FdtError(
      "bad-value",
      `property "${this.name}" of ${this.nodePath}: ${detail}`,
      this.offset,
      this.source
    );
  }

  private shapeError(expected: string, found: string): FdtError {
    return this.valueError(`expected ${expected}, found ${found}`);
  }
}

/**
 * What a node is made from. The node keeps (and later edits) the two arrays; the reader fills
 * them while it parses the node's contents.
 */
export interface FdtNodeInit {
  /** Full node name, e.g. `cpu@0` (the root's is ""). */
  readonly name: string;
  /** Parent node, `undefined` for the root. */
  readonly parent: FdtNode | undefined;
  /** Byte offset of the node's FDT_BEGIN_NODE token, `undefined` for a node added by editing. */
  readonly offset: number | undefined;
  /** Properties in blob order. */
  readonly properties: FdtProperty[];
  /** Child nodes in blob order. */
  readonly children: FdtNode[];
  /** Name of the blob, for error messages. */
  readonly source?: string | undefined;
}

/**
 * A node of a device tree: read from a blob, and editable (`setU32`, `addChild`, ...) like
 * libfdt's read-write functions; {@link Fdt.toBlob} writes the edited tree.
 */
export class FdtNode {
  /** Full node name, e.g. `cpu@0` (the root's is ""). */
  readonly name: string;
  /** Parent node, `undefined` for the root. */
  readonly parent: FdtNode | undefined;
  /** Full path, e.g. `/cpus/cpu@0` (the root's is `/`). */
  readonly path: string;
  /** Byte offset of the node's FDT_BEGIN_NODE token in the parsed blob; `undefined` if added later. */
  readonly offset: number | undefined;
  private readonly ownProperties: FdtProperty[];
  private readonly ownChildren: FdtNode[];
  private readonly source: string | undefined;

  /** Builds a node around `init`'s arrays (see {@link FdtNodeInit}). */
  constructor(init: FdtNodeInit) {
    this.name = init.name;
    this.parent = init.parent;
    this.offset = init.offset;
    this.ownProperties = init.properties;
    this.ownChildren = init.children;
    this.source = init.source;
    this.path = init.parent === undefined ? "/" : childPath(init.parent.path, init.name);
  }

  /** Properties in blob order (properties set later come last). */
  get properties(): readonly FdtProperty[] {
    return this.ownProperties;
  }

  /** Child nodes in blob order (children added later come last). */
  get children(): readonly FdtNode[] {
    return this.ownChildren;
  }

  /** The name without its unit address (`cpu` for `cpu@0`). */
  get baseName(): string {
    return splitNodeName(this.name).base;
  }

  /** The unit address (`0` for `cpu@0`), or `undefined` when the name has none. */
  get unitAddress(): string | undefined {
    return splitNodeName(this.name).unitAddress;
  }

  /** The property called `name`, or `undefined`. */
  property(name: string): FdtProperty | undefined {
    return this.properties.find((p) => p.name === name);
  }

  /** The property called `name`; throws a `not-found` {@link FdtError} if there is none. */
  getProperty(name: string): FdtProperty {
    const found = this.property(name);
    if (found === undefined) {
      throw new FdtError("not-found", `node ${this.path} has no property "${name}"`, this.offset, this.source);
    }
    return found;
  }

  /**
   * The child called `name`. A name without `@` also matches a child with a unit address
   * (`cpu` finds `cpu@0`) when no child is called exactly `name`; the first in blob order wins.
   */
  child(name: string): FdtNode | undefined {
    const exact = this.children.find((c) => c.name === name);
    if (exact !== undefined || name.includes("@")) return exact;
    return this.children.find((c) => c.baseName === name);
  }

  /**
   * The node's `#address-cells`: how many cells its children's `reg` addresses take (default 2,
   * as the Devicetree Specification says).
   */
  get addressCells(): number {
    return this.property("#address-cells")?.asU32() ?? DEFAULT_ADDRESS_CELLS;
  }

  /** The node's `#size-cells`: how many cells its children's `reg` sizes take (default 1). */
  get sizeCells(): number {
    return this.property("#size-cells")?.asU32() ?? DEFAULT_SIZE_CELLS;
  }

  /**
   * The node's `reg` property as (address, size) pairs, using the parent's `#address-cells` and
   * `#size-cells` (cells are joined big-endian, so a 3-cell PCI address comes out whole). Empty if
   * the node has no `reg`; throws a `bad-value` {@link FdtError} if its length does not fit.
   */
  reg(): { address: bigint; size: bigint }[] {
    const property = this.property("reg");
    if (property === undefined) return [];
    const addressCells = this.parent?.addressCells ?? DEFAULT_ADDRESS_CELLS;
    const sizeCells = this.parent?.sizeCells ?? DEFAULT_SIZE_CELLS;
    const cells = property.asCells();
    const stride = addressCells + sizeCells;
    if (stride === 0 || cells.length % stride !== 0) {
      throw property.valueError(
        `expected a multiple of ${stride} cells (#address-cells ${addressCells} + #size-cells ${sizeCells}), found ${cells.length}`
      );
    }
    const entries: { address: bigint; size: bigint }[] = [];
    for (let at = 0; at < cells.length; at += stride) {
      entries.push({
        address: joinCells(cells.slice(at, at + addressCells)),
        size: joinCells(cells.slice(at + addressCells, at + stride)),
      });
    }
    return entries;
  }

  /** The node's `compatible` strings, most specific first (empty if it has none). */
  get compatible(): string[] {
    return this.property("compatible")?.asStringList() ?? [];
  }

  /** The node's `phandle` (or legacy `linux,phandle`) value, if it has one. */
  get phandle(): number | undefined {
    const property = this.property("phandle") ?? this.property("linux,phandle");
    return property?.length === 4 ? property.asU32() : undefined;
  }

  /**
   * Sets property `name` to a copy of `value`: an existing property keeps its place, a new one
   * comes after the others. Returns the new property.
   */
  setProperty(name: string, value: Uint8Array): FdtProperty {
    checkPropertyName(name);
    const property = new FdtProperty(name, this.path, value.slice(), undefined, this.source);
    const at = this.ownProperties.findIndex((p) => p.name === name);
    if (at < 0) this.ownProperties.push(property);
    else this.ownProperties[at] = property;
    return property;
  }

  /** Sets an empty (boolean) property. */
  setEmpty(name: string): FdtProperty {
    return this.setProperty(name, new Uint8Array(0));
  }

  /** Sets a raw-bytes property. */
  setBytes(name: string, value: Uint8Array | readonly number[]): FdtProperty {
    return this.setProperty(name, encodeBytes(value, `property "${name}"`));
  }

  /** Sets a one-cell property. */
  setU32(name: string, value: number): FdtProperty {
    return this.setProperty(name, encodeCells([value], `property "${name}"`));
  }

  /** Sets a u64 (two-cell) property. */
  setU64(name: string, value: number | bigint): FdtProperty {
    return this.setProperty(name, encodeU64s([value], `property "${name}"`));
  }

  /** Sets a property of u32 cells. */
  setCells(name: string, values: readonly number[]): FdtProperty {
    return this.setProperty(name, encodeCells(values, `property "${name}"`));
  }

  /** Sets a property of u64 values, two cells each. */
  setU64Array(name: string, values: readonly (number | bigint)[]): FdtProperty {
    return this.setProperty(name, encodeU64s(values, `property "${name}"`));
  }

  /** Sets a string property. */
  setString(name: string, value: string): FdtProperty {
    return this.setProperty(name, encodeStrings([value], `property "${name}"`));
  }

  /** Sets a string-list property. */
  setStringList(name: string, values: readonly string[]): FdtProperty {
    return this.setProperty(name, encodeStrings(values, `property "${name}"`));
  }

  /** Removes property `name`; returns whether there was one. */
  deleteProperty(name: string): boolean {
    const at = this.ownProperties.findIndex((p) => p.name === name);
    if (at >= 0) this.ownProperties.splice(at, 1);
    return at >= 0;
  }

  /** Adds an empty child node called `name` after the others; throws if one has that exact name. */
  addChild(name: string): FdtNode {
    checkNodeName(name);
    if (this.ownChildren.some((c) => c.name === name)) {
      throw new FdtError("misuse", `node ${this.path} already has a child named "${name}"`);
    }
    const child = new FdtNode({
      name,
      parent: this,
      offset: undefined,
      properties: [],
      children: [],
      source: this.source,
    });
    this.ownChildren.push(child);
    return child;
  }

  /** Removes the child called exactly `name` (and its subtree); returns whether there was one. */
  removeChild(name: string): boolean {
    const at = this.ownChildren.findIndex((c) => c.name === name);
    if (at >= 0) this.ownChildren.splice(at, 1);
    return at >= 0;
  }
}
