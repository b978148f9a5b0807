/**
 * Native code for the most frequent integer instructions of a translated block: arithmetic,
 * multiply-add, logical, move-wide, bitfield and conditional-select instructions on register locals, loads and
 * stores with the data TLB's hit path inline, and the conditional and direct branches that end a
 * block. Each emitter implements exactly the executor's behaviour for the encodings it accepts
 * and returns false for every other one (the block then calls the executor): UNDEFINED and
 * CONSTRAINED UNPREDICTABLE encodings always go to the executor.
 *
 * Memory accesses: the fast path reads the CPU's TLB arrays (MemoryPort) as the executors'
 * read/write methods do; on a miss the executor runs with the registers and NZCV written back
 * (`spillCode`), so faults, MMIO, code-page stores and page crossings behave as interpreted.
 * The write TLB never holds a page with decoded code or an armed exclusive monitor, and neither
 * TLB holds MMIO, so a fast-path access never ends the block or changes an interrupt line.
 */
import { OP_NAMES, decodeA64 } from "../../decode/decoder.generated.js";
import { BITFIELD_VALID, BITMASKS, LOGICAL_IMM_VALID, bitmaskIndex } from "../bitmasks.js";
import { SP } from "../layout.js";
import { TLB_ENTRIES } from "../memory-port.js";
import type { BlockEmitter } from "./emitter.js";
import { add32Flags, add64Flags, logicFlags, sub32Flags, sub64Flags, unsignedCarry } from "./emitter.js";
import { multiply32Wide, multiply64High, multiply64Low } from "./native-multiply.js";

const LSL = 0;
const LSR = 1;
const ASR = 2;

/** Where an instruction sits in its block and how its executor is called on a slow path. */
export interface Site {
  readonly k: number;
  /** Executor call expression, e.g. `h12(s, 123)`. */
  readonly call: string;
}

const TWO_32 = 4294967296;

function spOr(r: number): number {
  return r === 31 ? SP : r;
}

/** Pattern name of an instruction word. */
export function patternName(insn: number): string {
  return OP_NAMES[decodeA64(insn)]!;
}

/** (lo, hi) shifted by a constant amount, as int32 expressions over names. */
function shift64(lo: string, hi: string, type: number, amount: number): [string, string] {
  if (amount === 0) return [lo, hi];
  if (amount < 32) {
    const back = 32 - amount;
    switch (type) {
      case LSL: return [`(${lo} << ${amount})`, `((${hi} << ${amount}) | (${lo} >>> ${back}))`];
      case LSR: return [`((${lo} >>> ${amount}) | (${hi} << ${back}))`, `(${hi} >>> ${amount})`];
      case ASR: return [`((${lo} >>> ${amount}) | (${hi} << ${back}))`, `(${hi} >> ${amount})`];
      default: return [`((${lo} >>> ${amount}) | (${hi} << ${back}))`, `((${hi} >>> ${amount}) | (${lo} << ${back}))`];
    }
  }
  const k = amount - 32;
  switch (type) {
    case LSL: return ["0", `(${lo} << ${k})`];
    case LSR: return [`(${hi} >>> ${k})`, "0"];
    case ASR: return [`(${hi} >> ${k})`, `(${hi} >> 31)`];
    default:
      return k === 0 ? [hi, lo] : [`((${hi} >>> ${k}) | (${lo} << ${32 - k}))`, `((${lo} >>> ${k}) | (${hi} << ${32 - k}))`];
  }
}

/** A 32-bit value shifted by a constant amount (0..31). */
function shift32(value: string, type: number, amount: number): string {
  if (amount === 0) return value;
  switch (type) {
    case LSL: return `(${value} << ${amount})`;
    case LSR: return `(${value} >>> ${amount})`;
    case ASR: return `(${value} >> ${amount})`;
    default: return `((${value} >>> ${amount}) | (${value} << ${32 - amount}))`;
  }
}

/** The extended-register operand (option UXTB..SXTX, left shift 0..4) as int32 halves. */
function extend(e: BlockEmitter, m: number, option: number, amount: number): [string, string] {
  const [ml, mh] = e.read(m);
  let lo: string;
  let hi: string;
  switch (option) {
    case 0: lo = e.let(`${ml} & 255`); hi = "0"; break;
    case 1: lo = e.let(`${ml} & 65535`); hi = "0"; break;
    case 2: lo = ml; hi = "0"; break;
    case 4: lo = e.let(`(${ml} << 24) >> 24`); hi = e.let(`${lo} >> 31`); break;
    case 5: lo = e.let(`(${ml} << 16) >> 16`); hi = e.let(`${lo} >> 31`); break;
    case 6: lo = ml; hi = e.let(`${ml} >> 31`); break;
    default: lo = ml; hi = mh;
  }
  if (amount === 0) return [lo, hi];
  const [sl, sh] = shift64(lo, hi, LSL, amount);
  return [e.let(`${sl} | 0`), e.let(`${sh} | 0`)];
}

