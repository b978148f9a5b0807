import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OP_NAMES, decodeA64 } from "../../decode/decoder.generated.js";
import { GuestMemory } from "../../memory/guest-memory.js";
import { EXECUTORS, OWN_CALL_SITE_PATTERNS, executorFor, patternExecutor } from "../executors.js";
import { CODE_SLOTS, PAGE_SIZE } from "../../memory/types.js";
import { BLOCK_MARK, MAX_BLOCK_INSTRUCTIONS } from "../jit/page-translations.js";
import { JUMP, NEXT } from "../layout.js";
import { CoreState } from "../state.js";
import * as hot from "./hot.js";
import { HOT_END, HOT_EXECUTORS, HOT_FIRST, hotExecutorFor } from "./hot.js";

/** A deterministic xorshift generator, so failures reproduce. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

function stateWithRegisters(next: () => number, memory = new GuestMemory()): CoreState {
  const s = new CoreState(memory);
  for (let i = 0; i < 2 * 33; i++) s.u32[i] = next();
  s.u32[62] = 0; // XZR
  s.u32[63] = 0;
  s.nzcv = next() & 15;
  return s;
}

/** Base words of the hot shapes; random operand fields are OR-ed in by `sample`. */
const SHAPES: readonly { base: number; fields: number }[] = [
  { base: 0x0a000000, fields: 0x00df7fff }, // AND w, shift type/amount < 32, registers
  { base: 0x2a000000, fields: 0x00df7fff }, // ORR w
  { base: 0x4a000000, fields: 0x00df7fff }, // EOR w
  { base: 0x0a200000, fields: 0x00df7fff }, // BIC w
  { base: 0x0b000000, fields: 0x00df7fff }, // ADD w (type 3 is left to the generic handler)
  { base: 0x4b000000, fields: 0x00df7fff }, // SUB w
  { base: 0x54000000, fields: 0x00ffffef }, // B.cond
  { base: 0x71000000, fields: 0x807fffff }, // SUBS imm (w and x)
  { base: 0x11000000, fields: 0x807fffff }, // ADD imm (w and x)
  { base: 0x93400000, fields: 0x00007fff }, // SBFM x, immr 0, imms < 32
  { base: 0x8b000000, fields: 0x00dfffff }, // ADD x, shift type/amount, registers
  { base: 0xcb000000, fields: 0x00dfffff }, // SUB x
  { base: 0xeb000000, fields: 0x00dfffff }, // SUBS x (CMP)
  { base: 0xaa000000, fields: 0x00df03ff }, // ORR x, unshifted (MOV)
  { base: 0x9b000000, fields: 0x001f7fff }, // MADD x (MUL)
  { base: 0xd340fc00, fields: 0x003f03ff }, // UBFM x, imms 63 (LSR)
  { base: 0xd3400000, fields: 0x003fffff }, // UBFM x (LSL when immr = imms + 1)
  { base: 0x92000000, fields: 0x007fffff }, // AND x, #bitmask
  { base: 0x9a800000, fields: 0x001ff3ff }, // CSEL x
  { base: 0x9a800400, fields: 0x001ff3ff }, // CSINC x
  { base: 0x31000000, fields: 0x807fffff }, // ADDS imm (w and x)
  { base: 0xd503201f, fields: 0x00000fe0 }, // HINT
  { base: 0xab000000, fields: 0x00dfffff }, // ADDS x (CMN)
  { base: 0x8b200000, fields: 0x001fffff }, // ADD x, extended register (amount > 4 is left to the generic handler)
  { base: 0x9a000000, fields: 0x001f03ff }, // ADC x
  { base: 0x52800000, fields: 0x807fffff }, // MOVZ w and x (a w form with hw 2 or 3 is left to the generic handler)
  { base: 0x14000000, fields: 0x83ffffff }, // B and BL
  { base: 0xd65f0000, fields: 0x000003e0 }, // RET Xn
  { base: 0x34000000, fields: 0x81ffffff }, // CBZ and CBNZ, w and x
  { base: 0x36000000, fields: 0x81ffffff }, // TBZ and TBNZ, bits 0..63
  { base: 0x6b000000, fields: 0x00df7fff }, // SUBS w (CMP)
  { base: 0x51000000, fields: 0x807fffff }, // SUB imm (w and x)
];

