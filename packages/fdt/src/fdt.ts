import { FdtError } from "./errors.js";
import { parseHeader } from "./header.js";
import type { FdtHeader } from "./header.js";
import type { FdtNode, FdtProperty } from "./node.js";
import { parseMemoryReservations, parseStructure } from "./structure.js";
import type { MemoryReservation } from "./format.js";
import { FdtWriter } from "./writer.js";

/** Options for {@link Fdt.parse}. */
export interface FdtParseOptions {
  /** Name of the blob (e.g. its file name), used to prefix error messages. */
  readonly source?: string;
  /** Deepest node nesting accepted (the root is depth 1); default 64. */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 64;

/**
 * A parsed device tree blob: header, memory reservations and the node tree, with lookup by path
 * and by phandle. Parsing validates the whole blob up front and throws {@link FdtError} (with the
 * byte offset and what was expected) for anything malformed.
 *
 * ```ts
 * const fdt = Fdt.parse(dtb, { source: "virt.dtb" });
 * const uart = fdt.getNode("/pl011@9000000");
 * const [base, size] = uart.getProperty("reg").asU64Array();
 * const gic = fdt.resolvePhandle(fdt.root.getProperty("interrupt-parent"));
 * ```
 */
export class Fdt {
  /** The header of the blob as it was parsed (edits do not change it). */
  readonly header: FdtHeader;
  /** The memory reservation block, without its (0, 0) terminator; edit it in place. */
  readonly memoryReservations: MemoryReservation[];
  /** The root node. */
  readonly root: FdtNode;
  /** `boot_cpuid_phys` for {@link toBlob}; starts as the parsed header's. */
  bootCpuidPhys: number;
  private readonly source: string | undefined;

  private constructor(header: FdtHeader, reservations: MemoryReservation[], root: FdtNode, source: string | undefined) {
    this.header = header;
    this.memoryReservations = reservations;
    this.root = root;
    this.bootCpuidPhys = header.bootCpuidPhys;
    this.source = source;
  }

  /** A tree with nothing but an empty root node, to build up by editing. */
  static create(): Fdt {
    const writer = new FdtWriter();
    writer.endNode(writer.beginNode(""));
    return Fdt.parse(writer.finish());
  }

  /** Parses and validates `blob` (it is copied: later changes to it do not affect the result). */
  static parse(blob: Uint8Array, options: FdtParseOptions = {}): Fdt {
    const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    if (!Number.isInteger(maxDepth) || maxDepth < 1) {
      throw new FdtError(
        "bad-value",
        `maxDepth must be a positive integer, got ${maxDepth}`,
        undefined,
        options.source
      );
    }
    const copy = new Uint8Array(blob); // a copy even for a Buffer, whose slice() is a view
    const header = parseHeader(copy, options.source);
    const ctx = { blob: copy, header, source: options.source };
    const reservations = parseMemoryReservations(ctx);
    const root = parseStructure(ctx, maxDepth);
    return new Fdt(header, reservations, root, options.source);
  }

  /** Every node, depth first in blob order, starting with the root. */
  *walk(): Generator<FdtNode> {
    const stack: FdtNode[] = [this.root];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      yield node;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }

  /**
   * The node at `path`, or `undefined`. Paths are absolute (`/cpus/cpu@0`) or start with an alias
   * from `/aliases` (`serial0/...`). A component without `@` also matches a node with a unit
   * address when no node is called exactly that (`/cpus/cpu` finds `cpu@0`).
   */
  findNode(path: string): FdtNode | undefined {
    let node: FdtNode | undefined = this.root;
    let rest = path;
    if (!path.startsWith("/")) {
      const slash = path.indexOf("/");
      const alias = slash < 0 ? path : path.slice(0, slash);
      const target = this.root.child("aliases")?.property(alias);
      if (target === undefined || alias === "") return undefined;
      const targetPath = target.asStringList()[0];
      if (targetPath === undefined || !targetPath.startsWith("/")) return undefined;
      node = this.findNode(targetPath);
      rest = slash < 0 ? "" : path.slice(slash);
    }
    for (const component of rest.split("/")) {
      if (component === "") continue;
      node = node?.child(component);
    }
    return node;
  }

