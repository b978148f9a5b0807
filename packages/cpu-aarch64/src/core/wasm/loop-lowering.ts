/**
 * Lowers a self-looping block (its last instruction a conditional branch back to its first) to a
 * WebAssembly function, for the integer instructions of multi-precision and array loops: the
 * first part of a WebAssembly block tier (bench/README.md, "A WebAssembly block, measured").
 * loop-runner.ts runs it for the block translator.
 *
 * The function `run(regs, sites, budget)` works on one linear memory:
 * - `regs`: the register file in the core's layout (64-bit slots, core/layout.ts), followed at
 *   STATUS by NZCV (i32, N=8 Z=4 C=2 V=1), the instructions it retired (i32) and the index of the
 *   instruction it stopped before (i32);
 * - `sites`: SITE_BYTES for each load or store of the block: the page it last used, as VA[31:12]
 *   and VA[63:32] (i32 each), and that page's offset in the memory (i32). The caller empties
 *   them (VA[31:12] = -1) before each call. On a miss the function calls the imported
 *   `env.refill(site, lo, hi, write)`, which fills the site from the core's data TLB and returns 1,
 *   or returns 0 when the TLB does not hold the page (or it lies outside this memory);
 * - `budget`: instructions it may retire (an iteration starts only if it fits whole).
 * It returns LEFT_LOOP when the branch fell through (the next PC is the block's start + 4n), or
 * STOPPED when it stopped before instruction `k` of an iteration (the next PC is start + 4k): the
 * budget would not hold another iteration, or an access missed the TLB or would cross its page.
 * Registers, NZCV and the count are exact at either exit, so the interpreter goes on from there
 * (making the access that missed through its own path, faults included).
 */
import { OP_NAMES, decodeA64 } from "../../decode/decoder.generated.js";
import { BITMASKS, LOGICAL_IMM_VALID, bitmaskIndex } from "../bitmasks.js";
import { FLAG_C, FLAG_N, FLAG_V, FLAG_Z } from "../flags.js";
import { REGISTER_SLOTS, SP } from "../layout.js";
import { EMPTY_BLOCK, FunctionBody, I32, I64, Op, moduleBytes } from "./wasm-encoder.js";

/** Byte offset, from `regs`, of NZCV; the retired count and the stop index follow (4 bytes each). */
export const STATUS = 8 * REGISTER_SLOTS;
export const LEFT_LOOP = 0;
export const STOPPED = 1;
/** Bytes of a site's cache entry: VA[31:12], VA[63:32], host offset. */
export const SITE_BYTES = 12;
/** Loads and stores a lowered block may have at most. */
export const MAX_SITES = 8;

const PARAM_REGS = 0;
const PARAM_SITES = 1;
const PARAM_BUDGET = 2;
/** Function index of the imported `refill`. */
const REFILL = 0;

/** Register 31 of an operand: the zero register, or SP where the encoding says so. */
type Reg31 = "zr" | "sp";

class Lowering {
  readonly f = new FunctionBody(3);
  sites = 0;
  private readonly slots = new Map<number, number>();
  private readonly written = new Set<number>();
  readonly nzcv = this.f.local(I32);
  readonly done = this.f.local(I32);
  readonly stopAt = this.f.local(I32);
  private readonly a = this.f.local(I64);
  private readonly b = this.f.local(I64);
  private readonly r = this.f.local(I64);
  private readonly va = this.f.local(I64);
  private readonly lo = this.f.local(I32);

  /** The local holding register slot `slot` (loaded at entry). */
  private local(slot: number): number {
    let local = this.slots.get(slot);
    if (local === undefined) {
      local = this.f.local(I64);
      this.slots.set(slot, local);
    }
    return local;
  }

  /** Pushes X`reg` (i64). */
  readX(reg: number, r31: Reg31): void {
    if (reg === 31 && r31 === "zr") this.f.i64(0n);
    else this.f.get(this.local(reg === 31 ? SP : reg));
  }

  /** Pops an i64 into X`reg` (dropped for the zero register). */
  writeX(reg: number, r31: Reg31): void {
    if (reg === 31 && r31 === "zr") {
      this.f.op(Op.drop);
      return;
    }
    const slot = reg === 31 ? SP : reg;
    this.written.add(slot);
    this.f.set(this.local(slot));
  }

  /** Pushes 1 if NZCV bit `flag` is set. */
  private flag(flag: number): void {
    const shift = Math.log2(flag);
    this.f.get(this.nzcv).i32(shift).op(Op.i32ShrU).i32(1).op(Op.i32And);
  }

