import { seL4_MsgMaxLength } from "./constants/boot";

/** seL4_MessageInfo_t as a plain record; `label` has 52 bits and so is exact as a number. */
export interface seL4_MessageInfo_t {
  readonly label: number;
  readonly capsUnwrapped: number;
  readonly extraCaps: number;
  readonly length: number;
}

/** Labels up to here pack into a word below 2^53, so number arithmetic is exact. */
const LABEL_EXACT_MAX = 2 ** 41 - 1;
/** The largest label (52 bits). */
const LABEL_MAX = 0xf_ffff_ffff_ffff;

/** seL4_MessageInfo_new(label, capsUnwrapped, extraCaps, length), fields masked to their widths. */
export function seL4_MessageInfo_new(
  label: number,
  capsUnwrapped: number,
  extraCaps: number,
  length: number,
): seL4_MessageInfo_t {
  return {
    // A label that already fits its 52 bits (every real one) skips the BigInt masking.
    label: label >= 0 && label <= LABEL_MAX && Number.isInteger(label) ? label : Number(BigInt(Math.trunc(label)) & 0xf_ffff_ffff_ffffn),
    capsUnwrapped: capsUnwrapped & 0x7,
    extraCaps: extraCaps & 0x3,
    length: length & 0x7f,
  };
}

/** seL4_MessageInfo_get_label. */
export function seL4_MessageInfo_get_label(info: seL4_MessageInfo_t): number {
  return info.label;
}
/** seL4_MessageInfo_get_capsUnwrapped. */
export function seL4_MessageInfo_get_capsUnwrapped(info: seL4_MessageInfo_t): number {
  return info.capsUnwrapped;
}
/** seL4_MessageInfo_get_extraCaps. */
export function seL4_MessageInfo_get_extraCaps(info: seL4_MessageInfo_t): number {
  return info.extraCaps;
}
/** seL4_MessageInfo_get_length. */
export function seL4_MessageInfo_get_length(info: seL4_MessageInfo_t): number {
  return info.length;
}
/** seL4_MessageInfo_set_label: returns a new record (the C macro returns a new struct too). */
export function seL4_MessageInfo_set_label(info: seL4_MessageInfo_t, label: number): seL4_MessageInfo_t {
  return seL4_MessageInfo_new(label, info.capsUnwrapped, info.extraCaps, info.length);
}
/** seL4_MessageInfo_set_length. */
export function seL4_MessageInfo_set_length(info: seL4_MessageInfo_t, length: number): seL4_MessageInfo_t {
  return seL4_MessageInfo_new(info.label, info.capsUnwrapped, info.extraCaps, length);
}
/** seL4_MessageInfo_set_extraCaps. */
export function seL4_MessageInfo_set_extraCaps(info: seL4_MessageInfo_t, extraCaps: number): seL4_MessageInfo_t {
  return seL4_MessageInfo_new(info.label, info.capsUnwrapped, extraCaps, info.length);
}

/** Packs a message info into its register word (length bits 0-6, extraCaps 7-8, capsUnwrapped 9-11, label 12-63). */
export function encodeMessageInfo(info: seL4_MessageInfo_t): bigint {
  if (info.label >= 0 && info.label <= LABEL_EXACT_MAX && Number.isInteger(info.label)) {
    return BigInt(info.label * 0x1000 + ((info.capsUnwrapped & 7) << 9) + ((info.extraCaps & 3) << 7) + (info.length & 0x7f));
  }
  return (
    (BigInt(info.label) << 12n) |
    (BigInt(info.capsUnwrapped & 7) << 9n) |
    (BigInt(info.extraCaps & 3) << 7n) |
    BigInt(info.length & 0x7f)
  );
}

/**
 * encodeMessageInfo(seL4_MessageInfo_new(label, capsUnwrapped, extraCaps, length)) without the
 * record: the kernel builds the receiver's word on every transfer.
 */
