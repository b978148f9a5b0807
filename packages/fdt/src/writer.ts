import { ByteSink } from "./byte-sink.js";
import { FdtError } from "./errors.js";
import {
  FDT_BEGIN_NODE,
  FDT_END,
  FDT_END_NODE,
  FDT_HEADER_SIZE,
  FDT_LAST_COMP_VERSION,
  FDT_MAGIC,
  FDT_PROP,
  FDT_RESERVE_ENTRY_SIZE,
  FDT_VERSION,
} from "./format.js";
import type { MemoryReservation } from "./format.js";
import { checkNodeName, checkPropertyName, childPath } from "./names.js";
import { StringTable } from "./string-table.js";
import { checkU32, encodeBytes, encodeCells, encodeStrings, encodeU64s, toU64 } from "./values.js";

/** Options for {@link FdtWriter}. */
export interface FdtWriterOptions {
  /** `boot_cpuid_phys` header field: the physical id of the boot CPU (default 0). */
  readonly bootCpuidPhys?: number;
}

/**
 * A node opened by {@link FdtWriter.beginNode}; hand it back to {@link FdtWriter.endNode} so the
 * writer can check that nodes are closed innermost first.
 */
export interface FdtWriterNode {
  /** Full path of the node, e.g. `/cpus/cpu@0`. */
  readonly path: string;
}

/** The names that hold a node's phandle; `linux,phandle` is the pre-ePAPR spelling. */
const PHANDLE_PROPERTIES = new Set(["phandle", "linux,phandle"]);

interface OpenNode {
  readonly handle: FdtWriterNode;
  readonly propertyNames: Set<string>;
  readonly childNames: Set<string>;
  /** Name of the first child, once one was begun: properties are not allowed after it. */
  firstChild: string | undefined;
}

const UTF8 = new TextEncoder();

/**
 * Writes a flattened device tree blob (version 17, last compatible version 16), in the layout dtc
 * uses: header, memory reservation block, structure block, strings block.
 *
 * ```ts
 * const w = new FdtWriter();
 * const root = w.beginNode("");
 * w.propertyString("compatible", "linux,dummy-virt");
 * const chosen = w.beginNode("chosen");
 * w.propertyString("bootargs", "console=ttyAMA0");
 * w.endNode(chosen);
 * w.endNode(root);
 * const dtb = w.finish();
 * ```
 *
 * A node's properties must come before its children; names are checked against the Devicetree
 * Specification; sibling nodes and a node's properties must have distinct names. Misuse throws
 * {@link FdtError}.
 */
export class FdtWriter {
  private readonly struct = new ByteSink();
  private readonly strings = new StringTable();
  private readonly reservations: MemoryReservation[] = [];
  private readonly open: OpenNode[] = [];
  /** phandle value → path of the node that holds it. */
  private readonly assignedPhandles = new Map<number, string>();
  /** phandles handed out by {@link allocatePhandle} that no node holds yet. */
  private readonly pendingPhandles = new Set<number>();
  private bootCpuidPhys: number;
  private rootClosed = false;
  private finished = false;

  /** Starts an empty tree. */
  constructor(options: FdtWriterOptions = {}) {
    this.bootCpuidPhys = 0;
    if (options.bootCpuidPhys !== undefined) this.setBootCpuidPhys(options.bootCpuidPhys);
  }

  /** Sets the header's `boot_cpuid_phys` field. */
  setBootCpuidPhys(cpuid: number): void {
    checkU32(cpuid, "boot_cpuid_phys");
    this.bootCpuidPhys = cpuid;
  }

  /** Adds an entry (a `/memreserve/`) to the memory reservation block. */
  addMemoryReservation(address: number | bigint, size: number | bigint): void {
    this.checkNotFinished();
    const entry = { address: toU64(address, "reservation address"), size: toU64(size, "reservation size") };
    if (entry.size === 0n) {
      throw new FdtError("bad-value", "a memory reservation must not have size 0 (that marks the end of the list)");
    }
    this.reservations.push(entry);
  }