/** Runs `insn` with the specialised executor `hot` and with its pattern's, on equal random registers. */
function expectSameAsGeneric(insn: number, hot: number, seed: number): void {
  const pattern = decodeA64(insn);
  const generic = stateWithRegisters(random(seed | 1));
  const fast = stateWithRegisters(random(seed | 1));
  generic.pc = fast.pc = 0x400000;
  const expected = EXECUTORS[patternExecutor(pattern)]!(generic, insn);
  const actual = EXECUTORS[hot]!(fast, insn);
  const label = `${OP_NAMES[pattern]} ${(insn >>> 0).toString(16)}`;
  expect(actual, label).toBe(expected);
  expect(Array.from(fast.u32.subarray(0, 66)), label).toEqual(Array.from(generic.u32.subarray(0, 66)));
  expect(fast.nzcv, label).toBe(generic.nzcv);
  expect(fast.pc, label).toBe(generic.pc);
}

describe("hot executors", () => {
  it("sit between UNALLOCATED and the pattern executors", () => {
    expect(HOT_FIRST).toBe(2);
    expect(HOT_END).toBe(HOT_FIRST + HOT_EXECUTORS.length);
    expect(EXECUTORS.length).toBe(HOT_END + OP_NAMES.length - 1);
  });

  it("have their ids as the literal labels of the run loop's switch (core/cpu.ts)", () => {
    const source = readFileSync(new URL("../cpu.ts", import.meta.url), "utf8");
    const labels = [...source.matchAll(/case (\d+): \/\/ (HOT_\w+)/g)].map(([, id, name]) => [name, Number(id)]);
    const ids = Object.entries(hot).filter(([name]) => /^HOT_(?!FIRST$|END$|EXECUTORS$|PATTERNS$)/.test(name));
    expect(labels.sort()).toEqual(ids.sort());
  });

  it("see the literals the run loop uses for its constants (core/cpu.ts)", () => {
    const source = readFileSync(new URL("../cpu.ts", import.meta.url), "utf8");
    const expected = [
      `off < ${PAGE_SIZE})) { // PAGE_SIZE`,
      `count === 0x${BLOCK_MARK.toString(16)}) { // BLOCK_MARK`,
      `s.retired >= ${MAX_BLOCK_INSTRUCTIONS}) { // MAX_BLOCK_INSTRUCTIONS`,
      `result = ${NEXT}; // NEXT`,
      `if (result !== ${NEXT}) { // NEXT`,
      `if (result !== ${JUMP}) return retireTrappedInstruction(s); // JUMP`,
      `++slot === ${CODE_SLOTS} || s.retired >= s.sliceEnd) { // CODE_SLOTS`,
    ];
    for (const line of expected) expect(source, line).toContain(line);
  });

  it("leave the switch's table-executor labels naming the decoder patterns of their ids", () => {
    const source = readFileSync(new URL("../cpu.ts", import.meta.url), "utf8");
    const labels = [...source.matchAll(/case (\d+): \/\/ OP (\w+)/g)].map(([, id, name]) => [Number(id), name]);
    expect(labels.length).toBeGreaterThan(0);
    for (const [id, name] of labels) expect(OP_NAMES[(id as number) - HOT_END + 1], `case ${id}`).toBe(name);
    expect(labels.map(([, name]) => name)).toEqual(OWN_CALL_SITE_PATTERNS);
  });

  it("match the generic handler on every shape they are chosen for", () => {
    const next = random(0x5eed);
    let checked = 0;
    for (const { base, fields } of SHAPES) {
      for (let k = 0; k < 400; k++) {
        const insn = (base | (next() & fields)) | 0;
        const hot = executorFor(insn);
        const pattern = decodeA64(insn);
        if (hot >= HOT_END) continue; // a shape variant left to the generic handler
        expect(hotExecutorFor(OP_NAMES[pattern]!, insn)).toBe(hot);
        expectSameAsGeneric(insn, hot, next());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(7000);
  });

  it("LSL Xd, Xn, #shift (UBFM with immr = imms + 1) for every shift", () => {
    const next = random(0x1517);
    for (let shift = 1; shift < 64; shift++) {
      for (let k = 0; k < 8; k++) {
        const insn = (0xd3400000 | (((64 - shift) & 63) << 16) | ((63 - shift) << 10) | (next() & 0x3ff)) | 0;
        const hot = executorFor(insn);
        expect(hot).toBeLessThan(HOT_END);
        expectSameAsGeneric(insn, hot, next());
      }
    }
  });

  it("load and store like the generic handler: hits, faults and register write-back", () => {
    const next = random(0x10ad);
    const RAM = 0x10000;
    const shapes = [
      [0xf8606800, 0x001f13ff], [0xf8206800, 0x001f13ff], // LDR/STR X [Xn, Xm{, LSL #3}]
      [0xf9400000, 0x003fffff], [0xf9000000, 0x003fffff], // LDR/STR X [Xn, #imm]
      [0xa9000000, 0x003fffff], [0xa9800000, 0x003fffff], [0xa8800000, 0x003fffff], [0x29000000, 0x003fffff], // STP offset, pre, post; W
      [0xa9400000, 0x003fffff], [0xa9c00000, 0x003fffff], [0xa8c00000, 0x003fffff], [0x29400000, 0x003fffff], // LDP
      [0xb9400000, 0x003fffff], [0xb9000000, 0x003fffff], // LDR/STR W [Xn, #imm]
      [0x39400000, 0x003fffff], [0x39000000, 0x003fffff], // LDRB/STRB [Xn, #imm]
    ] as const;
    let hits = 0;
    for (const [base, fields] of shapes) {
      for (let k = 0; k < 300; k++) {
        const insn = (base | (next() & fields)) | 0;
        const hot = executorFor(insn);
        expect(hot).toBeLessThan(HOT_END);
        const seed = next();
        const inRam = (next() & 7) !== 0;
        const run = (id: number) => {
          const memory = new GuestMemory();
          const ram = memory.mapRam(RAM, 0x4000);
          for (let i = 0; i < ram.length; i++) ram[i] = (i * 37 + seed) & 0xff;
          const s = stateWithRegisters(random(seed | 1), memory);
          s.pc = 0x400000;
          if (inRam) {
            const n = (insn >>> 5) & 31;
            const slot = n === 31 ? 32 : n;
            s.u32[2 * ((insn >>> 16) & 31)] = seed & 0x3ff;
            s.u32[2 * ((insn >>> 16) & 31) + 1] = 0;
            s.u32[2 * slot] = RAM + ((seed >>> 10) & 0x1ff8);
            s.u32[2 * slot + 1] = 0;
          }
          const result = EXECUTORS[id]!(s, insn);
          return { result, exit: s.exit, regs: Array.from(s.u32.subarray(0, 66)), ram: Buffer.from(ram) };
        };
        const { ram: genericRam, ...generic } = run(patternExecutor(decodeA64(insn)));
        const { ram: hotRam, ...fast } = run(hot);
        expect(fast, (insn >>> 0).toString(16)).toEqual(generic);
        expect(Buffer.compare(hotRam, genericRam)).toBe(0);
        if (generic.exit === null) hits++;
      }
    }
    expect(hits).toBeGreaterThan(2000);
  });

  it("leave other shapes to the generic handlers", () => {
    expect(hotExecutorFor("EOR_r", 0xca020020 | 0)).toBe(0); // 64-bit EOR
    expect(hotExecutorFor("EOR_r", 0x4a02a020)).toBe(0); // 32-bit with amount 40: UNDEFINED
    expect(hotExecutorFor("ADD_r", 0x0bc20020)).toBe(0); // shift type 3: UNDEFINED
    expect(hotExecutorFor("SBFM", 0x93410280 | 0)).toBe(0); // immr 1
    expect(hotExecutorFor("SBFM", 0x9340fe80 | 0)).toBe(0); // imms 63
    expect(hotExecutorFor("ORR_r", 0xaa020420 | 0)).toBe(0); // 64-bit ORR with a shift
    expect(hotExecutorFor("SUBS_r", 0xebc20020 | 0)).toBe(0); // shift type 3: UNDEFINED
    expect(hotExecutorFor("UBFM", 0xd3000000 | 0)).toBe(0); // sf = 1 with N = 0: UNDEFINED
    expect(hotExecutorFor("HINT", 0xd503209f | 0)).toBe(0); // SEV
    expect(hotExecutorFor("MOVZ", 0x52c00020)).toBe(0); // MOVZ w with hw 2: UNDEFINED
    expect(hotExecutorFor("SUBS_r", 0x6b02a020)).toBe(0); // 32-bit with amount 40: UNDEFINED
    expect(hotExecutorFor("LDST_u", 0x79400020)).toBe(0); // LDRH
    expect(hotExecutorFor("LDST_u", 0xbd400020 | 0)).toBe(0); // LDR S (FP)
  });
});
