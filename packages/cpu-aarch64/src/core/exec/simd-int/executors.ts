/**
 * Executors of the AdvSIMD integer patterns (`a64-simd-int-table.ts`), built from one small
 * description per mnemonic: which lane operation, how the operands are read (signedness, element
 * size relative to the instruction's `size`), how the result is narrowed, which sizes exist.
 * An executor returns false for an encoding the architecture leaves unallocated (reserved
 * size/Q combinations), which the caller turns into UNDEFINED.
 */
import type { LaneOp, LaneOpName, VRegs } from "./lane-ops.js";
import { LANE_OPS } from "./lane-ops.js";
import { NEXT } from "../../layout.js";
import type { BitwiseOp, SatMode } from "./lane-engine.js";
import {
  across,
  bitwise,
  immediate,
  lanes,
  loadOperands,
  pairwise,
  permute,
  polyMul64,
  storeResult,
  B_CONST,
  B_ELEMENT,
  B_LANES,
  PLACE_LOW,
  PLACE_UPPER,
  SAT_SIGNED,
  SAT_UNSIGNED,
  WRAP,
  kind,
} from "./lane-engine.js";

/**
 * Runs one instruction: UNDEF for an unallocated size/Q combination (nothing changed), else the
 * FP access check's result (NEXT, or STOP with the trap taken) after executing when enabled.
 */
export type SimdIntExecutor = (r: VRegs, insn: number) => number;

/** Executor result: the encoding is unallocated. */
export const UNDEF = -1;

/** Allowed values of `size` as a bit mask (bit s set: size s exists). */
const B = 1, H = 2, S = 4, D = 8;
const BHS = B | H | S;
const BHSD = BHS | D;
const HS = H | S;

const sizeOf = (insn: number): number => (insn >>> 22) & 3;
const qOf = (insn: number): number => (insn >>> 30) & 1;
const rdOf = (insn: number): number => insn & 31;
const rnOf = (insn: number): number => (insn >>> 5) & 31;
const rmOf = (insn: number): number => (insn >>> 16) & 31;

/** Vector same-size forms: 64-bit lanes need Q = 1. */
function vectorSizeOk(sizes: number, size: number, q: number): boolean {
  return ((sizes >> size) & 1) === 1 && (size !== 3 || q === 1);
}

const LOP = (name: LaneOpName): LaneOp => LANE_OPS[name];

interface SameSpec {
  op: LaneOpName;
  signed: boolean;
  sizes: number;
  sat?: SatMode;
}

/** Three same (and its scalar form): Vd.T = op(Vn.T, Vm.T, Vd.T). */
function threeSame(spec: SameSpec, scalar: boolean): SimdIntExecutor {
  const op = LOP(spec.op);
  const sat = spec.sat ?? WRAP;
  return (r, insn) => {
    const size = sizeOf(insn);
    const q = qOf(insn);
    if (scalar ? ((spec.sizes >> size) & 1) === 0 : !vectorSizeOk(spec.sizes, size, q)) return UNDEF;
    const k = kind(size, spec.signed);
    const count = scalar ? 1 : (q === 1 ? 16 : 8) >> size;
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rmOf(insn), rd);
    lanes(r, op, 8 << size, count, k, 0, k, B_LANES, 0, 0, k, size, sat);
    storeResult(r, rd, scalar ? 1 << size : q === 1 ? 16 : 8, PLACE_LOW);
    return NEXT;
  };
}

/** Pairwise three same: ADDP, SMAXP, ... over Vn:Vm. */
function pairwiseSame(opName: LaneOpName, signed: boolean, sizes: number): SimdIntExecutor {
  const op = LOP(opName);
  return (r, insn) => {
    const size = sizeOf(insn);
    const q = qOf(insn);
    if (!vectorSizeOk(sizes, size, q)) return UNDEF;
    const bytes = q === 1 ? 16 : 8;
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rmOf(insn), rd);
    pairwise(r, op, 8 << size, bytes >> size, kind(size, signed), bytes, true, 0, size);
    storeResult(r, rd, bytes, PLACE_LOW);
    return NEXT;
  };
}

function logical(operation: BitwiseOp): SimdIntExecutor {
  return (r, insn) => {
    const q = qOf(insn);
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rmOf(insn), rd);
    bitwise(r, operation, q === 1 ? 4 : 2);
    storeResult(r, rd, q === 1 ? 16 : 8, PLACE_LOW);
    return NEXT;
  };
}

