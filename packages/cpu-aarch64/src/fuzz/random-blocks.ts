// Differential fuzzing of the block translator: random blocks of instructions (half of them in
// the forms the translator emits natively, the rest integer and load/store words, some of any
// encoding, some stores aimed at the block's own code, often closed into a loop) run under the interpreter and under the translator (every block translated
// on its first entry), in several budgets; every exit, register, PSTATE, the EL1 exception
// registers, the retired-instruction count and the bytes of code and data must be identical.
// At EL1 the exception vectors step over the faulting instruction and return, so exceptions
// taken inside a block (and their ELR/ESR/FAR) are compared too.
import { Cpu } from "../core/cpu.js";
import { EXECUTOR_KINDS, KIND_ACCESS, KIND_ENDS_BLOCK, KIND_REGISTERS, executorFor } from "../core/executors.js";
import { disassemble } from "../disasm/index.js";
import { GuestMemory } from "../memory/guest-memory.js";
import { SEL4_VCPU_TRAPS } from "../system/hyp-traps.js";
import { mulberry32 } from "./random-instructions.js";

const CODE = 0x4000_0000;
/** EL1 vectors (VBAR_EL1) in the code page's upper half. */
const VECTORS = CODE + 0x800;
const DATA = 0x4001_0000;
const DATA_SIZE = 0x1_0000;
const BRANCH_TO_SELF = 0x1400_0000;
/** mrs x17, elr_el1; add x17, x17, #4; msr elr_el1, x17; eret: step over what faulted. */
const VECTOR_HANDLER = [0xd5384031, 0x91001231, 0xd5184031, 0xd69f03e0];
/** subs x28, x28, #1 then b.ne back to the block start (appended to loops). */
const SUBS_X28 = 0xf100079c;
/** Budgets of the successive `run` calls of a case. */
const BUDGETS = [1, 5, 17, 40, 120, 300];

/** Values at the edges of the signed and unsigned 32- and 64-bit ranges (±1 is added). */
const EDGES: readonly bigint[] = [0n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 1n << 63n, (1n << 64n) - 1n];

/** One block case, enough to replay it. */
export interface BlockCase {
  readonly level: "EL0" | "EL1";
  readonly seed: number;
  readonly index: number;
  readonly words: readonly number[];
  /** x0..x30, then sp. */
  readonly registers: readonly bigint[];
  readonly nzcv: number;
}

/** A random word of the wanted kind (by rejection), or any word. */
function randomWord(next: () => number, kind: number | null): number {
  for (;;) {
    const word = next();
    if (kind === null || EXECUTOR_KINDS[executorFor(word | 0)] === kind) return word >>> 0;
  }
}

/**
 * Encodings the translator emits natively (core/jit/native.ts): fixed bits and the bits drawn at
 * random (registers, shifts, immediates, conditions, sizes; unallocated and CONSTRAINED
 * UNPREDICTABLE combinations included, which must go to the executor). Immediate offsets of
 * loads and stores are kept small so that they hit the data RAM and its TLB fast path.
 */
const NATIVE_TEMPLATES: readonly (readonly [fixed: number, random: number])[] = [
  [0x11000000, 0xe07fffff], // ADD/ADDS/SUB/SUBS (immediate)
  [0x11000000, 0xe040ffff], // the same with imm12 < 64 (compares with equal operands)
  [0x11000000, 0xe04007ff], // the same with imm12 < 2
  [0x0b000000, 0xe0dfffff], // ADD/SUB(S) (shifted register)
  [0x0b200000, 0xe01fffff], // ADD/SUB(S) (extended register)
  [0x0a000000, 0xe0ffffff], // AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register)
  [0x12000000, 0xe07fffff], // AND/ORR/EOR/ANDS (immediate)
  [0x12800000, 0xe07fffff], // MOVN/MOVZ/MOVK
  [0x13000000, 0xe07fffff], // SBFM/BFM/UBFM
  [0x13800000, 0x80dfffff], // EXTR (ROR)
  [0x1b000000, 0x801fffff], // MADD/MSUB (MUL, MNEG)
  [0x9b200000, 0x009fffff], // SMADDL/SMSUBL/UMADDL/UMSUBL
  [0x9b400000, 0x009fffff], // SMULH/UMULH
  [0x1a000000, 0xe01f03ff], // ADC/ADCS/SBC/SBCS
  [0x1ac00800, 0x801f07ff], // UDIV/SDIV
  [0x1ac02000, 0x801f0fff], // LSLV/LSRV/ASRV/RORV
  [0x5ac00000, 0x80001fff], // RBIT/REV16/REV32/REV/CLZ/CLS
  [0x10000000, 0xe0ffffff], // ADR/ADRP
  [0x3a400000, 0xc01fffff], // CCMP/CCMN (register and immediate)
  [0xd503201f, 0x00000fe0], // HINT (NOP, YIELD, SEV, SEVL, BTI, PAC…), not ending a block
  [0xd503309f, 0x00000f20], // DSB, DMB
  [0x1a800000, 0xc01ff7ff], // CSEL/CSINC/CSINV/CSNEG
  [0x39000000, 0xc0c3ffff], // LDR/STR (unsigned offset), imm12 < 256
  [0x38000000, 0xc0dfffff], // LDUR/STUR, pre- and post-index (and LDTR/STTR)
  [0x38200800, 0xc0dff3ff], // LDR/STR (register offset)
  [0x28000000, 0xc1ffffff], // LDP/STP/LDPSW (and LDNP/STNP)
];