/** d = a ± b with optional flags; operands are int32 names or literals. */
function addSub(e: BlockEmitter, wide: boolean, sub: boolean, setFlags: boolean, d: number, a: [string, string], b: [string, string]): void {
  if (!wide) {
    const fa = e.let(`${a[0]} >>> 0`);
    const fb = /^\d+$/.test(b[0]) ? String(Number(b[0]) >>> 0) : e.let(`${b[0]} >>> 0`);
    const r = e.let(`(${fa} ${sub ? "-" : "+"} ${fb}) | 0`);
    if (setFlags) e.setFlags(sub ? sub32Flags(fa, fb, r) : add32Flags(fa, fb, r));
    e.write(d, r, "0");
    return;
  }
  const al = e.let(`${a[0]} >>> 0`);
  const bl = /^\d+$/.test(b[0]) ? b[0] : e.let(`${b[0]} >>> 0`);
  if (sub) {
    const rl = e.let(`(${al} - ${bl}) | 0`);
    const rh = e.let(`(${a[1]} - ${b[1]} - (${al} < ${bl} ? 1 : 0)) | 0`);
    if (setFlags) {
      const ah = e.let(`${a[1]} >>> 0`);
      const bh = b[1] === "0" ? "0" : e.let(`${b[1]} >>> 0`);
      e.setFlags(sub64Flags(al, ah, bl, bh, rl, rh));
    }
    e.write(d, rl, rh);
    return;
  }
  // The low halves' sum wrapped to 32 bits and its carry from an unsigned compare: int32
  // arithmetic only (see unsignedCarry).
  const rl = e.let(`(${a[0]} + ${bl}) | 0`);
  const carryLo = e.let(`${unsignedCarry(rl, al, "0")} ? 1 : 0`);
  const rh = e.let(`(${a[1]} + ${b[1]} + ${carryLo}) | 0`);
  if (setFlags) {
    const ah = e.let(`${a[1]} >>> 0`);
    const bh = b[1] === "0" ? "0" : e.let(`${b[1]} >>> 0`);
    e.setFlags(add64Flags(ah, bh, rl, rh, carryLo));
  }
  e.write(d, rl, rh);
}

/** d = a op b for op 0 AND, 1 ORR, 2 EOR, 3 ANDS (flags). */
function logical(e: BlockEmitter, wide: boolean, op: number, d: number, a: [string, string], b: [string, string]): void {
  const sym = op === 1 ? "|" : op === 2 ? "^" : "&";
  const lo = e.let(`${a[0]} ${sym} ${b[0]}`);
  const hi = wide ? e.let(`${a[1]} ${sym} ${b[1]}`) : "0";
  if (op === 3) {
    if (wide) e.setFlags(logicFlags(`(${lo} | ${hi}) === 0`, `${hi} < 0`, `((${hi} >>> 31) << 3) | ((${lo} | ${hi}) === 0 ? 4 : 0)`));
    else e.setFlags(logicFlags(`${lo} === 0`, `${lo} < 0`, `((${lo} >>> 31) << 3) | (${lo} === 0 ? 4 : 0)`));
  }
  e.write(d, lo, hi);
}

/**
 * The int32 halves of an integer number expression as the executors' `setXNumber` stores it (two's
 * complement of the value mod 2^64; exact for the PC-relative values of ADR, ADRP and BL).
 */
function numberHalves(e: BlockEmitter, value: string): [string, string] {
  const v = e.let(value);
  const hi = e.let(`Math.floor(${v} / ${TWO_32})`);
  return [e.let(`(${v} - ${hi} * ${TWO_32}) | 0`), e.let(`${hi} | 0`)];
}