/** Three different. `shape`: long (narrow x narrow -> wide), wide (wide x narrow -> wide), narrow (wide x wide -> narrow). */
interface DifferentSpec {
  op: LaneOpName;
  signed: boolean;
  shape: "long" | "wide" | "narrow";
  sizes: number;
  sat?: SatMode;
}

function threeDifferent(spec: DifferentSpec, scalar: boolean): SimdIntExecutor {
  const op = LOP(spec.op);
  const sat = spec.sat ?? WRAP;
  return (r, insn) => {
    const size = sizeOf(insn);
    if (((spec.sizes >> size) & 1) === 0) return UNDEF;
    const q = scalar ? 0 : qOf(insn);
    const count = scalar ? 1 : 8 >> size;
    const half = q === 1 ? count : 0;
    const narrow = kind(size, spec.signed);
    const wide = kind(size + 1, spec.signed);
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rmOf(insn), rd);
    if (spec.shape === "narrow") {
      lanes(r, op, 16 << size, count, wide, 0, wide, B_LANES, 0, 0, wide, size, sat);
      storeResult(r, rd, 8, q === 1 ? PLACE_UPPER : PLACE_LOW);
      return NEXT;
    }
    const nKind = spec.shape === "wide" ? wide : narrow;
    lanes(r, op, 8 << size, count, nKind, spec.shape === "wide" ? 0 : half, narrow, B_LANES, half, 0, wide, size + 1, sat);
    storeResult(r, rd, scalar ? 2 << size : 16, PLACE_LOW);
    return NEXT;
  };
}

function polyMulLong(): SimdIntExecutor {
  const op = LOP("polyMul");
  return (r, insn) => {
    const size = sizeOf(insn);
    const q = qOf(insn);
    const rd = rdOf(insn);
    if (size === 0) {
      const fp = r.checkFp();
      if (fp !== NEXT) return fp;
      loadOperands(r, rnOf(insn), rmOf(insn), rd);
      lanes(r, op, 8, 8, kind(0, false), 8 * q, kind(0, false), B_LANES, 8 * q, 0, kind(1, false), 1, WRAP);
    } else if (size === 3) {
      const fp = r.checkFp();
      if (fp !== NEXT) return fp;
      loadOperands(r, rnOf(insn), rmOf(insn), rd);
      polyMul64(r, q);
    } else {
      return UNDEF;
    }
    storeResult(r, rd, 16, PLACE_LOW);
    return NEXT;
  };
}

interface UnarySpec {
  op: LaneOpName;
  signed: boolean;
  sizes: number;
  sat?: SatMode;
  /** Read Vd as the accumulator with this signedness (SUQADD / USQADD). */
  accSigned?: boolean;
}

/** Two-register misc, element-wise (ABS, NEG, CLZ, CMGT #0, SUQADD, ...), vector or scalar. */
function unary(spec: UnarySpec, scalar: boolean): SimdIntExecutor {
  const op = LOP(spec.op);
  const sat = spec.sat ?? WRAP;
  return (r, insn) => {
    // RBIT's size field is 01 but it works on bytes.
    const size = spec.op === "reverseBits" ? 0 : sizeOf(insn);
    const q = qOf(insn);
    if (scalar ? ((spec.sizes >> size) & 1) === 0 : !vectorSizeOk(spec.sizes, size, q)) return UNDEF;
    const k = kind(size, spec.signed);
    const count = scalar ? 1 : (q === 1 ? 16 : 8) >> size;
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rnOf(insn), rd);
    lanes(r, op, 8 << size, count, k, 0, k, B_CONST, 0, 0, kind(size, spec.accSigned ?? spec.signed), size, sat);
    storeResult(r, rd, scalar ? 1 << size : q === 1 ? 16 : 8, PLACE_LOW);
    return NEXT;
  };
}

/** XTN, SQXTN, UQXTN, SQXTUN (vector and scalar): narrow each wide lane. */
function extractNarrow(signed: boolean, sat: SatMode, scalar: boolean): SimdIntExecutor {
  const op = LOP("identity");
  return (r, insn) => {
    const size = sizeOf(insn);
    if (size === 3) return UNDEF;
    const q = scalar ? 0 : qOf(insn);
    const wide = kind(size + 1, signed);
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rnOf(insn), rd);
    lanes(r, op, 16 << size, scalar ? 1 : 8 >> size, wide, 0, wide, B_CONST, 0, 0, wide, size, sat);
    storeResult(r, rd, scalar ? 1 << size : 8, q === 1 ? PLACE_UPPER : PLACE_LOW);
    return NEXT;
  };
}