  /** The node at `path` (see {@link findNode}); throws a `not-found` {@link FdtError} if there is none. */
  getNode(path: string): FdtNode {
    const node = this.findNode(path);
    if (node === undefined) throw new FdtError("not-found", `no node at path "${path}"`, undefined, this.source);
    return node;
  }

  /** Every node whose `compatible` list contains `compatible`, in blob order. */
  findCompatible(compatible: string): FdtNode[] {
    return [...this.walk()].filter((node) => node.compatible.includes(compatible));
  }

  /**
   * The interrupt controller `node`'s interrupts go to: the `interrupt-parent` of the node or of
   * its nearest ancestor that has one, or `undefined` if none does. Throws a `not-found`
   * {@link FdtError} if that `interrupt-parent` names a phandle no node has.
   */
  interruptParent(node: FdtNode): FdtNode | undefined {
    for (let at: FdtNode | undefined = node; at !== undefined; at = at.parent) {
      const property = at.property("interrupt-parent");
      if (property !== undefined) return this.resolvePhandle(property);
    }
    return undefined;
  }

  /** The node whose `phandle` (or `linux,phandle`) is `phandle` (the first in blob order), or `undefined`. */
  nodeByPhandle(phandle: number): FdtNode | undefined {
    for (const node of this.walk()) if (node.phandle === phandle) return node;
    return undefined;
  }

  /**
   * `node`'s phandle, giving it one (one more than the largest in the tree, as libfdt's
   * `fdt_generate_phandle` does) if it has none.
   */
  allocatePhandle(node: FdtNode): number {
    const existing = node.phandle;
    if (existing !== undefined) return existing;
    let largest = 0;
    for (const other of this.walk()) largest = Math.max(largest, other.phandle ?? 0);
    if (largest >= 0xfffffffe)
      throw new FdtError("misuse", "no phandle left: the tree already uses 0xfffffffe", undefined, this.source);
    node.setU32("phandle", largest + 1);
    return largest + 1;
  }

  /**
   * Writes the tree (with any edits) as a blob with {@link FdtWriter}: memory reservations, boot
   * CPU, nodes and properties in order. An unedited blob that dtc produced comes back byte for
   * byte; names or phandles the writer rejects (e.g. two nodes with one phandle) throw its error.
   */
  toBlob(): Uint8Array {
    const writer = new FdtWriter({ bootCpuidPhys: this.bootCpuidPhys });
    for (const { address, size } of this.memoryReservations) writer.addMemoryReservation(address, size);
    // Each stack entry is a node to open, or the close of one already opened.
    type Step = { open: FdtNode } | { close: ReturnType<FdtWriter["beginNode"]> };
    const steps: Step[] = [{ open: this.root }];
    for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
      if ("close" in step) {
        writer.endNode(step.close);
        continue;
      }
      const node = step.open;
      const handle = writer.beginNode(node.name);
      for (const property of node.properties) writer.property(property.name, property.asBytes());
      steps.push({ close: handle });
      for (let i = node.children.length - 1; i >= 0; i--) steps.push({ open: node.children[i]! });
    }
    return writer.finish();
  }

  /**
   * The node that cell `index` of `property` refers to by phandle (e.g. `interrupt-parent`, or
   * `clocks` whose cells are all phandles); throws a `not-found` {@link FdtError} if none has it.
   */
  resolvePhandle(property: FdtProperty, index = 0): FdtNode {
    const cells = property.asCells();
    const phandle = cells[index];
    if (phandle === undefined) {
      throw new FdtError(
        "not-found",
        `property "${property.name}" of ${property.nodePath} has ${cells.length} cells, no cell ${index}`,
        property.offset,
        this.source
      );
    }
    const node = this.nodeByPhandle(phandle);
    if (node === undefined) {
      throw new FdtError(
        "not-found",
        `property "${property.name}" of ${property.nodePath} refers to phandle ${phandle}, which no node has`,
        property.offset,
        this.source
      );
    }
    return node;
  }
}