export function packMessageInfo(label: number, capsUnwrapped: number, extraCaps: number, length: number): bigint {
  if (label >= 0 && label <= LABEL_EXACT_MAX && Number.isInteger(label)) {
    return BigInt(label * 0x1000 + ((capsUnwrapped & 7) << 9) + ((extraCaps & 3) << 7) + (length & 0x7f));
  }
  return encodeMessageInfo(seL4_MessageInfo_new(label, capsUnwrapped, extraCaps, length));
}

/**
 * Stores packMessageInfo(label, capsUnwrapped, extraCaps, length) as the 64-bit word at `halves`
 * [2 * word] (32-bit halves, little-endian): a register or buffer word written without a BigInt.
 */
export function storeMessageInfo(halves: Uint32Array, word: number, label: number, capsUnwrapped: number, extraCaps: number, length: number): void {
  if (label >= 0 && label <= LABEL_MAX && Number.isInteger(label)) {
    halves[2 * word] = ((label % 0x10_0000) * 0x1000 + ((capsUnwrapped & 7) << 9) + ((extraCaps & 3) << 7) + (length & 0x7f)) >>> 0;
    halves[2 * word + 1] = Math.floor(label / 0x10_0000);
    return;
  }
  const packed = packMessageInfo(label, capsUnwrapped, extraCaps, length);
  halves[2 * word] = Number(packed & 0xffff_ffffn);
  halves[2 * word + 1] = Number(packed >> 32n);
}

/** The label of the message-info word at `halves`[2 * word] (32-bit halves, little-endian). */
export function loadMessageInfoLabel(halves: Uint32Array, word: number): number {
  return halves[2 * word + 1]! * 0x10_0000 + (halves[2 * word]! >>> 12);
}

/** encodeMessageInfo(info) stored as the word at `halves`[2 * word], without a BigInt when the label fits its 52 bits. */
export function storeEncodedMessageInfo(halves: Uint32Array, word: number, info: seL4_MessageInfo_t): void {
  if (info.label >= 0 && info.label <= LABEL_MAX && Number.isInteger(info.label)) {
    storeMessageInfo(halves, word, info.label, info.capsUnwrapped, info.extraCaps, info.length);
    return;
  }
  const encoded = BigInt.asUintN(64, encodeMessageInfo(info));
  halves[2 * word] = Number(encoded & 0xffff_ffffn);
  halves[2 * word + 1] = Number(encoded >> 32n);
}

/** decodeMessageInfo of the word at `halves`[2 * word] (32-bit halves, little-endian), without reading it as a BigInt. */
export function loadMessageInfo(halves: Uint32Array, word: number): seL4_MessageInfo_t {
  const low = halves[2 * word]!;
  return { label: loadMessageInfoLabel(halves, word), capsUnwrapped: (low >>> 9) & 7, extraCaps: (low >>> 7) & 3, length: low & 0x7f };
}

/** The length field of a message-info word, from the word's low 32 bits. */
export function messageInfoLength(low32: number): number {
  return low32 & 0x7f;
}

/** The extraCaps field of a message-info word, from the word's low 32 bits. */
export function messageInfoExtraCaps(low32: number): number {
  return (low32 >>> 7) & 3;
}

/** Message-info words up to here convert to a number exactly. */
const WORD_EXACT_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Unpacks a register word into a message info (no clamping; see {@link clampLength}). */
export function decodeMessageInfo(word: bigint): seL4_MessageInfo_t {
  if (word >= 0n && word <= WORD_EXACT_MAX) {
    // Exact as a number (labels below 2^41, every real one): no BigInt shifts.
    const n = Number(word);
    const low = n % 0x1000;
    return { label: (n - low) / 0x1000, capsUnwrapped: (low >> 9) & 7, extraCaps: (low >> 7) & 3, length: low & 0x7f };
  }
  const low = Number(word & 0xfffn);
  return { label: Number(word >> 12n), capsUnwrapped: (low >> 9) & 7, extraCaps: (low >> 7) & 3, length: low & 0x7f };
}

/** The kernel clamps message lengths above seL4_MsgMaxLength. */
export function clampLength(length: number): number {
  return Math.min(length, seL4_MsgMaxLength);
}