/** SHLL/SHLL2: widen and shift left by the element size. */
function shiftLeftLong(): SimdIntExecutor {
  const op = LOP("shiftImm");
  return (r, insn) => {
    const size = sizeOf(insn);
    if (size === 3) return UNDEF;
    const count = 8 >> size;
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rnOf(insn), rd);
    lanes(r, op, 8 << size, count, kind(size, false), qOf(insn) * count, kind(size, false), B_CONST, 0, 8 << size, 0, size + 1, WRAP);
    storeResult(r, rd, 16, PLACE_LOW);
    return NEXT;
  };
}

/** REV64 / REV32 / REV16: reverse the lanes inside each container of `container` bytes. */
function reverse(containerBytes: number): SimdIntExecutor {
  return (r, insn) => {
    const size = sizeOf(insn);
    if (1 << size >= containerBytes) return UNDEF;
    const q = qOf(insn);
    const bytes = q === 1 ? 16 : 8;
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rnOf(insn), rd);
    permute(r, size, bytes >> size, (containerBytes >> size) - 1);
    storeResult(r, rd, bytes, PLACE_LOW);
    return NEXT;
  };
}

/** SADDLP/UADDLP/SADALP/UADALP: add adjacent pairs into wide lanes (accumulating). */
function addPairsLong(signed: boolean, accumulate: boolean): SimdIntExecutor {
  const pairAdd = LOP(accumulate ? "addAccumulate" : "add");
  return (r, insn) => {
    const size = sizeOf(insn);
    if (size === 3) return UNDEF;
    const q = qOf(insn);
    const bytes = q === 1 ? 16 : 8;
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rnOf(insn), rd);
    const e = 8 << size;
    const count = bytes >> (size + 1);
    pairwise(r, pairAdd, e, count, kind(size, signed), bytes, false, kind(size + 1, false), size + 1);
    storeResult(r, rd, bytes, PLACE_LOW);
    return NEXT;
  };
}

function notBits(): SimdIntExecutor {
  return (r, insn) => {
    const q = qOf(insn);
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rnOf(insn), rd);
    bitwise(r, "not", q === 1 ? 4 : 2);
    storeResult(r, rd, q === 1 ? 16 : 8, PLACE_LOW);
    return NEXT;
  };
}

/** Across lanes: ADDV, SMAXV, ..., SADDLV (widening: `long`). */
function acrossLanes(opName: LaneOpName, signed: boolean, long: boolean): SimdIntExecutor {
  const op = LOP(opName);
  return (r, insn) => {
    const size = sizeOf(insn);
    const q = qOf(insn);
    if (size === 3 || (size === 2 && q === 0)) return UNDEF;
    const rd = rdOf(insn);
    const outSize = long ? size + 1 : size;
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rnOf(insn), rd);
    across(r, op, 8 << size, (q === 1 ? 16 : 8) >> size, kind(size, signed), outSize);
    storeResult(r, rd, 1 << outSize, PLACE_LOW);
    return NEXT;
  };
}

function addPairScalar(): SimdIntExecutor {
  const op = LOP("add");
  return (r, insn) => {
    if (sizeOf(insn) !== 3) return UNDEF;
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rnOf(insn), rd);
    pairwise(r, op, 64, 1, kind(3, false), 16, false, 0, 3);
    storeResult(r, rd, 8, PLACE_LOW);
    return NEXT;
  };
}

/** Shift by immediate. `kindOf`: how the count comes from immh:immb (right: 2e - x; left: x - e). */
interface ShiftSpec {
  op: LaneOpName;
  signed: boolean;
  direction: "right" | "left";
  sat?: SatMode;
  /** narrow: wide source, narrow result (SHRN, SQSHRN, ...); long: narrow source, wide result (SSHLL). */
  shape?: "narrow" | "long";
  /** Scalar forms that exist only for 64-bit elements (SSHR, SHL, SRI, ...). */
  scalarOnlyD?: boolean;
}