/** Emits register-only instruction `insn` at `site`; false when it needs its executor. */
export function emitRegisterOp(e: BlockEmitter, name: string, insn: number, site: Site): boolean {
  const wide = insn < 0;
  const d = insn & 31;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  switch (name) {
    case "ADD_i":
    case "ADDS_i":
    case "SUB_i":
    case "SUBS_i": {
      const setFlags = name.endsWith("S_i");
      const imm12 = (insn >>> 10) & 0xfff;
      const imm = (insn & (1 << 22)) !== 0 ? imm12 * 4096 : imm12;
      addSub(e, wide, name.startsWith("SUB"), setFlags, setFlags ? d : spOr(d), e.read(spOr(n)), [String(imm), "0"]);
      return true;
    }
    case "ADD_r":
    case "ADDS_r":
    case "SUB_r":
    case "SUBS_r": {
      const type = (insn >>> 22) & 3;
      const amount = (insn >>> 10) & 63;
      if (type === 3 || (!wide && amount >= 32)) return false;
      const b = operand(e, wide, m, type, amount);
      addSub(e, wide, name.startsWith("SUB"), name.endsWith("S_r"), d, e.read(n), b);
      return true;
    }
    case "ADD_x":
    case "ADDS_x":
    case "SUB_x":
    case "SUBS_x": {
      const amount = (insn >>> 10) & 7;
      if (amount > 4) return false;
      const setFlags = name.endsWith("S_x");
      const b = extend(e, m, (insn >>> 13) & 7, amount);
      addSub(e, wide, name.startsWith("SUB"), setFlags, setFlags ? d : spOr(d), e.read(spOr(n)), b);
      return true;
    }
    case "AND_r":
    case "BIC_r":
    case "ORR_r":
    case "ORN_r":
    case "EOR_r":
    case "EON_r":
    case "ANDS_r":
    case "BICS_r": {
      const type = (insn >>> 22) & 3;
      const amount = (insn >>> 10) & 63;
      if (!wide && amount >= 32) return false;
      const op = (insn >>> 29) & 3;
      let b = operand(e, wide, m, type, amount);
      if ((insn & (1 << 21)) !== 0) b = [e.let(`~${b[0]}`), wide ? e.let(`~${b[1]}`) : "0"];
      logical(e, wide, op, d, e.read(n), b);
      return true;
    }
    case "AND_i":
    case "ORR_i":
    case "EOR_i":
    case "ANDS_i": {
      const index = bitmaskIndex(insn);
      if (LOGICAL_IMM_VALID[index] === 0 || (!wide && (insn & (1 << 22)) !== 0)) return false;
      const op = (insn >>> 29) & 3;
      const mask: [string, string] = [String(BITMASKS[4 * index]!), wide ? String(BITMASKS[4 * index + 1]!) : "0"];
      logical(e, wide, op, op === 3 ? d : spOr(d), e.read(n), mask);
      return true;
    }
    case "MOVZ":
    case "MOVN":
    case "MOVK": {
      const hw = (insn >>> 21) & 3;
      if (!wide && hw >= 2) return false;
      if (d === 31) return true;
      const imm = (insn >>> 5) & 0xffff;
      const shift = (hw & 1) * 16;
      const part = (imm << shift) | 0;
      if (name === "MOVK") {
        const [dl, dh] = e.read(d);
        const keep = ~(0xffff << shift);
        const lo = hw < 2 ? e.let(`(${dl} & ${keep}) | ${part}`) : dl;
        const hi = !wide ? "0" : hw >= 2 ? e.let(`(${dh} & ${keep}) | ${part}`) : dh;
        e.write(d, lo, hi);
        return true;
      }
      let lo = hw < 2 ? part : 0;
      let hi = hw >= 2 ? part : 0;
      if (name === "MOVN") {
        lo = ~lo;
        hi = wide ? ~hi : 0;
      }
      e.write(d, String(lo), String(hi));
      return true;
    }
    case "SBFM":
    case "BFM":
    case "UBFM":
      return bitfield(e, name === "SBFM" ? 0 : name === "BFM" ? 1 : 2, insn);
    case "EXTR": {
      const lsb = (insn >>> 10) & 63;
      if (((insn >>> 22) & 1) !== (wide ? 1 : 0) || (!wide && lsb >= 32)) return false;
      const [nl, nh] = e.read(n);
      const [ml, mh] = e.read(m);
      if (!wide) {
        e.write(d, lsb === 0 ? ml : e.let(`(${ml} >>> ${lsb}) | (${nl} << ${32 - lsb})`), "0");
        return true;
      }
      // Xn:Xm shifted right by lsb: words (a, b, c) from the lowest one lsb selects.
      const [a, b, c] = lsb >= 32 ? [mh, nl, nh] : [ml, mh, nl];
      const k = lsb & 31;
      if (k === 0) e.write(d, a, b);
      else e.write(d, e.let(`(${a} >>> ${k}) | (${b} << ${32 - k})`), e.let(`(${b} >>> ${k}) | (${c} << ${32 - k})`));
      return true;
    }
    case "CCMP_r":
    case "CCMN_r":
    case "CCMP_i":
    case "CCMN_i": {
      // Flags of the compare when the condition holds, otherwise the immediate NZCV.
      const holds = e.let(e.cond((insn >>> 12) & 15));
      const field = (insn >>> 16) & 31;
      const b: [string, string] = name.endsWith("_i") ? [String(field), "0"] : e.read(field);
      addSub(e, wide, name.startsWith("CCMP"), true, 31, e.read(n), b);
      const nzcv = e.let(`${holds} ? ${e.flagsExpression()} : ${insn & 15}`);
      e.setFlags({ nzcv, cond: () => null });
      return true;
    }
    case "MADD":
    case "MSUB": {
      if (d === 31) return true;
      const sub = name === "MSUB";
      const [nl, nh] = e.read(n);
      const [ml, mh] = e.read(m);
      const addend = e.read((insn >>> 10) & 31);
      if (!wide) {
        e.write(d, e.let(`(${addend[0]} ${sub ? "-" : "+"} Math.imul(${nl}, ${ml})) | 0`), "0");
        return true;
      }
      addSub(e, true, sub, false, d, addend, multiply64Low(e, [nl, nh], [ml, mh]));
      return true;
    }
    case "SMADDL":
    case "SMSUBL":
    case "UMADDL":
    case "UMSUBL": {
      if (d === 31) return true;
      const product = multiply32Wide(e, e.read(n)[0], e.read(m)[0], name.startsWith("S"));
      addSub(e, true, name.endsWith("SUBL"), false, d, e.read((insn >>> 10) & 31), product);
      return true;
    }
    case "SMULH":
    case "UMULH": {
      if (d === 31) return true;
      const [lo, hi] = multiply64High(e, e.read(n), e.read(m), name === "SMULH");
      e.write(d, lo, hi);
      return true;
    }
    case "UDIV":
    case "SDIV":
      return divide(e, name === "SDIV", insn, site);
    case "ADC":
    case "ADCS":
    case "SBC":
    case "SBCS":
      addWithCarry(e, wide, name.startsWith("SBC"), name.endsWith("S"), d, e.read(n), e.read(m));
      return true;
    case "LSLV":
    case "LSRV":
    case "ASRV":
    case "RORV":
      variableShift(e, wide, name === "LSLV" ? LSL : name === "LSRV" ? LSR : name === "ASRV" ? ASR : 3, d, e.read(n), e.read(m)[0]);
      return true;
    case "REV_w":
    case "REV32":
    case "REV_x":
    case "REV16": {
      const [nl, nh] = e.read(n);
      const swap = name === "REV16" ? reverseBytes16x2 : reverseBytes32;
      if (!wide) e.write(d, e.let(swap(nl)), "0");
      else if (name === "REV_x") e.write(d, e.let(swap(nh)), e.let(swap(nl)));
      else e.write(d, e.let(swap(nl)), e.let(swap(nh)));
      return true;
    }
    case "CLZ": {
      const [nl, nh] = e.read(n);
      e.write(d, e.let(wide ? `${nh} !== 0 ? Math.clz32(${nh}) : 32 + Math.clz32(${nl})` : `Math.clz32(${nl})`), "0");
      return true;
    }
    case "ADR":
    case "ADRP": {
      const imm = (((insn << 8) >> 13) << 2) | ((insn >>> 29) & 3);
      // The block is within one page, so ADRP's page is the block start's.
      const value = name === "ADR" ? `P + ${4 * site.k + imm}` : `P - (P & 4095) + ${imm * 4096}`;
      if (d !== 31) e.write(d, ...numberHalves(e, value));
      return true;
    }
    case "CSEL":
    case "CSINC":
    case "CSINV":
    case "CSNEG": {
      if (d === 31) return true;
      const op = ((insn >>> 29) & 2) | ((insn >>> 10) & 1);
      const c = e.let(e.cond((insn >>> 12) & 15));
      const [nl, nh] = e.read(n);
      const [ml, mh] = e.read(m);
      let fl: string;
      let fh: string;
      switch (op) {
        case 1:
          fl = `(${ml} + 1) | 0`;
          fh = `${ml} === -1 ? (${mh} + 1) | 0 : ${mh}`;
          break;
        case 2:
          fl = `~${ml}`;
          fh = `~${mh}`;
          break;
        case 3:
          fl = `(-${ml}) | 0`;
          fh = `${ml} === 0 ? (-${mh}) | 0 : ~${mh}`;
          break;
        default:
          fl = ml;
          fh = mh;
      }
      const lo = e.let(`${c} ? ${nl} : ${fl}`);
      const hi = wide ? e.let(`${c} ? ${nh} : ${fh}`) : "0";
      e.write(d, lo, hi);
      return true;
    }
    default:
      return false;
  }
}

