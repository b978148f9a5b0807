import { CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS } from "../constants/boot";

/** seL4_SlotRegion: slots [start, end). */
export interface seL4_SlotRegion {
  readonly start: number;
  readonly end: number;
}

/** seL4_UntypedDesc: one untyped cap's memory. */
export interface seL4_UntypedDesc {
  readonly paddr: number;
  readonly sizeBits: number;
  /** 1 for device memory, 0 for RAM (a u8 in C). */
  readonly isDevice: number;
}

/** seL4_BootInfo, with C field names and order. */
export interface seL4_BootInfo {
  readonly extraLen: number;
  readonly nodeID: number;
  readonly numNodes: number;
  readonly numIOPTLevels: number;
  /** Virtual address of the root task's IPC buffer. */
  readonly ipcBuffer: number;
  readonly empty: seL4_SlotRegion;
  readonly sharedFrames: seL4_SlotRegion;
  readonly userImageFrames: seL4_SlotRegion;
  readonly userImagePaging: seL4_SlotRegion;
  readonly ioSpaceCaps: seL4_SlotRegion;
  readonly extraBIPages: seL4_SlotRegion;
  readonly initThreadCNodeSizeBits: number;
  readonly initThreadDomain: number;
  /** MCS only: the SchedControl caps, one per core (absent on a non-MCS kernel, as in its C struct). */
  readonly schedcontrol?: seL4_SlotRegion;
  readonly untyped: seL4_SlotRegion;
  readonly untypedList: readonly seL4_UntypedDesc[];
}

/** Size of the encoded structure in bytes (21 words + 230 descriptors of 16 bytes; MCS adds 2 words). */
export const BOOT_INFO_BYTES = 21 * 8 + CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS * 16;

/** Encodes boot info in the C layout (little-endian 64-bit words) for the boot info frame. */
export function encodeBootInfo(bi: seL4_BootInfo): Uint8Array {
  const words = [
    bi.extraLen, bi.nodeID, bi.numNodes, bi.numIOPTLevels, bi.ipcBuffer,
    ...[bi.empty, bi.sharedFrames, bi.userImageFrames, bi.userImagePaging, bi.ioSpaceCaps, bi.extraBIPages].flatMap((r) => [r.start, r.end]),
    bi.initThreadCNodeSizeBits, bi.initThreadDomain,
    ...(bi.schedcontrol ? [bi.schedcontrol.start, bi.schedcontrol.end] : []),
    bi.untyped.start, bi.untyped.end,
  ];
  const bytes = new Uint8Array(words.length * 8 + CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS * 16);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setBigUint64(i * 8, BigInt(w), true));
  bi.untypedList.forEach((u, i) => {
    const at = words.length * 8 + i * 16;
    view.setBigUint64(at, BigInt(u.paddr), true);
    view.setUint8(at + 8, u.sizeBits);
    view.setUint8(at + 9, u.isDevice);
  });
  return bytes;
}

/** Splits [start, end) into naturally aligned power-of-two blocks of 2^4..2^maxBits bytes. */
export function alignedBlocks(start: number, end: number, maxBits = 47): { paddr: number; sizeBits: number }[] {
  const out: { paddr: number; sizeBits: number }[] = [];
  let at = start;
  while (end - at >= 16) {
    let bits = 4;
    while (bits < maxBits && at % 2 ** (bits + 1) === 0 && at + 2 ** (bits + 1) <= end) bits++;
    out.push({ paddr: at, sizeBits: bits });
    at += 2 ** bits;
  }
  return out;
}