function shiftImmediate(spec: ShiftSpec, fixedSize: number, scalar: boolean): SimdIntExecutor {
  const op = LOP(spec.op);
  const sat = spec.sat ?? WRAP;
  return (r, insn) => {
    const immhb = (insn >>> 16) & 0x7f;
    let size = fixedSize;
    if (scalar) {
      const immh = immhb >> 3;
      if (immh === 0) return UNDEF;
      size = 31 - Math.clz32(immh);
      if (spec.scalarOnlyD === true && size !== 3) return UNDEF;
      if (spec.shape !== undefined && size === 3) return UNDEF;
    }
    const q = scalar ? 0 : qOf(insn);
    if (!scalar && size === 3 && q === 0) return UNDEF;
    const e = 8 << size;
    const count = spec.shape === undefined ? (scalar ? 1 : (q === 1 ? 16 : 8) >> size) : scalar ? 1 : 8 >> size;
    const shift = spec.direction === "right" ? -(2 * e - immhb) : immhb - e;
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rnOf(insn), rd);
    if (spec.shape === "narrow") {
      const wide = kind(size + 1, spec.signed);
      lanes(r, op, 2 * e, count, wide, 0, wide, B_CONST, 0, shift, wide, size, sat);
      storeResult(r, rd, scalar ? 1 << size : 8, q === 1 ? PLACE_UPPER : PLACE_LOW);
    } else if (spec.shape === "long") {
      const narrow = kind(size, spec.signed);
      lanes(r, op, e, count, narrow, q * count, narrow, B_CONST, 0, shift, narrow, size + 1, sat);
      storeResult(r, rd, 16, PLACE_LOW);
    } else {
      const k = kind(size, spec.signed);
      lanes(r, op, e, count, k, 0, k, B_CONST, 0, shift, k, size, sat);
      storeResult(r, rd, scalar ? 1 << size : q === 1 ? 16 : 8, PLACE_LOW);
    }
    return NEXT;
  };
}

interface ElementSpec {
  op: LaneOpName;
  signed: boolean;
  long?: boolean;
  sat?: SatMode;
}

/** By element: b is one element of Vm (V0-V15 for 16-bit elements). */
function byElement(spec: ElementSpec, scalar: boolean): SimdIntExecutor {
  const op = LOP(spec.op);
  const sat = spec.sat ?? WRAP;
  return (r, insn) => {
    const size = sizeOf(insn);
    if (size !== 1 && size !== 2) return UNDEF;
    const h = (insn >>> 11) & 1;
    const l = (insn >>> 21) & 1;
    const m = (insn >>> 20) & 1;
    const index = size === 1 ? (h << 2) | (l << 1) | m : (h << 1) | l;
    const rm = size === 1 ? (insn >>> 16) & 15 : (insn >>> 16) & 31;
    const q = scalar ? 0 : qOf(insn);
    const k = kind(size, spec.signed);
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rnOf(insn), rm, rd);
    if (spec.long === true) {
      const count = scalar ? 1 : 8 >> size;
      const wide = kind(size + 1, spec.signed);
      lanes(r, op, 8 << size, count, k, q * count, k, B_ELEMENT, index, 0, wide, size + 1, sat);
      storeResult(r, rd, scalar ? 2 << size : 16, PLACE_LOW);
    } else {
      const count = scalar ? 1 : (q === 1 ? 16 : 8) >> size;
      lanes(r, op, 8 << size, count, k, 0, k, B_ELEMENT, index, 0, k, size, sat);
      storeResult(r, rd, scalar ? 1 << size : q === 1 ? 16 : 8, PLACE_LOW);
    }
    return NEXT;
  };
}

/** imm8 of a modified-immediate instruction (a:b:c:d:e:f:g:h). */
export function modifiedImm8(insn: number): number {
  return (((insn >>> 16) & 7) << 5) | ((insn >>> 5) & 31);
}

/**
 * The 64-bit pattern AdvSIMDExpandImm builds, as [lo, hi] 32-bit halves, for the pattern
 * shapes of the table: w (32-bit, shifted), h (16-bit, shifted), msl (shifting ones), b (bytes),
 * d (each bit of imm8 a byte).
 */
export function expandImmediate(shape: "w" | "h" | "msl" | "b" | "d", insn: number): [number, number] {
  const imm8 = modifiedImm8(insn);
  // cmode<2:1> (w), cmode<1> (h) or cmode<0> (msl) selects the shift.
  const amount = shape === "w" ? (insn >>> 13) & 3 : shape === "h" ? (insn >>> 13) & 1 : (insn >>> 12) & 1;
  let word: number;
  switch (shape) {
    case "w":
      word = imm8 << (8 * amount);
      break;
    case "h": {
      const half = (imm8 << (8 * amount)) & 0xffff;
      word = half | (half << 16);
      break;
    }
    case "msl":
      word = amount === 0 ? (imm8 << 8) | 0xff : (imm8 << 16) | 0xffff;
      break;
    case "b":
      word = imm8 * 0x01010101;
      break;
    case "d": {
      const bytes = (bits: number): number =>
        ((bits & 1 ? 0xff : 0) | (bits & 2 ? 0xff00 : 0) | (bits & 4 ? 0xff0000 : 0) | (bits & 8 ? 0xff000000 : 0)) >>> 0;
      return [bytes(imm8 & 15), bytes(imm8 >> 4)];
    }
  }
  return [word >>> 0, word >>> 0];
}