/** A native-form word (see NATIVE_TEMPLATES), or a branch the translator emits natively. */
function nativeWord(next: () => number): number {
  const roll = next() % (NATIVE_TEMPLATES.length + 3);
  if (roll < NATIVE_TEMPLATES.length) {
    const [fixed, random] = NATIVE_TEMPLATES[roll]!;
    return (fixed | (next() & random)) >>> 0;
  }
  if (roll === NATIVE_TEMPLATES.length) {
    // ADDS/SUBS Rd, Rn, Rn (unshifted): equal operands, every condition at its edge.
    const n = next() & 31;
    return (0x2b000000 | (next() & 0xc000001f) | (n << 16) | (n << 5)) >>> 0;
  }
  // B.cond, CBZ/CBNZ, TBZ/TBNZ or BL a few instructions away (forward or back).
  const offset = (next() % 9) - 4;
  switch (next() % 4) {
    case 0:
      return (0x54000000 | ((offset & 0x7ffff) << 5) | (next() & 15)) >>> 0;
    case 3:
      return (0x94000000 | (offset & 0x3ffffff)) >>> 0;
    case 1:
      return (0x34000000 | (next() & 0x81000000) | ((offset & 0x7ffff) << 5) | (next() & 31)) >>> 0;
    default:
      return (0x36000000 | (next() & 0x81f80000) | ((offset & 0x3fff) << 5) | (next() & 31)) >>> 0;
  }
}

/** The case `index` of `seed` at `level`. */
export function blockCase(level: "EL0" | "EL1", seed: number, index: number): BlockCase {
  const next = mulberry32((seed ^ Math.imul(index + 1, 0x85ebca6b) ^ (level === "EL1" ? 0x27d4eb2f : 0)) >>> 0);
  const length = 1 + (next() % 24);
  // A third of the cases are made of natively translated forms only, with most registers
  // pointing into the data RAM, so that blocks run (and loop) without faulting early.
  const native = next() % 3 === 0;
  const words: number[] = [];
  for (let i = 0; i < length; i++) {
    const roll = next() % 100;
    if (native || roll < 50) words.push(nativeWord(next));
    else words.push(randomWord(next, roll < 75 ? KIND_REGISTERS : roll < 90 ? KIND_ACCESS : roll < 95 ? KIND_ENDS_BLOCK : null));
  }
  if (next() % 4 < (native ? 3 : 2)) {
    // A loop: count x28 down and branch back to the start.
    words.push(SUBS_X28, (0x54000001 | (((-(words.length + 1)) & 0x7ffff) << 5)) >>> 0);
  }
  const registers: bigint[] = [];
  for (let r = 0; r < 32; r++) {
    const roll = native && next() % 2 === 0 ? [0, 1, 6, 7][next() % 4]! : next() % 10;
    // Data RAM (loads and stores that hit; aligned or not), the block's own code (self-modifying
    // stores), small numbers, small negative numbers, the value of another register (equal
    // operands: Z, C and the signed conditions at their edges), range edges, or any value.
    if (roll < 3) registers.push(BigInt(DATA + ((next() % DATA_SIZE) & (roll === 0 ? ~7 : ~0))));
    else if (roll === 3) registers.push(BigInt(CODE + 4 * (next() % (length + 2))));
    else if (roll === 4) registers.push(BigInt(next() % 64));
    else if (roll === 5) registers.push((1n << 64n) - BigInt(1 + (next() % 64)));
    else if (roll === 6 && r > 0) registers.push(registers[next() % r]!);
    else if (roll === 7) registers.push(BigInt.asUintN(64, EDGES[next() % EDGES.length]! + BigInt((next() % 3) - 1)));
    else registers.push((BigInt(next()) << 32n) | BigInt(next()));
  }
  registers[28] = BigInt(1 + (next() % 12));
  if (next() % 3 === 0) {
    // Self-modifying code: STR Wt, [Xn] at position p rewrites the word at position q (after p:
    // later in the same block; before it: seen on the next loop iteration) with another word.
    const p = next() % length;
    const q = next() % (length + 1);
    const n = next() % 28;
    const t = (n + 1 + (next() % 27)) % 28;
    words[p] = (0xb9000000 | (n << 5) | t) >>> 0;
    registers[n] = BigInt(CODE + 4 * q);
    registers[t] = BigInt(randomWord(next, next() % 4 === 0 ? KIND_ACCESS : KIND_REGISTERS));
  }
  return { level, seed, index, words, registers, nzcv: (next() & 0xf) << 28 };
}