  /** Pushes condition `cond` (0..15) of NZCV as 0 or 1 (ConditionHolds). */
  condition(cond: number): void {
    switch (cond >>> 1) {
      case 0: this.flag(FLAG_Z); break;
      case 1: this.flag(FLAG_C); break;
      case 2: this.flag(FLAG_N); break;
      case 3: this.flag(FLAG_V); break;
      case 4: this.flag(FLAG_C); this.flag(FLAG_Z); this.f.op(Op.i32Eqz, Op.i32And); break;
      case 5: this.flag(FLAG_N); this.flag(FLAG_V); this.f.op(Op.i32Eq); break;
      case 6: this.flag(FLAG_N); this.flag(FLAG_V); this.f.op(Op.i32Eq); this.flag(FLAG_Z); this.f.op(Op.i32Eqz, Op.i32And); break;
      default: this.f.i32(1);
    }
    if ((cond & 1) === 1 && cond !== 15) this.f.op(Op.i32Eqz);
  }

  /** NZCV from `a` ± `b` = `r` (the locals), 64-bit; carry-in included in `r` for ADC-like forms is not supported here. */
  private flags64(sub: boolean): void {
    const f = this.f;
    f.get(this.r).i64(0n).op(Op.i64LtS).i32(3).op(Op.i32Shl);
    f.get(this.r).op(Op.i64Eqz).i32(2).op(Op.i32Shl).op(Op.i32Or);
    if (sub) f.get(this.a).get(this.b).op(Op.i64GeU);
    else f.get(this.r).get(this.a).op(Op.i64LtU);
    f.i32(1).op(Op.i32Shl).op(Op.i32Or);
    // V: sub ((a ^ b) & (a ^ r)) < 0, add ((a ^ r) & (b ^ r)) < 0
    if (sub) f.get(this.a).get(this.b).op(Op.i64Xor).get(this.a).get(this.r).op(Op.i64Xor);
    else f.get(this.a).get(this.r).op(Op.i64Xor).get(this.b).get(this.r).op(Op.i64Xor);
    f.op(Op.i64And).i64(0n).op(Op.i64LtS).op(Op.i32Or).set(this.nzcv);
  }

  /** The same on the low 32 bits of `a`, `b` and `r`. */
  private flags32(sub: boolean): void {
    const f = this.f;
    const w = (local: number) => f.get(local).op(Op.i32WrapI64);
    w(this.r); f.i32(0).op(Op.i32LtS).i32(3).op(Op.i32Shl);
    w(this.r); f.op(Op.i32Eqz).i32(2).op(Op.i32Shl).op(Op.i32Or);
    if (sub) { w(this.a); w(this.b); f.op(Op.i32GeU); } else { w(this.r); w(this.a); f.op(Op.i32LtU); }
    f.i32(1).op(Op.i32Shl).op(Op.i32Or);
    if (sub) { w(this.a); w(this.b); f.op(Op.i32Xor); w(this.a); w(this.r); f.op(Op.i32Xor); } else { w(this.a); w(this.r); f.op(Op.i32Xor); w(this.b); w(this.r); f.op(Op.i32Xor); }
    f.op(Op.i32And).i32(0).op(Op.i32LtS).op(Op.i32Or).set(this.nzcv);
  }

  /** a ± b into `r` and X`rd` (zero-extended from 32 bits when !wide), NZCV when `setFlags`. The operands are in `a`, `b`. */
  addSub(wide: boolean, sub: boolean, setFlags: boolean, rd: number, rdForm: Reg31): void {
    this.f.get(this.a).get(this.b).op(sub ? Op.i64Sub : Op.i64Add);
    if (!wide) this.f.i64(0xffffffffn).op(Op.i64And);
    this.f.set(this.r);
    if (setFlags && wide) this.flags64(sub);
    else if (setFlags) this.flags32(sub);
    this.f.get(this.r);
    this.writeX(rd, rdForm);
  }

  setA(): void { this.f.set(this.a); }
  setB(): void { this.f.set(this.b); }

  /** Pushes X`reg` shifted (LSL, LSR, ASR, ROR) by a constant. */
  shifted(reg: number, type: number, amount: number): void {
    this.readX(reg, "zr");
    if (amount === 0) return;
    this.f.i64(BigInt(amount)).op([Op.i64Shl, Op.i64ShrU, Op.i64ShrS, Op.i64Rotr][type]!);
  }