function modifiedImmediate(operation: "movi" | "mvni" | "orr" | "bic", shape: "w" | "h" | "msl" | "b" | "d"): SimdIntExecutor {
  return (r, insn) => {
    const [lo, hi] = expandImmediate(shape, insn);
    const q = qOf(insn);
    const rd = rdOf(insn);
    const fp = r.checkFp();
    if (fp !== NEXT) return fp;
    loadOperands(r, rd, rd, rd);
    immediate(r, operation, lo, hi);
    storeResult(r, rd, q === 1 ? 16 : 8, PLACE_LOW);
    return NEXT;
  };
}

// ---------------------------------------------------------------- the table of mnemonics

const THREE_SAME_SPECS: Record<string, SameSpec> = {
  SHADD: { op: "halvingAdd", signed: true, sizes: BHS },
  UHADD: { op: "halvingAdd", signed: false, sizes: BHS },
  SRHADD: { op: "roundingHalvingAdd", signed: true, sizes: BHS },
  URHADD: { op: "roundingHalvingAdd", signed: false, sizes: BHS },
  SHSUB: { op: "halvingSub", signed: true, sizes: BHS },
  UHSUB: { op: "halvingSub", signed: false, sizes: BHS },
  SQADD: { op: "add", signed: true, sizes: BHSD, sat: SAT_SIGNED },
  UQADD: { op: "add", signed: false, sizes: BHSD, sat: SAT_UNSIGNED },
  SQSUB: { op: "sub", signed: true, sizes: BHSD, sat: SAT_SIGNED },
  UQSUB: { op: "sub", signed: false, sizes: BHSD, sat: SAT_UNSIGNED },
  CMGT: { op: "compareGt", signed: true, sizes: BHSD },
  CMHI: { op: "compareGt", signed: false, sizes: BHSD },
  CMGE: { op: "compareGe", signed: true, sizes: BHSD },
  CMHS: { op: "compareGe", signed: false, sizes: BHSD },
  CMTST: { op: "test", signed: false, sizes: BHSD },
  CMEQ: { op: "compareEq", signed: false, sizes: BHSD },
  SSHL: { op: "shift", signed: true, sizes: BHSD },
  USHL: { op: "shift", signed: false, sizes: BHSD },
  SQSHL: { op: "shift", signed: true, sizes: BHSD, sat: SAT_SIGNED },
  UQSHL: { op: "shift", signed: false, sizes: BHSD, sat: SAT_UNSIGNED },
  SRSHL: { op: "roundingShift", signed: true, sizes: BHSD },
  URSHL: { op: "roundingShift", signed: false, sizes: BHSD },
  SQRSHL: { op: "roundingShift", signed: true, sizes: BHSD, sat: SAT_SIGNED },
  UQRSHL: { op: "roundingShift", signed: false, sizes: BHSD, sat: SAT_UNSIGNED },
  SMAX: { op: "max", signed: true, sizes: BHS },
  UMAX: { op: "max", signed: false, sizes: BHS },
  SMIN: { op: "min", signed: true, sizes: BHS },
  UMIN: { op: "min", signed: false, sizes: BHS },
  SABD: { op: "absDiff", signed: true, sizes: BHS },
  UABD: { op: "absDiff", signed: false, sizes: BHS },
  SABA: { op: "absDiffAcc", signed: true, sizes: BHS },
  UABA: { op: "absDiffAcc", signed: false, sizes: BHS },
  ADD: { op: "add", signed: false, sizes: BHSD },
  SUB: { op: "sub", signed: false, sizes: BHSD },
  MLA: { op: "mulAcc", signed: false, sizes: BHS },
  MLS: { op: "mulSub", signed: false, sizes: BHS },
  MUL: { op: "mul", signed: false, sizes: BHS },
  PMUL: { op: "polyMul", signed: false, sizes: B },
  SQDMULH: { op: "doublingMulHigh", signed: true, sizes: HS, sat: SAT_SIGNED },
  SQRDMULH: { op: "roundingDoublingMulHigh", signed: true, sizes: HS, sat: SAT_SIGNED },
};