function hex(value: bigint | number): string {
  return `0x${value.toString(16)}`;
}

/** Runs a case on a fresh machine; the transcript of everything observable, one line per item. */
export function runBlockCase(c: BlockCase, jit: boolean): string[] {
  const memory = new GuestMemory();
  const codeBytes = memory.mapRam(CODE, 0x1000);
  const dataBytes = memory.mapRam(DATA, DATA_SIZE);
  const view = new DataView(codeBytes.buffer, codeBytes.byteOffset);
  c.words.forEach((word, i) => view.setUint32(4 * i, word, true));
  view.setUint32(4 * c.words.length, BRANCH_TO_SELF, true);
  for (let v = 0; v < 16; v++) VECTOR_HANDLER.forEach((word, i) => view.setUint32(0x800 + 0x80 * v + 4 * i, word, true));
  for (let i = 0; i < DATA_SIZE; i += 4) dataBytes[i] = i & 0xff;
  const system = c.level === "EL1";
  const cpu = new Cpu({
    memory,
    ...(system ? { level: "system" as const, hypTraps: SEL4_VCPU_TRAPS, timerToIrq: false } : {}),
    // Native code from the first run, or (one case in four) after two runs of the first form.
    jit: jit ? { threshold: 1, minNative: 0, nativeAfter: c.index % 4 === 3 ? 2 : 0 } : false,
  });
  if (system) cpu.writeSystemRegister("VBAR_EL1", BigInt(VECTORS));
  for (let r = 0; r < 31; r++) cpu.setX(r, c.registers[r]!);
  cpu.setSP(c.registers[31]! & ~15n);
  cpu.setNZCV(c.nzcv);
  cpu.setPC(BigInt(CODE));
  const lines: string[] = [];
  for (const budget of BUDGETS) {
    let exit: string;
    try {
      exit = JSON.stringify(cpu.run(budget), (_key, value: unknown) => (typeof value === "bigint" ? hex(value) : value));
    } catch (error) {
      exit = `threw ${error instanceof Error ? error.message : String(error)}`;
    }
    lines.push(`run(${budget}): ${exit} retired ${cpu.instructionsRetired} pc ${hex(cpu.getPC())} nzcv ${hex(cpu.getNZCV())}`);
    if (exit.startsWith("threw")) break;
  }
  for (let r = 0; r < 31; r++) lines.push(`x${r} ${hex(cpu.getX(r))}`);
  lines.push(`sp ${hex(cpu.getSP())}`);
  for (let v = 0; v < 32; v++) lines.push(`v${v} ${hex(cpu.getV(v))}`);
  if (system) {
    lines.push(`pstate ${JSON.stringify(cpu.getPstate())}`);
    const last = cpu.lastException;
    lines.push(`last exception ${last === null ? "none" : `${last.kind} esr ${hex(last.esr)} elr ${hex(last.elr)} at retired ${last.retired}`}`);
    for (const name of ["ELR_EL1", "ESR_EL1", "FAR_EL1", "SPSR_EL1", "SP_EL0", "SP_EL1"]) lines.push(`${name} ${hex(cpu.readSystemRegister(name))}`);
  }
  lines.push(`code ${Array.from(codeBytes.subarray(0, 4 * (c.words.length + 1)), (b) => b.toString(16)).join("")}`);
  let digest = 0;
  for (let i = 0; i < DATA_SIZE; i++) digest = (Math.imul(digest, 31) + dataBytes[i]!) | 0;
  lines.push(`data digest ${hex(digest >>> 0)}`);
  return lines;
}

/** null when both engines agree on the case, otherwise a report that lets it be replayed. */
export function checkBlockCase(c: BlockCase): string | null {
  const reference = runBlockCase(c, false);
  const translated = runBlockCase(c, true);
  const differ = reference.findIndex((line, i) => line !== translated[i]);
  if (differ < 0 && reference.length === translated.length) return null;
  return [
    `${c.level} block case ${c.index} of seed ${c.seed}: interpreter and translator differ`,
    ...c.words.map((word, i) => `  ${hex(CODE + 4 * i)}: ${word.toString(16).padStart(8, "0")}  ${disassemble(word, BigInt(CODE + 4 * i))}`),
    `  interpreter: ${reference[differ] ?? "(end)"}`,
    `  translator:  ${translated[differ] ?? "(end)"}`,
    `  replay: checkBlockCase(blockCase("${c.level}", ${c.seed}, ${c.index}))  [src/fuzz/random-blocks.ts]`,
  ].join("\n");
}

/** Checks cases [first, first+count) of `seed` at `level`; the reports of those that differ. */
export function fuzzBlocks(level: "EL0" | "EL1", seed: number, first: number, count: number): string[] {
  const reports: string[] = [];
  for (let i = first; i < first + count; i++) {
    const report = checkBlockCase(blockCase(level, seed, i));
    if (report !== null) reports.push(report);
  }
  return reports;
}
