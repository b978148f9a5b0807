/**
 * Formatters of the AdvSIMD integer patterns (a64-simd-int-table.ts), printed as GNU objdump
 * prints them (aliases included: MOV for ORR with Vn = Vm, MVN for NOT, SXTL/UXTL for SSHLL/USHLL
 * #0). The operand layout comes from the table's shape of each pattern; whether a size/Q
 * combination is allocated is asked of the executor itself (see `allocated`), so the
 * disassembler and the interpreter cannot disagree about it.
 */
import type { OpName } from "../decode/decoder.generated.js";
import { OP_NAMES } from "../decode/decoder.generated.js";
import { SIMD_INT_SHAPES } from "../decode/a64-simd-int-table.js";
import type { SimdIntShape } from "../decode/a64-simd-int-table.js";
import { SIMD_INT_EXECUTORS, UNDEF, expandImmediate, modifiedImm8 } from "../core/exec/simd-int/executors.js";
import type { VRegs } from "../core/exec/simd-int/lane-ops.js";
import type { Fields, Formatter } from "./operands.js";
import { arrangement, fpReg, op, vecReg } from "./operands.js";

/**
 * A register file whose FP access check always "traps": every executor validates its fields,
 * then calls checkFp and returns its result untouched, so running an executor on it answers
 * "is this encoding allocated?" without executing anything.
 */
const PROBE: VRegs = {
  vu8: new Uint8Array(0),
  vi8: new Int8Array(0),
  vu16: new Uint16Array(0),
  vi16: new Int16Array(0),
  vu32: new Uint32Array(0),
  vi32: new Int32Array(0),
  vu64: new BigUint64Array(0),
  vi64: new BigInt64Array(0),
  u32: new Uint32Array(0),
  checkFp: () => -2,
};

function allocated(name: string, insn: number): boolean {
  return SIMD_INT_EXECUTORS[name]!(PROBE, insn) !== UNDEF;
}

const ELEMENT = "bhsd";

/** Element index and Vm of a by-element instruction. */
function elementOperand(f: Fields, size: number): string {
  const index = size === 1 ? (f.h! << 2) | (f.l! << 1) | f.m! : (f.h! << 1) | f.l!;
  const rm = size === 1 ? f.rm! : (f.m! << 4) | f.rm!;
  return `v${rm}.${ELEMENT[size]}[${index}]`;
}

/** Size of a scalar shift by immediate from immh (highest set bit). */
function immhSize(immh: number): number {
  return 31 - Math.clz32(immh);
}

function immediateText(name: string, f: Fields, insn: number): string {
  const mnemonic = name.split("_")[1]!.toLowerCase();
  const imm8 = `#0x${modifiedImm8(insn).toString(16)}`;
  const q = f.q!;
  const shape = name.split("_")[3]!;
  switch (shape) {
    case "w":
      return op(mnemonic, vecReg(f.rd!, q === 1 ? "4s" : "2s"), imm8 + (f.amount! === 0 ? "" : `, lsl #${8 * f.amount!}`));
    case "h":
      return op(mnemonic, vecReg(f.rd!, q === 1 ? "8h" : "4h"), imm8 + (f.amount! === 0 ? "" : `, lsl #${8 * f.amount!}`));
    case "msl":
      return op(mnemonic, vecReg(f.rd!, q === 1 ? "4s" : "2s"), `${imm8}, msl #${f.amount! === 0 ? 8 : 16}`);
    case "b":
      return op(mnemonic, vecReg(f.rd!, q === 1 ? "16b" : "8b"), imm8);
    default: {
      const [lo, hi] = expandImmediate("d", insn);
      const value = `#0x${((BigInt(hi) << 32n) | BigInt(lo)).toString(16)}`;
      return op(mnemonic, q === 1 ? vecReg(f.rd!, "2d") : `d${f.rd!}`, value);
    }
  }
}