/** Scalar three-same forms that exist only for 64-bit elements. */
const SCALAR_D_ONLY = new Set(["SSHL", "USHL", "SRSHL", "URSHL", "ADD", "SUB", "CMTST", "CMEQ", "CMGT", "CMHI", "CMGE", "CMHS"]);

const PAIRWISE_SPECS: Record<string, [LaneOpName, boolean, number]> = {
  ADDP: ["add", false, BHSD],
  SMAXP: ["max", true, BHS],
  UMAXP: ["max", false, BHS],
  SMINP: ["min", true, BHS],
  UMINP: ["min", false, BHS],
};

const LOGICAL_SPECS: Record<string, BitwiseOp> = {
  AND: "and", BIC: "bic", ORR: "orr", ORN: "orn", EOR: "eor", BSL: "bsl", BIT: "bit", BIF: "bif",
};

const DIFFERENT_SPECS: Record<string, DifferentSpec> = {
  SADDL: { op: "add", signed: true, shape: "long", sizes: BHS },
  UADDL: { op: "add", signed: false, shape: "long", sizes: BHS },
  SADDW: { op: "add", signed: true, shape: "wide", sizes: BHS },
  UADDW: { op: "add", signed: false, shape: "wide", sizes: BHS },
  SSUBL: { op: "sub", signed: true, shape: "long", sizes: BHS },
  USUBL: { op: "sub", signed: false, shape: "long", sizes: BHS },
  SSUBW: { op: "sub", signed: true, shape: "wide", sizes: BHS },
  USUBW: { op: "sub", signed: false, shape: "wide", sizes: BHS },
  ADDHN: { op: "addHigh", signed: false, shape: "narrow", sizes: BHS },
  RADDHN: { op: "roundingAddHigh", signed: false, shape: "narrow", sizes: BHS },
  SUBHN: { op: "subHigh", signed: false, shape: "narrow", sizes: BHS },
  RSUBHN: { op: "roundingSubHigh", signed: false, shape: "narrow", sizes: BHS },
  SABAL: { op: "absDiffAcc", signed: true, shape: "long", sizes: BHS },
  UABAL: { op: "absDiffAcc", signed: false, shape: "long", sizes: BHS },
  SABDL: { op: "absDiff", signed: true, shape: "long", sizes: BHS },
  UABDL: { op: "absDiff", signed: false, shape: "long", sizes: BHS },
  SMLAL: { op: "mulLongAcc", signed: true, shape: "long", sizes: BHS },
  UMLAL: { op: "mulLongAcc", signed: false, shape: "long", sizes: BHS },
  SMLSL: { op: "mulLongSub", signed: true, shape: "long", sizes: BHS },
  UMLSL: { op: "mulLongSub", signed: false, shape: "long", sizes: BHS },
  SMULL: { op: "mulLong", signed: true, shape: "long", sizes: BHS },
  UMULL: { op: "mulLong", signed: false, shape: "long", sizes: BHS },
  SQDMLAL: { op: "doublingMulLongAcc", signed: true, shape: "long", sizes: HS, sat: SAT_SIGNED },
  SQDMLSL: { op: "doublingMulLongSub", signed: true, shape: "long", sizes: HS, sat: SAT_SIGNED },
  SQDMULL: { op: "doublingMulLong", signed: true, shape: "long", sizes: HS, sat: SAT_SIGNED },
};

const UNARY_SPECS: Record<string, UnarySpec> = {
  SUQADD: { op: "accumulate", signed: false, accSigned: true, sizes: BHSD, sat: SAT_SIGNED },
  USQADD: { op: "accumulate", signed: true, accSigned: false, sizes: BHSD, sat: SAT_UNSIGNED },
  CLS: { op: "countLeadingSign", signed: true, sizes: BHS },
  CLZ: { op: "countLeadingZeros", signed: false, sizes: BHS },
  CNT: { op: "popcount", signed: false, sizes: B },
  RBIT: { op: "reverseBits", signed: false, sizes: B },
  SQABS: { op: "abs", signed: true, sizes: BHSD, sat: SAT_SIGNED },
  SQNEG: { op: "neg", signed: true, sizes: BHSD, sat: SAT_SIGNED },
  ABS: { op: "abs", signed: true, sizes: BHSD },
  NEG: { op: "neg", signed: true, sizes: BHSD },
};