/** Bytes of each word reversed (REV), as an int32 expression. */
function reverseBytes32(v: string): string {
  return `((${v} << 24) | ((${v} & 65280) << 8) | ((${v} >>> 8) & 65280) | (${v} >>> 24))`;
}

/** Bytes of each halfword swapped (REV16), as an int32 expression. */
function reverseBytes16x2(v: string): string {
  return `(((${v} & 16711935) << 8) | ((${v} >>> 8) & 16711935))`;
}

/** ADC/ADCS (b) and SBC/SBCS (NOT b): d = a + b + C. */
function addWithCarry(e: BlockEmitter, wide: boolean, sub: boolean, setFlags: boolean, d: number, a: [string, string], b: [string, string]): void {
  const c = e.let(e.carry());
  const operand = (half: string): string => e.let(sub ? `~${half} >>> 0` : `${half} >>> 0`);
  const al = e.let(`${a[0]} >>> 0`);
  const bl = operand(b[0]);
  if (!wide) {
    const r = e.let(`(${al} + ${bl} + ${c}) | 0`);
    if (setFlags) e.setFlags(add32Flags(al, bl, r, c));
    e.write(d, r, "0");
    return;
  }
  // As in addSub: int32 arithmetic, the carries from unsigned compares (see unsignedCarry).
  const rl = e.let(`(${al} + ${bl} + ${c}) | 0`);
  const carryLo = e.let(`${unsignedCarry(rl, al, c)} ? 1 : 0`);
  const bh = operand(b[1]);
  const rh = e.let(`(${a[1]} + ${bh} + ${carryLo}) | 0`);
  if (setFlags) e.setFlags(add64Flags(e.let(`${a[1]} >>> 0`), bh, rl, rh, carryLo));
  e.write(d, rl, rh);
}