function format(name: string, shape: SimdIntShape, f: Fields, insn: number): string | null {
  if (!allocated(name, insn)) return null;
  const base = name.split("_")[1]!.toLowerCase();
  const q = f.q ?? 0;
  const size = f.size ?? 0;
  const two = q === 1 ? `${base}2` : base;
  const rd = f.rd!;
  const rn = f.rn!;
  switch (shape) {
    case "same":
      return op(base, vecReg(rd, arrangement(size, q)), vecReg(rn, arrangement(size, q)), vecReg(f.rm!, arrangement(size, q)));
    case "logical": {
      const t = q === 1 ? "16b" : "8b";
      if (base === "orr" && rn === f.rm) return op("mov", vecReg(rd, t), vecReg(rn, t));
      return op(base, vecReg(rd, t), vecReg(rn, t), vecReg(f.rm!, t));
    }
    case "sameScalar":
      return op(base, fpReg(rd, size), fpReg(rn, size), fpReg(f.rm!, size));
    case "long":
      return op(two, vecReg(rd, arrangement(size + 1, 1)), vecReg(rn, arrangement(size, q)), vecReg(f.rm!, arrangement(size, q)));
    case "wide":
      return op(two, vecReg(rd, arrangement(size + 1, 1)), vecReg(rn, arrangement(size + 1, 1)), vecReg(f.rm!, arrangement(size, q)));
    case "narrow":
      return op(two, vecReg(rd, arrangement(size, q)), vecReg(rn, arrangement(size + 1, 1)), vecReg(f.rm!, arrangement(size + 1, 1)));
    case "diffScalar":
      return op(base, fpReg(rd, size + 1), fpReg(rn, size), fpReg(f.rm!, size));
    case "pmull":
      return op(two, vecReg(rd, size === 3 ? "1q" : "8h"), vecReg(rn, arrangement(size, q)), vecReg(f.rm!, arrangement(size, q)));
    case "misc": {
      // NOT and RBIT have size 00/01 in the encoding but work on bytes.
      const t = arrangement(base === "not" || base === "rbit" ? 0 : size, q);
      return op(base === "not" ? "mvn" : base, vecReg(rd, t), vecReg(rn, t));
    }
    case "miscScalar":
      return op(base, fpReg(rd, size), fpReg(rn, size));
    case "zero":
      return op(base, vecReg(rd, arrangement(size, q)), vecReg(rn, arrangement(size, q)), "#0");
    case "zeroScalar":
      return op(base, fpReg(rd, size), fpReg(rn, size), "#0");
    case "pairLong":
      return op(base, vecReg(rd, arrangement(size + 1, q)), vecReg(rn, arrangement(size, q)));
    case "xtn":
      return op(two, vecReg(rd, arrangement(size, q)), vecReg(rn, arrangement(size + 1, 1)));
    case "xtnScalar":
      return op(base, fpReg(rd, size), fpReg(rn, size + 1));
    case "shll":
      return op(two, vecReg(rd, arrangement(size + 1, 1)), vecReg(rn, arrangement(size, q)), `#${8 << size}`);
    case "across":
      return op(base, fpReg(rd, size), vecReg(rn, arrangement(size, q)));
    case "acrossLong":
      return op(base, fpReg(rd, size + 1), vecReg(rn, arrangement(size, q)));
    case "addpScalar":
      return op(base, fpReg(rd, 3), vecReg(rn, "2d"));
    case "shift":
    case "shiftNarrow":
    case "shiftLong": {
      const bits = Number(name.slice(name.lastIndexOf("_vi") + 3));
      const s = Math.log2(bits / 8);
      const immhb = (insn >>> 16) & 0x7f;
      const right = base.includes("shr") || base.includes("sra") || base === "sri";
      const amount = right ? 2 * bits - immhb : immhb - bits;
      if (shape === "shift") return op(base, vecReg(rd, arrangement(s, q)), vecReg(rn, arrangement(s, q)), `#${amount}`);
      if (shape === "shiftNarrow") {
        return op(two, vecReg(rd, arrangement(s, q)), vecReg(rn, arrangement(s + 1, 1)), `#${amount}`);
      }
      if (amount === 0) {
        const alias = base === "sshll" ? "sxtl" : "uxtl";
        return op(q === 1 ? `${alias}2` : alias, vecReg(rd, arrangement(s + 1, 1)), vecReg(rn, arrangement(s, q)));
      }
      return op(two, vecReg(rd, arrangement(s + 1, 1)), vecReg(rn, arrangement(s, q)), `#${amount}`);
    }
    case "shiftScalar":
    case "shiftScalarNarrow": {
      const s = immhSize(f.immh!);
      const bits = 8 << s;
      const immhb = (f.immh! << 3) | f.immb!;
      const right = base.includes("shr") || base.includes("sra") || base === "sri";
      const amount = right ? 2 * bits - immhb : immhb - bits;
      return op(base, fpReg(rd, s), fpReg(rn, shape === "shiftScalarNarrow" ? s + 1 : s), `#${amount}`);
    }
    case "elem":
      return op(base, vecReg(rd, arrangement(size, q)), vecReg(rn, arrangement(size, q)), elementOperand(f, size));
    case "elemLong":
      return op(two, vecReg(rd, arrangement(size + 1, 1)), vecReg(rn, arrangement(size, q)), elementOperand(f, size));
    case "elemScalar":
      return op(base, fpReg(rd, size), fpReg(rn, size), elementOperand(f, size));
    case "elemScalarLong":
      return op(base, fpReg(rd, size + 1), fpReg(rn, size), elementOperand(f, size));
    case "imm":
      return immediateText(name, f, insn);
  }
}

function buildFormatters(): Record<string, Formatter> {
  const out: Record<string, Formatter> = {};
  for (const name of OP_NAMES) {
    const shape = SIMD_INT_SHAPES[name];
    if (shape === undefined) continue;
    out[name] = (f, insn) => format(name, shape, f, insn);
  }
  return out;
}

/** Formatters of the AdvSIMD integer patterns by pattern name. */
export const SIMD_INT_FORMATTERS = buildFormatters() as Record<Extract<OpName, `SI_${string}`>, Formatter>;