  /**
   * Opens a node inside the innermost open node. The first node must be the root, named "".
   * Returns a handle for {@link endNode}.
   */
  beginNode(name: string): FdtWriterNode {
    this.checkNotFinished();
    const parent = this.open.at(-1);
    let path: string;
    if (parent === undefined) {
      if (this.rootClosed) throw new FdtError("misuse", `node "${name}" begun after the root node was closed`);
      if (name !== "") throw new FdtError("misuse", `the first node must be the root node "", not "${name}"`);
      path = "/";
    } else {
      checkNodeName(name);
      if (parent.childNames.has(name)) {
        throw new FdtError("misuse", `node ${parent.handle.path} already has a child named "${name}"`);
      }
      parent.childNames.add(name);
      parent.firstChild ??= name;
      path = childPath(parent.handle.path, name);
    }
    const handle: FdtWriterNode = Object.freeze({ path });
    this.open.push({ handle, propertyNames: new Set(), childNames: new Set(), firstChild: undefined });
    this.struct.u32(FDT_BEGIN_NODE);
    this.struct.append(UTF8.encode(name));
    this.struct.append(Uint8Array.of(0));
    this.struct.padTo(4);
    return handle;
  }

  /** Closes `node`, which must be the innermost open node. */
  endNode(node: FdtWriterNode): void {
    this.checkNotFinished();
    const innermost = this.open.at(-1);
    if (innermost === undefined) throw new FdtError("misuse", `endNode(${node.path}) with no open node`);
    if (innermost.handle !== node) {
      throw new FdtError("misuse", `endNode(${node.path}) while ${innermost.handle.path} is the innermost open node`);
    }
    this.open.pop();
    if (this.open.length === 0) this.rootClosed = true;
    this.struct.u32(FDT_END_NODE);
  }

  /** Adds a property with a raw value to the innermost open node. */
  property(name: string, value: Uint8Array): void {
    this.checkNotFinished();
    checkPropertyName(name);
    const node = this.open.at(-1);
    if (node === undefined) throw new FdtError("misuse", `property "${name}" outside of any node`);
    if (node.firstChild !== undefined) {
      throw new FdtError(
        "misuse",
        `property "${name}" of ${node.handle.path} after its child node "${node.firstChild}" (properties come first)`
      );
    }
    if (node.propertyNames.has(name)) {
      throw new FdtError("misuse", `node ${node.handle.path} already has a property "${name}"`);
    }
    if (PHANDLE_PROPERTIES.has(name)) this.claimPhandle(name, value, node.handle.path);
    node.propertyNames.add(name);
    this.struct.u32(FDT_PROP);
    this.struct.u32(value.length);
    this.struct.u32(this.strings.offsetOf(name));
    this.struct.append(value);
    this.struct.padTo(4);
  }

  /** Adds a property with no value (a boolean such as `interrupt-controller;`). */
  propertyEmpty(name: string): void {
    this.property(name, new Uint8Array(0));
  }

  /** Adds raw bytes (`[de ad be ef]`). */
  propertyBytes(name: string, value: Uint8Array | readonly number[]): void {
    this.property(name, encodeBytes(value, `property "${name}"`));
  }

  /** Adds one u32 cell (`<value>`). */
  propertyU32(name: string, value: number): void {
    this.property(name, encodeCells([value], `property "${name}"`));
  }

  /** Adds one u64 as two cells (`/bits/ 64 <value>`). */
  propertyU64(name: string, value: number | bigint): void {
    this.property(name, encodeU64s([value], `property "${name}"`));
  }

  /** Adds u32 cells (`<a b c>`), e.g. `interrupts` or a `reg` with one-cell addresses. */
  propertyCells(name: string, values: readonly number[]): void {
    this.property(name, encodeCells(values, `property "${name}"`));
  }