/** LSLV/LSRV/ASRV/RORV: Rn shifted by `amount` (Rm's low word) modulo the register size. */
function variableShift(e: BlockEmitter, wide: boolean, type: number, d: number, [l, h]: [string, string], amount: string): void {
  if (!wide) {
    const k = e.let(`${amount} & 31`);
    // JavaScript shifts take their count mod 32, so ROR by 0 is (v >>> 0) | (v << 0) = v.
    const value = [`${l} << ${k}`, `${l} >>> ${k}`, `${l} >> ${k}`, `(${l} >>> ${k}) | (${l} << (32 - ${k}))`][type]!;
    e.write(d, e.let(`(${value}) | 0`), "0");
    return;
  }
  const s = e.let(`${amount} & 63`);
  const k = e.let(`${s} & 31`);
  let lo: string;
  let hi: string;
  switch (type) {
    case LSL:
      lo = `${s} < 32 ? ${l} << ${k} : 0`;
      hi = `${s} < 32 ? (${k} === 0 ? ${h} : (${h} << ${k}) | (${l} >>> (32 - ${k}))) : ${l} << ${k}`;
      break;
    case LSR:
    case ASR: {
      const fill = type === LSR ? "0" : `${h} >> 31`;
      const top = type === LSR ? `(${h} >>> ${k}) | 0` : `${h} >> ${k}`;
      lo = `${s} < 32 ? (${k} === 0 ? ${l} : (${l} >>> ${k}) | (${h} << (32 - ${k}))) : ${top}`;
      hi = `${s} < 32 ? ${top} : ${fill}`;
      break;
    }
    default: {
      // Rotating by 32 or more swaps the words first.
      const x = e.let(`${s} < 32 ? ${l} : ${h}`);
      const y = e.let(`${s} < 32 ? ${h} : ${l}`);
      lo = `${k} === 0 ? ${x} : (${x} >>> ${k}) | (${y} << (32 - ${k}))`;
      hi = `${k} === 0 ? ${y} : (${y} >>> ${k}) | (${x} << (32 - ${k}))`;
    }
  }
  e.write(d, e.let(lo), e.let(hi));
}

/**
 * UDIV/SDIV: in doubles when both operands are below 2^53 in magnitude (the quotient of such
 * integers rounds to within the same integer part, so truncating it is exact) or the unsigned
 * divisor is below 2^32, otherwise (64-bit operands beyond that) the executor, with the registers
 * written back.
 */
function divide(e: BlockEmitter, signed: boolean, insn: number, site: Site): boolean {
  const d = insn & 31;
  if (d === 31) return true;
  const [nl, nh] = e.read((insn >>> 5) & 31);
  const [ml, mh] = e.read((insn >>> 16) & 31);
  if (insn >= 0) {
    const q = signed ? `Math.trunc(${nl} / ${ml})` : `Math.trunc((${nl} >>> 0) / (${ml} >>> 0))`;
    e.write(d, e.let(`${ml} === 0 ? 0 : ${q} | 0`), "0");
    return true;
  }
  const value = (lo: string, hi: string): string => (signed ? `${hi} * ${TWO_32} + (${lo} >>> 0)` : `(${hi} >>> 0) * ${TWO_32} + (${lo} >>> 0)`);
  // |value| < 2^53: signed high words in [-2^21 + 1, 2^21 - 1], unsigned ones below 2^21.
  const small = (hi: string): string => (signed ? `(${hi} + 2097151) >>> 0 <= 4194302` : `${hi} >>> 0 < 2097152`);
  const lo = e.var();
  const hi = e.var();
  const quotient = e.var();
  const fast = `${quotient} = (${ml} | ${mh}) === 0 ? 0 : Math.trunc((${value(nl, nh)}) / (${value(ml, mh)})); ${hi} = Math.floor(${quotient} / ${TWO_32}); ${lo} = (${quotient} - ${hi} * ${TWO_32}) | 0; ${hi} |= 0;`;
  const slow = `${e.spillCode()} s.pc = P + ${4 * site.k}; s.retired = R + ${site.k}; r = ${site.call}; if (r !== 0) return L(s, r, R + ${site.k}); ${lo} = I[${2 * d}]; ${hi} = I[${2 * d + 1}];`;
  // UDIV by a divisor below 2^32 (udiv_qrnnd's): long division in steps of 32, 16 and 16 bits,
  // each partial dividend below 2^48.
  const b = e.var();
  const rest = e.var();
  const q1 = e.var();
  const byWord =
    `${b} = ${ml} >>> 0; ${hi} = Math.floor((${nh} >>> 0) / ${b}); ${rest} = (${nh} >>> 0) - ${hi} * ${b}; ${rest} = ${rest} * 65536 + (${nl} >>> 16); ` +
    `${q1} = Math.floor(${rest} / ${b}); ${rest} = (${rest} - ${q1} * ${b}) * 65536 + (${nl} & 65535); ${lo} = (${q1} * 65536 + Math.floor(${rest} / ${b})) | 0; ${hi} |= 0;`;
  const general = `if (${small(nh)} && ${small(mh)}) { ${fast} } else { ${slow} }`;
  e.emit(signed ? general : `if (${mh} === 0 && ${ml} !== 0) { ${byWord} } else ${general}`);
  e.write(d, lo, hi);
  return true;
}