  /** Pushes X`reg` extended (UXTB..SXTX) and shifted left by `amount`. */
  extended(reg: number, option: number, amount: number): void {
    this.readX(reg, "zr");
    switch (option) {
      case 0: this.f.i64(0xffn).op(Op.i64And); break;
      case 1: this.f.i64(0xffffn).op(Op.i64And); break;
      case 2: this.f.i64(0xffffffffn).op(Op.i64And); break;
      case 4: this.f.op(Op.i64Extend8S); break;
      case 5: this.f.op(Op.i64Extend16S); break;
      case 6: this.f.op(Op.i64Extend32S); break;
      default: break;
    }
    if (amount !== 0) this.f.i64(BigInt(amount)).op(Op.i64Shl);
  }

  /**
   * The host address of a `bytes`-byte access at the VA on the stack, through the block's next
   * site cache (refilled from the core's TLB on a miss); leaves the address (i32) on the stack, or
   * stops before instruction `k` when the TLB does not hold the page or the access would cross it.
   */
  access(write: boolean, bytes: number, k: number): boolean {
    if (this.sites === MAX_SITES) return false;
    const site = this.sites++;
    const f = this.f;
    const at = SITE_BYTES * site;
    f.tee(this.va).op(Op.i32WrapI64).set(this.lo);
    f.get(PARAM_SITES).memory(Op.i32Load, 2, at).get(this.lo).i32(12).op(Op.i32ShrU).op(Op.i32Eq);
    f.get(PARAM_SITES).memory(Op.i32Load, 2, at + 4).get(this.va).i64(32n).op(Op.i64ShrU).op(Op.i32WrapI64).op(Op.i32Eq).op(Op.i32And);
    f.op(Op.i32Eqz, Op.if, EMPTY_BLOCK);
    f.i32(site).get(this.lo).get(this.va).i64(32n).op(Op.i64ShrU).op(Op.i32WrapI64).i32(write ? 1 : 0).op(Op.call, REFILL);
    f.op(Op.i32Eqz, Op.if, EMPTY_BLOCK).i32(k).set(this.stopAt).branch(Op.br, 3).op(Op.end); // if, if, loop, $stop
    f.op(Op.end);
    f.get(this.lo).i32(4095).op(Op.i32And).i32(4096 - bytes).op(Op.i32GtU);
    f.op(Op.if, EMPTY_BLOCK).i32(k).set(this.stopAt).branch(Op.br, 2).op(Op.end); // if, loop, $stop
    f.get(PARAM_SITES).memory(Op.i32Load, 2, at + 8).get(this.lo).i32(4095).op(Op.i32And).op(Op.i32Add);
    return true;
  }

  /** The register slots the body reads or writes (what a caller copies in). */
  registerSlots(): number[] {
    return [...this.slots.keys()];
  }

  /** The register slots the body writes (what a caller copies back out). */
  writtenSlots(): number[] {
    return [...this.written];
  }

  /** Loads the registers the body reads at entry, NZCV too (emitted after the body, spliced in front). */
  prologue(): number[] {
    const p = new FunctionBody(0);
    for (const [slot, local] of this.slots) p.get(PARAM_REGS).memory(Op.i64Load, 3, 8 * slot).set(local);
    p.get(PARAM_REGS).memory(Op.i32Load, 2, STATUS).set(this.nzcv);
    return p.code;
  }

  /** Stores the registers the body writes, NZCV, the count and the stop index. */
  epilogue(): void {
    const f = this.f;
    for (const slot of this.written) f.get(PARAM_REGS).get(this.local(slot)).memory(Op.i64Store, 3, 8 * slot);
    f.get(PARAM_REGS).get(this.nzcv).memory(Op.i32Store, 2, STATUS);
    f.get(PARAM_REGS).get(this.done).memory(Op.i32Store, 2, STATUS + 4);
    f.get(PARAM_REGS).get(this.stopAt).memory(Op.i32Store, 2, STATUS + 8);
  }
}