const COMPARE_ZERO_SPECS: Record<string, UnarySpec> = {
  CMGT: { op: "compareGt", signed: true, sizes: BHSD },
  CMGE: { op: "compareGe", signed: true, sizes: BHSD },
  CMEQ: { op: "compareEq", signed: true, sizes: BHSD },
  CMLE: { op: "compareLe", signed: true, sizes: BHSD },
  CMLT: { op: "compareLt", signed: true, sizes: BHSD },
};

const SHIFT_SPECS: Record<string, ShiftSpec> = {
  SSHR: { op: "shiftImm", signed: true, direction: "right", scalarOnlyD: true },
  USHR: { op: "shiftImm", signed: false, direction: "right", scalarOnlyD: true },
  SSRA: { op: "shiftImmAcc", signed: true, direction: "right", scalarOnlyD: true },
  USRA: { op: "shiftImmAcc", signed: false, direction: "right", scalarOnlyD: true },
  SRSHR: { op: "roundingShiftImm", signed: true, direction: "right", scalarOnlyD: true },
  URSHR: { op: "roundingShiftImm", signed: false, direction: "right", scalarOnlyD: true },
  SRSRA: { op: "roundingShiftImmAcc", signed: true, direction: "right", scalarOnlyD: true },
  URSRA: { op: "roundingShiftImmAcc", signed: false, direction: "right", scalarOnlyD: true },
  SRI: { op: "shiftRightInsert", signed: false, direction: "right", scalarOnlyD: true },
  SHL: { op: "shiftImm", signed: false, direction: "left", scalarOnlyD: true },
  SLI: { op: "shiftLeftInsert", signed: false, direction: "left", scalarOnlyD: true },
  SQSHLU: { op: "shiftImm", signed: true, direction: "left", sat: SAT_UNSIGNED },
  SQSHL: { op: "shiftImm", signed: true, direction: "left", sat: SAT_SIGNED },
  UQSHL: { op: "shiftImm", signed: false, direction: "left", sat: SAT_UNSIGNED },
  SHRN: { op: "shiftImm", signed: false, direction: "right", shape: "narrow" },
  RSHRN: { op: "roundingShiftImm", signed: false, direction: "right", shape: "narrow" },
  SQSHRN: { op: "shiftImm", signed: true, direction: "right", shape: "narrow", sat: SAT_SIGNED },
  UQSHRN: { op: "shiftImm", signed: false, direction: "right", shape: "narrow", sat: SAT_UNSIGNED },
  SQRSHRN: { op: "roundingShiftImm", signed: true, direction: "right", shape: "narrow", sat: SAT_SIGNED },
  UQRSHRN: { op: "roundingShiftImm", signed: false, direction: "right", shape: "narrow", sat: SAT_UNSIGNED },
  SQSHRUN: { op: "shiftImm", signed: true, direction: "right", shape: "narrow", sat: SAT_UNSIGNED },
  SQRSHRUN: { op: "roundingShiftImm", signed: true, direction: "right", shape: "narrow", sat: SAT_UNSIGNED },
  SSHLL: { op: "shiftImm", signed: true, direction: "left", shape: "long" },
  USHLL: { op: "shiftImm", signed: false, direction: "left", shape: "long" },
};

const ELEMENT_SPECS: Record<string, ElementSpec> = {
  MLA: { op: "mulAcc", signed: false },
  MLS: { op: "mulSub", signed: false },
  MUL: { op: "mul", signed: false },
  SMLAL: { op: "mulLongAcc", signed: true, long: true },
  UMLAL: { op: "mulLongAcc", signed: false, long: true },
  SMLSL: { op: "mulLongSub", signed: true, long: true },
  UMLSL: { op: "mulLongSub", signed: false, long: true },
  SMULL: { op: "mulLong", signed: true, long: true },
  UMULL: { op: "mulLong", signed: false, long: true },
  SQDMLAL: { op: "doublingMulLongAcc", signed: true, long: true, sat: SAT_SIGNED },
  SQDMLSL: { op: "doublingMulLongSub", signed: true, long: true, sat: SAT_SIGNED },
  SQDMULL: { op: "doublingMulLong", signed: true, long: true, sat: SAT_SIGNED },
  SQDMULH: { op: "doublingMulHigh", signed: true, sat: SAT_SIGNED },
  SQRDMULH: { op: "roundingDoublingMulHigh", signed: true, sat: SAT_SIGNED },
};

