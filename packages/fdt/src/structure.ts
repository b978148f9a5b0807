import { FdtError } from "./errors.js";
import type { FdtErrorKind } from "./errors.js";
import { FDT_BEGIN_NODE, FDT_END, FDT_END_NODE, FDT_NOP, FDT_PROP, FDT_RESERVE_ENTRY_SIZE, alignUp } from "./format.js";
import type { FdtHeader } from "./header.js";
import { FdtNode, FdtProperty } from "./node.js";
import type { MemoryReservation } from "./format.js";

const UTF8 = new TextDecoder();

/** Where a parse reads from: the blob, its validated header, and how to name it in errors. */
export interface BlobContext {
  /** The blob (the reader's private copy). */
  readonly blob: Uint8Array;
  /** Its validated header. */
  readonly header: FdtHeader;
  /** Name of the blob for error messages. */
  readonly source: string | undefined;
}

function fail(ctx: BlobContext, kind: FdtErrorKind, detail: string, offset: number): never {
  throw new FdtError(kind, detail, offset, ctx.source);
}

function viewOf(blob: Uint8Array): DataView {
  return new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
}

/** Reads the memory reservation list up to its (0, 0) terminator, which must lie within totalsize. */
export function parseMemoryReservations(ctx: BlobContext): MemoryReservation[] {
  const view = viewOf(ctx.blob);
  const entries: MemoryReservation[] = [];
  for (let at = ctx.header.offMemRsvmap; ; at += FDT_RESERVE_ENTRY_SIZE) {
    if (at + FDT_RESERVE_ENTRY_SIZE > ctx.header.totalsize) {
      fail(
        ctx,
        "truncated",
        `expected a memory reservation entry or the (0, 0) terminator, but totalsize ${ctx.header.totalsize} ends first`,
        at
      );
    }
    const address = view.getBigUint64(at);
    const size = view.getBigUint64(at + 8);
    if (address === 0n && size === 0n) return entries;
    entries.push({ address, size });
  }
}

/** Reads a NUL-terminated string starting at `start` that must end before `end`. */
function cString(ctx: BlobContext, start: number, end: number, what: string): { text: string; next: number } {
  const nul = ctx.blob.subarray(start, end).indexOf(0);
  if (nul < 0)
    fail(ctx, "unterminated-string", `expected a NUL-terminated ${what}, but no NUL comes before byte ${end}`, start);
  return { text: UTF8.decode(ctx.blob.subarray(start, start + nul)), next: start + nul + 1 };
}

interface OpenNode {
  readonly node: FdtNode;
  readonly properties: FdtProperty[];
  readonly children: FdtNode[];
}

const TOKEN_NAMES = "FDT_BEGIN_NODE (0x1), FDT_END_NODE (0x2), FDT_PROP (0x3), FDT_NOP (0x4) or FDT_END (0x9)";

/**
 * Parses the structure block into a node tree. The walk is linear in the block's size and never
 * recurses, so hostile blobs can neither loop nor overflow the stack; nesting beyond `maxDepth`
 * is rejected.
 */
export function parseStructure(ctx: BlobContext, maxDepth: number): FdtNode {
  const view = viewOf(ctx.blob);
  const { offDtStruct, sizeDtStruct, offDtStrings, sizeDtStrings } = ctx.header;
  const end = offDtStruct + sizeDtStruct;
  const stringsEnd = offDtStrings + sizeDtStrings;
  const open: OpenNode[] = [];
  let root: FdtNode | undefined;

  const word = (at: number, what: string): number => {
    if (at + 4 > end) fail(ctx, "truncated", `expected ${what}, but the structure block ends at byte ${end}`, at);
    return view.getUint32(at);
  };

  let at = offDtStruct;
  for (;;) {
    const tokenAt = at;
    const token = word(at, root === undefined ? "FDT_BEGIN_NODE of the root node" : "a structure token");
    at += 4;
    switch (token) {
      case FDT_NOP:
        break;
      case FDT_BEGIN_NODE: {
        const parent = open.at(-1);
        if (parent === undefined && root !== undefined) {
          fail(
            ctx,
            "bad-structure",
            "expected FDT_END after the root node, found a second top-level FDT_BEGIN_NODE",
            tokenAt
          );
        }
        if (open.length >= maxDepth) fail(ctx, "too-deep", `nodes nested deeper than ${maxDepth} levels`, tokenAt);
        const { text: name, next } = cString(ctx, at, end, "node name");
        if (parent === undefined && name !== "") {
          fail(ctx, "bad-structure", `expected the root node's empty name, found "${name}"`, at);
        }
        if (parent !== undefined && name === "") {
          fail(ctx, "bad-structure", `expected a name for a child node of ${parent.node.path}, found an empty one`, at);
        }
        if (name.includes("/")) {
          fail(ctx, "bad-name", `expected a node name without "/" (it separates path components), found "${name}"`, at);
        }
        at = alignUp(next, 4);
        const properties: FdtProperty[] = [];
        const children: FdtNode[] = [];
        const node = new FdtNode({
          name,
          parent: parent?.node,
          offset: tokenAt,
          properties,
          children,
          source: ctx.source,
        });
        if (parent === undefined) root = node;
        else parent.children.push(node);
        open.push({ node, properties, children });
        break;
      }
      case FDT_END_NODE: {
        if (open.pop() === undefined) {
          fail(
            ctx,
            "bad-structure",
            "expected FDT_BEGIN_NODE or FDT_END, found FDT_END_NODE with no open node",
            tokenAt
          );
        }
        break;
      }
      case FDT_PROP: {
        const holder = open.at(-1);
        if (holder === undefined)
          fail(ctx, "bad-structure", "expected FDT_BEGIN_NODE, found FDT_PROP outside of any node", tokenAt);
        const length = word(at, "the property's length");
        const nameOffset = word(at + 4, "the property's name offset");
        at += 8;
        if (length > end - at) {
          fail(
            ctx,
            "truncated",
            `property value of ${length} bytes runs past the structure block's end at byte ${end}`,
            tokenAt
          );
        }
        if (holder.children.length > 0) {
          fail(
            ctx,
            "bad-structure",
            `expected FDT_BEGIN_NODE or FDT_END_NODE in ${holder.node.path}: a property after a child node`,
            tokenAt
          );
        }
        if (nameOffset >= sizeDtStrings) {
          fail(
            ctx,
            "bad-structure",
            `expected a property name offset below the strings block size ${sizeDtStrings}, found ${nameOffset}`,
            tokenAt + 8
          );
        }
        const { text: name } = cString(ctx, offDtStrings + nameOffset, stringsEnd, "property name");
        holder.properties.push(
          new FdtProperty(name, holder.node.path, ctx.blob.subarray(at, at + length), tokenAt, ctx.source)
        );
        at = alignUp(at + length, 4);
        break;
      }
      case FDT_END: {
        if (root === undefined)
          fail(ctx, "bad-structure", "expected the root node's FDT_BEGIN_NODE, found FDT_END", tokenAt);
        const innermost = open.at(-1);
        if (innermost !== undefined) {
          fail(ctx, "bad-structure", `expected FDT_END_NODE for ${innermost.node.path}, found FDT_END`, tokenAt);
        }
        return root;
      }
      default:
        fail(ctx, "bad-token", `expected ${TOKEN_NAMES}, found 0x${token.toString(16)}`, tokenAt);
    }
  }
}