  /** Adds u64 values, two cells each, e.g. a `reg` with two-cell addresses and sizes. */
  propertyU64Array(name: string, values: readonly (number | bigint)[]): void {
    this.property(name, encodeU64s(values, `property "${name}"`));
  }

  /** Adds a NUL-terminated string (`"value"`). */
  propertyString(name: string, value: string): void {
    this.property(name, encodeStrings([value], `property "${name}"`));
  }

  /** Adds a string list (`"a", "b"`), each string NUL-terminated. */
  propertyStringList(name: string, values: readonly string[]): void {
    this.property(name, encodeStrings(values, `property "${name}"`));
  }

  /**
   * Returns a phandle no node holds and none was allocated before (the lowest from 1), so that
   * references can be written before the node they point to. Give it to a node with
   * {@link propertyPhandle} before {@link finish}.
   */
  allocatePhandle(): number {
    let phandle = 1;
    while (this.assignedPhandles.has(phandle) || this.pendingPhandles.has(phandle)) phandle++;
    this.pendingPhandles.add(phandle);
    return phandle;
  }

  /** Gives the innermost open node the `phandle` property `value` (allocated or chosen). */
  propertyPhandle(value: number): void {
    this.propertyU32("phandle", value);
  }

  /** Completes the blob. The writer cannot be used afterwards. */
  finish(): Uint8Array {
    this.checkNotFinished();
    const innermost = this.open.at(-1);
    if (innermost !== undefined) throw new FdtError("misuse", `finish() while ${innermost.handle.path} is still open`);
    if (!this.rootClosed) throw new FdtError("misuse", "finish() before the root node was written");
    const [dangling] = this.pendingPhandles;
    if (dangling !== undefined) {
      throw new FdtError("misuse", `phandle ${dangling} was allocated but no node was given it`);
    }
    this.finished = true;
    this.struct.u32(FDT_END);
    return this.assemble();
  }

  private claimPhandle(name: string, value: Uint8Array, path: string): void {
    if (value.length !== 4) throw new FdtError("bad-value", `"${name}" of ${path} must be one u32 cell`);
    const phandle = new DataView(value.buffer, value.byteOffset, 4).getUint32(0);
    if (phandle === 0 || phandle === 0xffffffff) {
      throw new FdtError("bad-value", `"${name}" of ${path} must not be 0 or 0xffffffff`);
    }
    const holder = this.assignedPhandles.get(phandle);
    if (holder !== undefined && holder !== path) {
      throw new FdtError("misuse", `phandle ${phandle} of ${path} is already held by ${holder}`);
    }
    this.assignedPhandles.set(phandle, path);
    this.pendingPhandles.delete(phandle);
  }

  private checkNotFinished(): void {
    if (this.finished) throw new FdtError("misuse", "the writer was already finished");
  }

  private assemble(): Uint8Array {
    const struct = this.struct.toBytes();
    const strings = this.strings.toBytes();
    const offMemRsvmap = FDT_HEADER_SIZE; // 40, already 8-byte aligned
    const offDtStruct = offMemRsvmap + (this.reservations.length + 1) * FDT_RESERVE_ENTRY_SIZE;
    const offDtStrings = offDtStruct + struct.length;
    const totalsize = offDtStrings + strings.length;

    const out = new ByteSink();
    for (const field of [
      FDT_MAGIC,
      totalsize,
      offDtStruct,
      offDtStrings,
      offMemRsvmap,
      FDT_VERSION,
      FDT_LAST_COMP_VERSION,
      this.bootCpuidPhys,
      strings.length,
      struct.length,
    ]) {
      out.u32(field);
    }
    for (const { address, size } of this.reservations) {
      out.u64(address);
      out.u64(size);
    }
    out.u64(0n);
    out.u64(0n);
    out.append(struct);
    out.append(strings);
    return out.toBytes();
  }
}