const IMMEDIATE_SPECS: Record<string, ["movi" | "mvni" | "orr" | "bic", "w" | "h" | "msl" | "b" | "d"]> = {
  MOVI_mi_w: ["movi", "w"], ORR_mi_w: ["orr", "w"], MOVI_mi_h: ["movi", "h"], ORR_mi_h: ["orr", "h"],
  MOVI_mi_msl: ["movi", "msl"], MOVI_mi_b: ["movi", "b"], MVNI_mi_w: ["mvni", "w"], BIC_mi_w: ["bic", "w"],
  MVNI_mi_h: ["mvni", "h"], BIC_mi_h: ["bic", "h"], MVNI_mi_msl: ["mvni", "msl"], MOVI_mi_d: ["movi", "d"],
};

function buildExecutors(): Record<string, SimdIntExecutor> {
  const out: Record<string, SimdIntExecutor> = {};
  for (const [name, spec] of Object.entries(THREE_SAME_SPECS)) {
    out[`${name}_v`] = threeSame(spec, false);
    const scalarSizes = SCALAR_D_ONLY.has(name) ? D : spec.sizes;
    out[`${name}_s`] = threeSame({ ...spec, sizes: scalarSizes }, true);
  }
  for (const [name, [op, signed, sizes]] of Object.entries(PAIRWISE_SPECS)) out[`${name}_v`] = pairwiseSame(op, signed, sizes);
  for (const [name, operation] of Object.entries(LOGICAL_SPECS)) out[`${name}_v`] = logical(operation);
  for (const [name, spec] of Object.entries(DIFFERENT_SPECS)) {
    out[`${name}_v`] = threeDifferent(spec, false);
    out[`${name}_s`] = threeDifferent(spec, true);
  }
  out.PMULL_v = polyMulLong();
  for (const [name, spec] of Object.entries(UNARY_SPECS)) {
    out[`${name}_v`] = unary(spec, false);
    out[`${name}_s`] = unary(name === "ABS" || name === "NEG" ? { ...spec, sizes: D } : spec, true);
  }
  for (const [name, spec] of Object.entries(COMPARE_ZERO_SPECS)) {
    out[`${name}_vz`] = unary(spec, false);
    out[`${name}_sz`] = unary({ ...spec, sizes: D }, true);
  }
  out.NOT_v = notBits();
  out.REV64_v = reverse(8);
  out.REV32_v = reverse(4);
  out.REV16_v = reverse(2);
  out.SADDLP_v = addPairsLong(true, false);
  out.UADDLP_v = addPairsLong(false, false);
  out.SADALP_v = addPairsLong(true, true);
  out.UADALP_v = addPairsLong(false, true);
  for (const scalar of [false, true]) {
    const suffix = scalar ? "_s" : "_v";
    out[`XTN${suffix}`] = extractNarrow(false, WRAP, scalar);
    out[`SQXTN${suffix}`] = extractNarrow(true, SAT_SIGNED, scalar);
    out[`UQXTN${suffix}`] = extractNarrow(false, SAT_UNSIGNED, scalar);
    out[`SQXTUN${suffix}`] = extractNarrow(true, SAT_UNSIGNED, scalar);
  }
  out.SHLL_v = shiftLeftLong();
  out.ADDV_v = acrossLanes("add", false, false);
  out.SADDLV_v = acrossLanes("add", true, true);
  out.UADDLV_v = acrossLanes("add", false, true);
  out.SMAXV_v = acrossLanes("max", true, false);
  out.UMAXV_v = acrossLanes("max", false, false);
  out.SMINV_v = acrossLanes("min", true, false);
  out.UMINV_v = acrossLanes("min", false, false);
  out.ADDP_s = addPairScalar();
  for (const [name, spec] of Object.entries(SHIFT_SPECS)) {
    for (let size = 0; size < 4; size++) out[`${name}_vi${8 << size}`] = shiftImmediate(spec, size, false);
    out[`${name}_si`] = shiftImmediate(spec, 0, true);
  }
  for (const [name, spec] of Object.entries(ELEMENT_SPECS)) {
    out[`${name}_ve`] = byElement(spec, false);
    out[`${name}_se`] = byElement(spec, true);
  }
  for (const [name, [operation, shape]] of Object.entries(IMMEDIATE_SPECS)) out[name] = modifiedImmediate(operation, shape);
  return Object.fromEntries(Object.entries(out).map(([name, exec]) => [`SI_${name}`, exec]));
}

/**
 * Executors by pattern name (SI_...). Contains a few names the table does not have (scalar or
 * 64-bit variants that do not exist); only the table's names are ever looked up.
 */
export const SIMD_INT_EXECUTORS: Readonly<Record<string, SimdIntExecutor>> = buildExecutors();