/** Rm shifted by a constant (the shifted-register operand) as int32 names. */
function operand(e: BlockEmitter, wide: boolean, m: number, type: number, amount: number): [string, string] {
  const [ml, mh] = e.read(m);
  if (amount === 0) return [ml, wide ? mh : "0"];
  if (!wide) return [e.let(`${shift32(ml, type, amount)} | 0`), "0"];
  const [lo, hi] = shift64(ml, mh, type, amount);
  return [e.let(`${lo} | 0`), e.let(`${hi} | 0`)];
}

/** SBFM (0), BFM (1), UBFM (2): the executor's formulation with the masks as constants. */
function bitfield(e: BlockEmitter, op: number, insn: number): boolean {
  const index = bitmaskIndex(insn);
  const wide = insn < 0;
  const immr = (insn >>> 16) & 63;
  const imms = (insn >>> 10) & 63;
  if (BITFIELD_VALID[index] === 0 || ((insn >>> 22) & 1) !== (wide ? 1 : 0) || (!wide && (immr >= 32 || imms >= 32))) return false;
  const d = insn & 31;
  if (d === 31) return true;
  const wLo = BITMASKS[4 * index]!;
  const wHi = BITMASKS[4 * index + 1]!;
  const tLo = BITMASKS[4 * index + 2]!;
  const tHi = BITMASKS[4 * index + 3]!;
  const [sl, sh] = e.read((insn >>> 5) & 31);
  if (wide) {
    const [rl, rh] = shift64(sl, sh, 3, immr);
    let botLo = e.let(`${rl} & ${wLo}`);
    let botHi = e.let(`${rh} & ${wHi}`);
    let topLo: string;
    let topHi: string;
    if (op === 0) {
      topLo = topHi = e.let(imms < 32 ? `-((${sl} >>> ${imms}) & 1)` : `-((${sh} >>> ${imms - 32}) & 1)`);
    } else if (op === 1) {
      [topLo, topHi] = e.read(d);
      botLo = e.let(`${botLo} | (${topLo} & ${~wLo})`);
      botHi = e.let(`${botHi} | (${topHi} & ${~wHi})`);
    } else {
      topLo = topHi = "0";
    }
    const lo = e.let(`(${topLo} & ${~tLo}) | (${botLo} & ${tLo})`);
    const hi = e.let(`(${topHi} & ${~tHi}) | (${botHi} & ${tHi})`);
    e.write(d, lo, hi);
    return true;
  }
  const rotated = shift32(sl, 3, immr);
  let bot = e.let(`${rotated} & ${wLo}`);
  let top: string;
  if (op === 0) top = e.let(`-((${sl} >>> ${imms}) & 1)`);
  else if (op === 1) {
    top = e.read(d)[0];
    bot = e.let(`${bot} | (${top} & ${~wLo})`);
  } else top = "0";
  const lo = e.let(`(${top} & ${~tLo}) | (${bot} & ${tLo})`);
  e.write(d, lo, "0");
  return true;
}

/** Effective address (unsigned halves) of base slot + a constant offset. */
function addressPlus(e: BlockEmitter, base: [string, string], offset: number): [string, string] {
  if (offset === 0) return [e.let(`${base[0]} >>> 0`), e.let(`${base[1]} >>> 0`)];
  // int32 arithmetic (see unsignedCarry): the low half wrapped, its carry or borrow by an unsigned compare.
  const lo = e.let(`(${base[0]} + ${offset}) >>> 0`);
  const hi = offset > 0
    ? e.let(`(${base[1]} + (${unsignedCarry(lo, `(${base[0]} >>> 0)`, "0")} ? 1 : 0)) >>> 0`)
    : e.let(`(${base[1]} - (${lo} > (${base[0]} >>> 0) ? 1 : 0)) >>> 0`);
  return [lo, hi];
}

/** Values read from memory by the fast path: an expression per kind (view V at byte `at`). */
function loadExpr(kind: number): [string, string] {
  switch (kind) {
    case 1: return ["V.getUint8(at)", "0"];
    case 5: return ["V.getUint16(at, true)", "0"];
    case 9: return ["V.getInt32(at, true)", "0"];
    case 13: return ["V.getInt32(at, true)", "V.getInt32(at + 4, true)"];
    case 2: return ["V.getInt8(at)", "LO >> 31"];
    case 3: return ["V.getInt8(at)", "0"];
    case 6: return ["V.getInt16(at, true)", "LO >> 31"];
    case 7: return ["V.getInt16(at, true)", "0"];
    default: return ["V.getInt32(at, true)", "LO >> 31"]; // 10: LDRSW
  }
}