/** Lowers instruction `insn` (index `k`, not the last) into `l`; false if it is not in the supported set. */
function lowerInstruction(l: Lowering, insn: number, k: number): boolean {
  const name = OP_NAMES[decodeA64(insn)];
  const wide = insn >>> 31 === 1;
  const rd = insn & 31;
  const rn = (insn >>> 5) & 31;
  const rm = (insn >>> 16) & 31;
  const f = l.f;
  switch (name) {
    case "ADD_r": case "SUB_r": case "ADDS_r": case "SUBS_r": {
      const type = (insn >>> 22) & 3;
      const amount = (insn >>> 10) & 63;
      if (!wide || type === 3) return false;
      l.readX(rn, "zr"); l.setA();
      l.shifted(rm, type, amount); l.setB();
      l.addSub(true, name.startsWith("SUB"), name.includes("S_"), rd, "zr");
      return true;
    }
    case "ADD_x": case "SUB_x": case "ADDS_x": case "SUBS_x": {
      const option = (insn >>> 13) & 7;
      const amount = (insn >>> 10) & 7;
      if (!wide || amount > 4) return false;
      const setFlags = name.includes("S_");
      l.readX(rn, "sp"); l.setA();
      l.extended(rm, option, amount); l.setB();
      l.addSub(true, name.startsWith("SUB"), setFlags, rd, setFlags ? "zr" : "sp");
      return true;
    }
    case "ADD_i": case "SUB_i": case "ADDS_i": case "SUBS_i": {
      const imm = ((insn >>> 10) & 0xfff) * ((insn >>> 22) & 1 ? 4096 : 1);
      const setFlags = name.includes("S_");
      l.readX(rn, "sp");
      if (!wide) f.i64(0xffffffffn).op(Op.i64And);
      l.setA();
      f.i64(BigInt(imm)); l.setB();
      l.addSub(wide, name.startsWith("SUB"), setFlags, rd, setFlags ? "zr" : "sp");
      return true;
    }
    case "AND_i": case "ORR_i": case "EOR_i": {
      const index = bitmaskIndex(insn);
      if (!LOGICAL_IMM_VALID[index] || (!wide && (insn & (1 << 22)) !== 0)) return false;
      const mask = (BigInt(BITMASKS[4 * index + 1]! >>> 0) << 32n) | BigInt(BITMASKS[4 * index]! >>> 0);
      l.readX(rn, "zr");
      f.i64(wide ? mask : mask & 0xffffffffn).op(name === "AND_i" ? Op.i64And : name === "ORR_i" ? Op.i64Or : Op.i64Xor);
      if (!wide) f.i64(0xffffffffn).op(Op.i64And);
      l.writeX(rd, "sp");
      return true;
    }
    case "UBFM": case "SBFM": {
      const immr = (insn >>> 16) & 63;
      const imms = (insn >>> 10) & 63;
      if (!wide || (insn & (1 << 22)) === 0) return false;
      l.readX(rn, "zr");
      if (imms === 63) f.i64(BigInt(immr)).op(name === "UBFM" ? Op.i64ShrU : Op.i64ShrS);
      else if (name === "UBFM" && imms + 1 === immr) f.i64(BigInt(63 - imms)).op(Op.i64Shl);
      else if (immr === 0 && (imms === 7 || imms === 15 || imms === 31)) {
        if (name === "UBFM") f.i64((1n << BigInt(imms + 1)) - 1n).op(Op.i64And);
        else f.op(imms === 7 ? Op.i64Extend8S : imms === 15 ? Op.i64Extend16S : Op.i64Extend32S);
      } else return false;
      l.writeX(rd, "zr");
      return true;
    }
    case "MADD": case "MSUB": {
      if (!wide) return false;
      l.readX((insn >>> 10) & 31, "zr");
      l.readX(rn, "zr"); l.readX(rm, "zr"); f.op(Op.i64Mul, name === "MADD" ? Op.i64Add : Op.i64Sub);
      l.writeX(rd, "zr");
      return true;
    }
    case "CSEL": case "CSINC": case "CSINV": case "CSNEG": {
      if (!wide) return false;
      l.readX(rn, "zr");
      if (name === "CSNEG") f.i64(0n);
      l.readX(rm, "zr");
      if (name === "CSINC") f.i64(1n).op(Op.i64Add);
      else if (name === "CSINV") f.i64(-1n).op(Op.i64Xor);
      else if (name === "CSNEG") f.op(Op.i64Sub);
      l.condition((insn >>> 12) & 15);
      f.op(Op.select);
      l.writeX(rd, "zr");
      return true;
    }
    case "ADC": case "SBC": {
      if (!wide) return false;
      l.readX(rn, "zr");
      l.readX(rm, "zr");
      if (name === "SBC") f.i64(-1n).op(Op.i64Xor);
      f.op(Op.i64Add).get(l.nzcv).i32(1).op(Op.i32ShrU).i32(1).op(Op.i32And).op(Op.i64ExtendI32U).op(Op.i64Add);
      l.writeX(rd, "zr");
      return true;
    }
    case "LDST_reg": {
      const size = insn >>> 30;
      const opc = (insn >>> 22) & 3;
      const option = (insn >>> 13) & 7;
      if ((insn & (1 << 26)) !== 0 || (size !== 3 && size !== 2) || opc > 1 || (option & 2) === 0) return false;
      const bytes = size === 3 ? 8 : 4;
      const load = opc === 1;
      l.readX(rn, "sp");
      l.extended(rm, option, (insn & (1 << 12)) !== 0 ? size : 0);
      f.op(Op.i64Add);
      if (!l.access(!load, bytes, k)) return false;
      if (load) {
        if (bytes === 8) f.memory(Op.i64Load, 0, 0);
        else f.memory(Op.i32Load, 0, 0).op(Op.i64ExtendI32U);
        l.writeX(insn & 31, "zr");
      } else {
        l.readX(insn & 31, "zr");
        if (bytes === 8) f.memory(Op.i64Store, 0, 0);
        else f.op(Op.i32WrapI64).memory(Op.i32Store, 0, 0);
      }
      return true;
    }
    default:
      return false;
  }
}