/**
 * The slow path of an access at block position k: registers and flags written back, the
 * executor run as the interpreter runs it, its stop handled, and the block ended if the access
 * invalidated it or moved the slice end (a store to code, an MMIO access).
 */
function slowPath(e: BlockEmitter, site: Site, writes: readonly number[]): string {
  const k = site.k;
  const reload = [...new Set(writes)].map((slot) => e.reloadCode(slot)).join(" ");
  return (
    `${e.spillCode()} s.pc = P + ${4 * k}; s.retired = R + ${k}; r = ${site.call}; if (r !== 0) return L(s, r, R + ${k}); ` +
    `if (!B.valid || s.sliceEnd <= R + ${k + 1}) { s.pc = P + ${4 * k + 4}; s.retired = R + ${k + 1}; return 0; } ${reload}`
  );
}

/** Emits load/store `insn` at `site`; false when it needs its executor. */
export function emitAccess(e: BlockEmitter, name: string, insn: number, site: Site): boolean {
  if ((insn & (1 << 26)) !== 0) return false;
  switch (name) {
    case "LDST_u":
    case "LDST_unscaled":
    case "LDST_pre":
    case "LDST_post":
    case "LDST_reg":
      return single(e, name, insn, site);
    case "STP":
    case "LDP":
    case "LDPSW":
      return pair(e, name, insn, site);
    default:
      return false;
  }
}

function single(e: BlockEmitter, name: string, insn: number, site: Site): boolean {
  const kind = ((insn >>> 28) & 12) | ((insn >>> 22) & 3);
  if (kind === 14 || kind === 11 || kind === 15) return false;
  const size = 1 << (insn >>> 30);
  const n = spOr((insn >>> 5) & 31);
  const t = insn & 31;
  const load = (kind & 3) !== 0;
  const writeback = name === "LDST_pre" || name === "LDST_post";
  if (writeback && load && t === n) return false; // CONSTRAINED UNPREDICTABLE: as the executor does
  const base = e.read(n);
  let address: [string, string];
  let next: [string, string] | null = null;
  const simm9 = (insn << 11) >> 23;
  switch (name) {
    case "LDST_u":
      address = addressPlus(e, base, ((insn >>> 10) & 0xfff) * size);
      break;
    case "LDST_unscaled":
      address = addressPlus(e, base, simm9);
      break;
    case "LDST_pre":
      address = addressPlus(e, base, simm9);
      next = [e.let(`${address[0]} | 0`), e.let(`${address[1]} | 0`)];
      break;
    case "LDST_post":
      address = addressPlus(e, base, 0);
      next = addressPlus(e, base, simm9).map((half) => e.let(`${half} | 0`)) as [string, string];
      break;
    default: {
      const option = (insn >>> 13) & 7;
      if ((option & 2) === 0) return false;
      const [ol, oh] = extend(e, (insn >>> 16) & 31, option, (insn & (1 << 12)) !== 0 ? insn >>> 30 : 0);
      const lo = e.let(`(${base[0]} + ${ol}) >>> 0`);
      address = [lo, e.let(`(${base[1]} + ${oh} + (${unsignedCarry(lo, `(${base[0]} >>> 0)`, "0")} ? 1 : 0)) >>> 0`)];
    }
  }
  const [al, ah] = address;
  const page = e.let(`${al} >>> 12`);
  const slot = e.let(`${page} & ${TLB_ENTRIES - 1}`);
  const off = e.let(`${al} & 4095`);
  if (!load) {
    const [vl, vh] = e.read(t);
    let store: string;
    switch (size) {
      case 1: store = `V.setUint8(at, ${vl});`; break;
      case 2: store = `V.setUint16(at, ${vl}, true);`; break;
      case 4: store = `V.setInt32(at, ${vl}, true);`; break;
      default: store = `V.setInt32(at, ${vl}, true); V.setInt32(at + 4, ${vh}, true);`;
    }
    e.emit(`if (WT[${slot}] === ${page} && WH[${slot}] === ${ah} && ${off} <= ${4096 - size}) { const V = WV[${slot}], at = WB[${slot}] + ${off}; ${store} } else { ${slowPath(e, site, next === null ? [] : [n])} }`);
    if (next !== null) e.write(n, next[0], next[1]);
    return true;
  }
  const lo = e.var();
  const hi = e.var();
  const [loExpr, hiExpr] = loadExpr(kind);
  const fast = `const V = RV[${slot}], at = RB[${slot}] + ${off}; ${lo} = ${loExpr}; ${hi} = ${hiExpr.replace("LO", lo)};`;
  const slow = `${slowPath(e, site, next === null ? [] : [n])} ${t === 31 ? "" : `${lo} = I[${2 * t}]; ${hi} = I[${2 * t + 1}];`}`;
  e.emit(`if (RT[${slot}] === ${page} && RH[${slot}] === ${ah} && ${off} <= ${4096 - size}) { ${fast} } else { ${slow} }`);
  e.write(t, lo, hi);
  if (next !== null) e.write(n, next[0], next[1]);
  return true;
}