/** Pushes whether the block's last instruction, a branch back to its start (branchesToStart), is taken. */
function lowerBackEdge(l: Lowering, insn: number): void {
  if (OP_NAMES[decodeA64(insn)] === "B_cond") {
    l.condition(insn & 15);
    return;
  }
  // CBZ or CBNZ (bit 24), of Wt or Xt (bit 31)
  l.readX(insn & 31, "zr");
  if (insn >>> 31 === 0) l.f.i64(0xffffffffn).op(Op.i64And);
  l.f.op(Op.i64Eqz);
  if ((insn & (1 << 24)) !== 0) l.f.op(Op.i32Eqz);
}

/** Whether `words` end in a conditional branch (B.cond, CBZ, CBNZ) back to the first: a cheap test before lowering. */
export function branchesToStart(words: readonly number[]): boolean {
  const n = words.length;
  const last = words[n - 1]! >>> 0;
  const isCond = (last & 0xff000010) === 0x54000000 || (last & 0x7e000000) === 0x34000000;
  return n >= 2 && isCond && ((last << 8) >> 13) * 4 === -4 * (n - 1);
}

/** The WebAssembly module of the self-looping block `words` and its number of access sites, or null if an instruction is outside the supported set. */
export function lowerSelfLoop(words: readonly number[]): { bytes: Uint8Array; sites: number; slots: number[]; written: number[] } | null {
  const n = words.length;
  if (!branchesToStart(words)) return null;
  const l = new Lowering();
  const f = l.f;
  // block $stop { loop $top { ...; br_if $top } (left the loop: return) } (stopped: return)
  f.op(Op.block, EMPTY_BLOCK).op(Op.loop, EMPTY_BLOCK);
  // An iteration starts only if it fits the budget whole.
  f.get(l.done).i32(n).op(Op.i32Add).get(PARAM_BUDGET).op(Op.i32GtU);
  f.op(Op.if, EMPTY_BLOCK).i32(0).set(l.stopAt).branch(Op.br, 2).op(Op.end); // if, loop, $stop
  for (let k = 0; k < n - 1; k++) if (!lowerInstruction(l, words[k]!, k)) return null;
  lowerBackEdge(l, words[n - 1]!);
  f.get(l.done).i32(n).op(Op.i32Add).set(l.done);
  f.branch(Op.brIf, 0);
  f.op(Op.end); // loop: the branch fell through
  l.epilogue();
  f.i32(LEFT_LOOP).op(Op.return);
  f.op(Op.end); // $stop
  f.get(l.done).get(l.stopAt).op(Op.i32Add).set(l.done);
  l.epilogue();
  f.i32(STOPPED);
  const code = [...l.prologue(), ...f.code];
  f.code.length = 0;
  f.code.push(...code);
  const bytes = moduleBytes({ params: [I32, I32, I32], results: [I32] }, f, [{ name: "refill", type: { params: [I32, I32, I32, I32], results: [I32] } }]);
  return { bytes, sites: l.sites, slots: l.registerSlots(), written: l.writtenSlots() };
}