function pair(e: BlockEmitter, name: string, insn: number, site: Site): boolean {
  const mode = (insn >>> 23) & 3;
  const opc = insn >>> 30;
  if (mode === 0 || (name === "LDPSW" ? opc !== 1 : (opc & 1) !== 0)) return false;
  const load = name !== "STP";
  const wide = insn < 0;
  const size = wide ? 8 : 4;
  const offset = ((insn << 10) >> 25) * size;
  const n = spOr((insn >>> 5) & 31);
  const t = insn & 31;
  const t2 = (insn >>> 10) & 31;
  const writeback = mode === 1 || mode === 3;
  if (load && (t === t2 || (writeback && (t === n || t2 === n)))) return false;
  const base = e.read(n);
  const [al, ah] = addressPlus(e, base, mode === 1 ? 0 : offset);
  const next = writeback ? (addressPlus(e, base, offset).map((half) => e.let(`${half} | 0`)) as [string, string]) : null;
  const page = e.let(`${al} >>> 12`);
  const slot = e.let(`${page} & ${TLB_ENTRIES - 1}`);
  const off = e.let(`${al} & 4095`);
  const limit = 4096 - 2 * size;
  if (!load) {
    const [al1, ah1] = e.read(t);
    const [al2, ah2] = e.read(t2);
    const store = wide
      ? `V.setInt32(at, ${al1}, true); V.setInt32(at + 4, ${ah1}, true); V.setInt32(at + 8, ${al2}, true); V.setInt32(at + 12, ${ah2}, true);`
      : `V.setInt32(at, ${al1}, true); V.setInt32(at + 4, ${al2}, true);`;
    e.emit(`if (WT[${slot}] === ${page} && WH[${slot}] === ${ah} && ${off} <= ${limit}) { const V = WV[${slot}], at = WB[${slot}] + ${off}; ${store} } else { ${slowPath(e, site, next === null ? [] : [n])} }`);
    if (next !== null) e.write(n, next[0], next[1]);
    return true;
  }
  const [l1, h1, l2, h2] = [e.var(), e.var(), e.var(), e.var()];
  let fast: string;
  if (wide) fast = `${l1} = V.getInt32(at, true); ${h1} = V.getInt32(at + 4, true); ${l2} = V.getInt32(at + 8, true); ${h2} = V.getInt32(at + 12, true);`;
  else if (name === "LDPSW") fast = `${l1} = V.getInt32(at, true); ${h1} = ${l1} >> 31; ${l2} = V.getInt32(at + 4, true); ${h2} = ${l2} >> 31;`;
  else fast = `${l1} = V.getInt32(at, true); ${l2} = V.getInt32(at + 4, true);`;
  const reread = (slotNo: number, lo: string, hi: string): string => (slotNo === 31 ? "" : `${lo} = I[${2 * slotNo}]; ${hi} = I[${2 * slotNo + 1}];`);
  const slow = `${slowPath(e, site, next === null ? [] : [n])} ${reread(t, l1, h1)} ${reread(t2, l2, h2)}`;
  e.emit(`if (RT[${slot}] === ${page} && RH[${slot}] === ${ah} && ${off} <= ${limit}) { const V = RV[${slot}], at = RB[${slot}] + ${off}; ${fast} } else { ${slow} }`);
  e.write(t, l1, h1);
  e.write(t2, l2, h2);
  if (next !== null) e.write(n, next[0], next[1]);
  return true;
}

/** A conditional or direct branch: when it is taken (a boolean expression) and its offset. */
export interface NativeBranch {
  readonly taken: string;
  readonly offset: number;
}

/**
 * The block's final B, BL, B.cond, CBZ/CBNZ or TBZ/TBNZ at `site`; null for other instructions.
 * BL's link register is written here.
 */
export function nativeBranch(e: BlockEmitter, name: string, insn: number, site: Site): NativeBranch | null {
  switch (name) {
    case "B":
      return { taken: "true", offset: (insn << 6) >> 4 };
    case "BL":
      e.write(30, ...numberHalves(e, `P + ${4 * site.k + 4}`));
      return { taken: "true", offset: (insn << 6) >> 4 };
    case "B_cond":
      return { taken: e.cond(insn & 15), offset: ((insn << 8) >> 13) * 4 };
    case "CBZ":
    case "CBNZ": {
      const [lo, hi] = e.read(insn & 31);
      const zero = insn < 0 ? `(${lo} | ${hi}) === 0` : `${lo} === 0`;
      return { taken: `${name === "CBZ" ? "" : "!"}(${zero})`, offset: ((insn << 8) >> 13) * 4 };
    }
    case "TBZ":
    case "TBNZ": {
      const [lo, hi] = e.read(insn & 31);
      const bit = ((insn >>> 26) & 32) | ((insn >>> 19) & 31);
      const set = `((${bit >= 32 ? hi : lo} >>> ${bit & 31}) & 1) === 1`;
      return { taken: `${name === "TBZ" ? "!" : ""}(${set})`, offset: ((insn << 13) >> 18) * 4 };
    }
    default:
      return null;
  }
}
