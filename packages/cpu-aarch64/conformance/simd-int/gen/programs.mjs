// Generator of the AdvSIMD integer conformance programs.
//
//   node gen/programs.mjs <output dir>
//
// Writes one assembly program per instruction class (simd-int-<class>.S). Each program prints
// its operand pool (32 vectors of boundary and random lane values), then runs every form of its
// class (every mnemonic in every arrangement, shift amounts and element indices at their edges)
// on several operand triples from the pool: V0, V1 and V2 are loaded from the pool, FPSR is
// cleared, the instruction runs and one line records the instruction word (read back from the
// code), the pool indices, V0 and FPSR. Seeds are fixed: the output is the same on every run.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SEED = 0x51d1_0000;
const CASES_PER_FORM = 6;

function makeRandom(seed) {
  let state = seed >>> 0;
  const next32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (lo, hi) => lo + (next32() % (hi - lo + 1));
  return { next32, int, pick: (list) => list[int(0, list.length - 1)] };
}

// ---------------------------------------------------------------- operand pool

/** 16 bytes from lanes of `bits` (bigint values, wrapped), little-endian. */
function fromLanes(bits, lanes) {
  const bytes = [];
  const mask = (1n << BigInt(bits)) - 1n;
  for (const lane of lanes) {
    let v = BigInt.asUintN(bits, lane) & mask;
    for (let i = 0; i < bits / 8; i++) {
      bytes.push(Number(v & 0xffn));
      v >>= 8n;
    }
  }
  return bytes;
}

function buildPool(rnd) {
  const pool = [];
  const lanesPer = (bits) => 128 / bits;
  pool.push(new Array(16).fill(0));
  pool.push(new Array(16).fill(0xff));
  for (const bits of [8, 16, 32, 64]) {
    const b = BigInt(bits);
    const min = -(1n << (b - 1n));
    const max = (1n << (b - 1n)) - 1n;
    const edges = [0n, 1n, -1n, min, max, min + 1n, max - 1n, 2n, -2n, 1n << (b / 2n), (1n << (b - 2n)) + 3n, min / 2n];
    for (let variant = 0; variant < 2; variant++) {
      const lanes = [];
      for (let i = 0; i < lanesPer(bits); i++) lanes.push(edges[(i * 5 + variant * 7) % edges.length]);
      pool.push(fromLanes(bits, lanes));
    }
    // Random lanes, half of them near the edges.
    const lanes = [];
    for (let i = 0; i < lanesPer(bits); i++) {
      const r = (BigInt(rnd.next32()) << 32n) | BigInt(rnd.next32());
      lanes.push(i % 2 === 0 ? r : max - BigInt(rnd.int(0, 3)) * (i % 4 === 1 ? 1n : -1n));
    }
    pool.push(fromLanes(bits, lanes));
    // Shift counts around this element size in the bottom byte of each lane.
    const counts = [];
    for (let i = 0; i < lanesPer(bits); i++) counts.push(BigInt(rnd.int(-bits - 3, bits + 3)) | (BigInt(rnd.next32()) << 8n));
    pool.push(fromLanes(bits, counts));
  }
  // Small signed bytes everywhere: shift counts for any lane size; wide random values.
  pool.push(Array.from({ length: 16 }, () => rnd.int(-70, 70) & 0xff));
  pool.push(Array.from({ length: 16 }, () => rnd.int(-140, 140) & 0xff));
  while (pool.length < 32) pool.push(Array.from({ length: 16 }, () => rnd.int(0, 255)));
  return pool;
}

// ---------------------------------------------------------------- forms

const VEC = { 0: ["8b", "16b"], 1: ["4h", "8h"], 2: ["2s", "4s"], 3: [null, "2d"] };
const SCALAR_REG = ["b", "h", "s", "d"];
const ELEM = ["b", "h", "s", "d"];

/** Vector arrangements of the sizes in `sizes` (a string of b/h/s/d). */
function arrangements(sizes) {
  const out = [];
  for (const c of sizes) {
    const size = "bhsd".indexOf(c);
    for (const t of VEC[size]) if (t !== null) out.push({ size, t });
  }
  return out;
}

const NARROW_WIDE = [
  { size: 0, n: "8b", n2: "16b", w: "8h" },
  { size: 1, n: "4h", n2: "8h", w: "4s" },
  { size: 2, n: "2s", n2: "4s", w: "2d" },
];

function classThreeSame() {
  const forms = [];
  const same = (m, sizes, scalarSizes) => {
    for (const { t } of arrangements(sizes)) forms.push(`${m} v0.${t}, v1.${t}, v2.${t}`);
    for (const c of scalarSizes) forms.push(`${m} ${c}0, ${c}1, ${c}2`);
  };
  for (const m of ["shadd", "uhadd", "srhadd", "urhadd", "shsub", "uhsub", "smax", "umax", "smin", "umin", "sabd", "uabd", "saba", "uaba", "mla", "mls", "mul", "smaxp", "umaxp", "sminp", "uminp"]) same(m, "bhs", "");
  for (const m of ["sqadd", "uqadd", "sqsub", "uqsub", "sqshl", "uqshl", "sqrshl", "uqrshl"]) same(m, "bhsd", "bhsd");
  for (const m of ["cmgt", "cmhi", "cmge", "cmhs", "cmtst", "cmeq", "sshl", "ushl", "srshl", "urshl", "add", "sub"]) same(m, "bhsd", "d");
  same("addp", "bhsd", "");
  same("pmul", "b", "");
  same("sqdmulh", "hs", "hs");
  same("sqrdmulh", "hs", "hs");
  for (const m of ["and", "bic", "orr", "orn", "eor", "bsl", "bit", "bif"]) {
    forms.push(`${m} v0.8b, v1.8b, v2.8b`, `${m} v0.16b, v1.16b, v2.16b`);
  }
  // Destination aliasing a source, and the ORR alias MOV.
  forms.push("orr v0.16b, v1.16b, v1.16b", "add v0.4s, v0.4s, v0.4s", "sqadd v0.8h, v1.8h, v0.8h", "addp v0.4s, v0.4s, v1.4s");
  return forms;
}

function classThreeDifferent() {
  const forms = [];
  const long = ["saddl", "uaddl", "ssubl", "usubl", "sabal", "uabal", "sabdl", "uabdl", "smlal", "umlal", "smlsl", "umlsl", "smull", "umull"];
  for (const m of [...long, "sqdmlal", "sqdmlsl", "sqdmull"]) {
    for (const { size, n, n2, w } of NARROW_WIDE) {
      if (m.startsWith("sqd") && size === 0) continue;
      forms.push(`${m} v0.${w}, v1.${n}, v2.${n}`, `${m}2 v0.${w}, v1.${n2}, v2.${n2}`);
    }
  }
  for (const m of ["saddw", "uaddw", "ssubw", "usubw"]) {
    for (const { n, n2, w } of NARROW_WIDE) forms.push(`${m} v0.${w}, v1.${w}, v2.${n}`, `${m}2 v0.${w}, v1.${w}, v2.${n2}`);
  }
  for (const m of ["addhn", "raddhn", "subhn", "rsubhn"]) {
    for (const { n, n2, w } of NARROW_WIDE) forms.push(`${m} v0.${n}, v1.${w}, v2.${w}`, `${m}2 v0.${n2}, v1.${w}, v2.${w}`);
  }
  for (const m of ["sqdmlal", "sqdmlsl", "sqdmull"]) forms.push(`${m} s0, h1, h2`, `${m} d0, s1, s2`);
  forms.push("pmull v0.8h, v1.8b, v2.8b", "pmull2 v0.8h, v1.16b, v2.16b", "pmull v0.1q, v1.1d, v2.1d", "pmull2 v0.1q, v1.2d, v2.2d");
  forms.push("saddl2 v0.8h, v0.16b, v0.16b", "addhn2 v0.16b, v0.8h, v1.8h", "umlal2 v0.2d, v0.4s, v1.4s", "pmull2 v0.1q, v0.2d, v0.2d");
  return forms;
}

function classMisc() {
  const forms = [];
  const unary = (m, sizes, scalarSizes, suffix = "") => {
    for (const { t } of arrangements(sizes)) forms.push(`${m} v0.${t}, v1.${t}${suffix}`);
    for (const c of scalarSizes) forms.push(`${m} ${c}0, ${c}1${suffix}`);
  };
  unary("rev64", "bhs", "");
  unary("rev32", "bh", "");
  unary("rev16", "b", "");
  for (const m of ["suqadd", "usqadd", "sqabs", "sqneg"]) unary(m, "bhsd", "bhsd");
  unary("abs", "bhsd", "d");
  unary("neg", "bhsd", "d");
  unary("cls", "bhs", "");
  unary("clz", "bhs", "");
  unary("cnt", "b", "");
  unary("not", "b", "");
  unary("rbit", "b", "");
  for (const m of ["cmgt", "cmge", "cmeq", "cmle", "cmlt"]) unary(m, "bhsd", "d", ", #0");
  for (const m of ["saddlp", "uaddlp", "sadalp", "uadalp"]) {
    for (const [from, to] of [["8b", "4h"], ["16b", "8h"], ["4h", "2s"], ["8h", "4s"], ["2s", "1d"], ["4s", "2d"]]) forms.push(`${m} v0.${to}, v1.${from}`);
  }
  for (const m of ["xtn", "sqxtn", "uqxtn", "sqxtun"]) {
    for (const { n, n2, w } of NARROW_WIDE) forms.push(`${m} v0.${n}, v1.${w}`, `${m}2 v0.${n2}, v1.${w}`);
  }
  for (const m of ["sqxtn", "uqxtn", "sqxtun"]) forms.push(`${m} b0, h1`, `${m} h0, s1`, `${m} s0, d1`);
  for (const { size, n, n2, w } of NARROW_WIDE) forms.push(`shll v0.${w}, v1.${n}, #${8 << size}`, `shll2 v0.${w}, v1.${n2}, #${8 << size}`);
  for (const [m, long] of [["addv", false], ["saddlv", true], ["uaddlv", true], ["smaxv", false], ["umaxv", false], ["sminv", false], ["uminv", false]]) {
    for (const [t, size] of [["8b", 0], ["16b", 0], ["4h", 1], ["8h", 1], ["4s", 2]]) forms.push(`${m} ${SCALAR_REG[long ? size + 1 : size]}0, v1.${t}`);
  }
  forms.push("addp d0, v1.2d");
  forms.push("xtn2 v0.16b, v0.8h", "sqxtn2 v0.8h, v0.4s", "neg v0.2d, v0.2d", "suqadd v0.16b, v0.16b");
  return forms;
}

function shiftAmounts(bits, direction) {
  const set = direction === "right" ? [1, 2, bits / 2, bits - 1, bits] : [0, 1, bits / 2, bits - 1];
  return [...new Set(set)];
}

function classShift() {
  const forms = [];
  const plain = [
    ["sshr", "right"], ["ushr", "right"], ["ssra", "right"], ["usra", "right"], ["srshr", "right"], ["urshr", "right"],
    ["srsra", "right"], ["ursra", "right"], ["sri", "right"], ["shl", "left"], ["sli", "left"], ["sqshlu", "left"],
    ["sqshl", "left"], ["uqshl", "left"],
  ];
  for (const [m, direction] of plain) {
    for (const { size, t } of arrangements("bhsd")) {
      for (const k of shiftAmounts(8 << size, direction)) forms.push(`${m} v0.${t}, v1.${t}, #${k}`);
    }
    const scalarSizes = ["sqshlu", "sqshl", "uqshl"].includes(m) ? [0, 1, 2, 3] : [3];
    for (const size of scalarSizes) for (const k of shiftAmounts(8 << size, direction)) forms.push(`${m} ${SCALAR_REG[size]}0, ${SCALAR_REG[size]}1, #${k}`);
  }
  for (const m of ["shrn", "rshrn", "sqshrn", "uqshrn", "sqrshrn", "uqrshrn", "sqshrun", "sqrshrun"]) {
    for (const { size, n, n2, w } of NARROW_WIDE) {
      for (const k of shiftAmounts(8 << size, "right")) forms.push(`${m} v0.${n}, v1.${w}, #${k}`, `${m}2 v0.${n2}, v1.${w}, #${k}`);
      if (m !== "shrn" && m !== "rshrn") {
        for (const k of shiftAmounts(8 << size, "right")) forms.push(`${m} ${SCALAR_REG[size]}0, ${SCALAR_REG[size + 1]}1, #${k}`);
      }
    }
  }
  for (const m of ["sshll", "ushll"]) {
    for (const { size, n, n2, w } of NARROW_WIDE) {
      for (const k of shiftAmounts(8 << size, "left")) forms.push(`${m} v0.${w}, v1.${n}, #${k}`, `${m}2 v0.${w}, v1.${n2}, #${k}`);
    }
  }
  forms.push("shrn2 v0.16b, v0.8h, #3", "sli v0.4s, v0.4s, #7", "sri d0, d0, #64", "sqrshrun2 v0.4s, v0.2d, #17");
  return forms;
}

function classElement() {
  const forms = [];
  const lanesOf = [null, [0, 1, 3, 7], [0, 1, 3]];
  for (const m of ["mul", "mla", "mls", "sqdmulh", "sqrdmulh"]) {
    for (const { size, t } of arrangements("hs")) for (const i of lanesOf[size]) forms.push(`${m} v0.${t}, v1.${t}, v2.${ELEM[size]}[${i}]`);
  }
  for (const m of ["smull", "umull", "smlal", "umlal", "smlsl", "umlsl", "sqdmull", "sqdmlal", "sqdmlsl"]) {
    for (const { size, n, n2, w } of NARROW_WIDE.slice(1)) {
      for (const i of lanesOf[size]) forms.push(`${m} v0.${w}, v1.${n}, v2.${ELEM[size]}[${i}]`, `${m}2 v0.${w}, v1.${n2}, v2.${ELEM[size]}[${i}]`);
    }
  }
  for (const m of ["sqdmulh", "sqrdmulh"]) for (const size of [1, 2]) for (const i of lanesOf[size]) forms.push(`${m} ${SCALAR_REG[size]}0, ${SCALAR_REG[size]}1, v2.${ELEM[size]}[${i}]`);
  for (const m of ["sqdmull", "sqdmlal", "sqdmlsl"]) for (const size of [1, 2]) for (const i of lanesOf[size]) forms.push(`${m} ${SCALAR_REG[size + 1]}0, ${SCALAR_REG[size]}1, v2.${ELEM[size]}[${i}]`);
  // Rm above v15 for 32-bit elements, and aliasing.
  forms.push("mul v0.4s, v1.4s, v31.s[2]", "mul v0.4s, v0.4s, v0.s[1]", "smlal2 v0.4s, v0.8h, v0.h[7]");
  return forms;
}

function classImmediate() {
  const forms = [];
  const imms = [0x00, 0x01, 0x5a, 0x80, 0xff];
  for (const q of ["2s", "4s"]) {
    for (const k of [0, 8, 16, 24]) for (const imm of imms) {
      for (const m of ["movi", "mvni", "orr", "bic"]) forms.push(`${m} v0.${q}, #0x${imm.toString(16)}${k ? `, lsl #${k}` : ""}`);
    }
    for (const k of [8, 16]) for (const imm of imms) for (const m of ["movi", "mvni"]) forms.push(`${m} v0.${q}, #0x${imm.toString(16)}, msl #${k}`);
  }
  for (const q of ["4h", "8h"]) {
    for (const k of [0, 8]) for (const imm of imms) {
      for (const m of ["movi", "mvni", "orr", "bic"]) forms.push(`${m} v0.${q}, #0x${imm.toString(16)}${k ? `, lsl #${k}` : ""}`);
    }
  }
  for (const q of ["8b", "16b"]) for (const imm of imms) forms.push(`movi v0.${q}, #0x${imm.toString(16)}`);
  for (const bits of [0x00, 0x01, 0x80, 0xa5, 0xff]) {
    let v = 0n;
    for (let i = 0; i < 8; i++) if ((bits >> i) & 1) v |= 0xffn << BigInt(8 * i);
    forms.push(`movi d0, #0x${v.toString(16)}`, `movi v0.2d, #0x${v.toString(16)}`);
  }
  return forms;
}

const CLASSES = {
  same: classThreeSame,
  different: classThreeDifferent,
  misc: classMisc,
  shift: classShift,
  element: classElement,
  immediate: classImmediate,
};

// ---------------------------------------------------------------- program text

const HARNESS = String.raw`
// x19 = operand pool, x20 = 16-byte scratch, x21 = output cursor, x22 = output buffer.
        .text
        .globl  _start
_start:
        adrp    x19, pool
        add     x19, x19, :lo12:pool
        adrp    x20, scratch
        add     x20, x20, :lo12:scratch
        adrp    x22, outbuf
        add     x22, x22, :lo12:outbuf
        mov     x21, x22
        b       body

// Appends x0 as x2 hex digits at x21. Clobbers x3-x5.
puthex:
        lsl     x3, x2, #2
1:      sub     x3, x3, #4
        lsr     x4, x0, x3
        and     x4, x4, #15
        add     x5, x4, #'0'
        add     x4, x4, #('a' - 10)
        cmp     x5, #'9'
        csel    x4, x5, x4, ls
        strb    w4, [x21], #1
        cbnz    x3, 1b
        ret

// Appends one character (immediate) at x21.
        .macro  PUTC c
        mov     w4, #\c
        strb    w4, [x21], #1
        .endm

// Appends V0 as 32 hex digits (high doubleword first). Clobbers x0, x2-x5.
putv0:
        mov     x26, x30
        str     q0, [x20]
        ldr     x0, [x20, #8]
        mov     x2, #16
        bl      puthex
        ldr     x0, [x20]
        mov     x2, #16
        bl      puthex
        ret     x26

// Writes out the buffer when it holds more than 3 KiB (always when x0 = 1 on entry to flush).
maybeflush:
        sub     x0, x21, x22
        cmp     x0, #3072
        b.lo    2f
flush:
        mov     x2, x21
        sub     x2, x2, x22
        mov     x1, x22
        mov     x0, #1
        mov     x8, #64
        svc     #0
        mov     x21, x22
2:      ret

// One case: x1 = pool indices (a | b << 8 | c << 16); the instruction under test is at LR - 8.
vdump:
        mov     x28, x30
        mov     x27, x1
        ldr     w0, [x28, #-8]
        mov     x2, #8
        bl      puthex
        PUTC    ' '
        and     x0, x27, #0xff
        mov     x2, #2
        bl      puthex
        PUTC    ' '
        ubfx    x0, x27, #8, #8
        mov     x2, #2
        bl      puthex
        PUTC    ' '
        ubfx    x0, x27, #16, #8
        mov     x2, #2
        bl      puthex
        PUTC    ' '
        bl      putv0
        PUTC    ' '
        mrs     x0, fpsr
        mov     x2, #8
        bl      puthex
        PUTC    '\n'
        bl      maybeflush
        ret     x28

// The pool: "pool <index> <vector>" per entry; x1 = index, vector in V0.
pooldump:
        mov     x28, x30
        PUTC    'p'
        PUTC    ' '
        mov     x0, x1
        mov     x2, #2
        bl      puthex
        PUTC    ' '
        bl      putv0
        PUTC    '\n'
        bl      maybeflush
        ret     x28
`;

function programText(className, forms, pool, rnd) {
  const lines = [];
  lines.push(`// Generated by gen/programs.mjs (class "${className}"): do not edit.`);
  lines.push(HARNESS);
  lines.push("body:");
  pool.forEach((_, i) => {
    lines.push(`        ldr     q0, [x19, #${16 * i}]`, `        mov     x1, #${i}`, "        bl      pooldump");
  });
  for (const form of forms) {
    lines.push(`// ${form}`);
    for (let c = 0; c < CASES_PER_FORM; c++) {
      const a = rnd.int(0, pool.length - 1);
      const b = rnd.int(0, pool.length - 1);
      const d = rnd.int(0, pool.length - 1);
      const packed = a | (b << 8) | (d << 16);
      lines.push(
        `        ldr     q0, [x19, #${16 * a}]`,
        `        ldr     q1, [x19, #${16 * b}]`,
        `        ldr     q2, [x19, #${16 * d}]`,
        ...(form.includes("v31") ? [`        ldr     q31, [x19, #${16 * d}]`] : []),
        `        movz    x1, #${packed & 0xffff}`,
        `        movk    x1, #${packed >>> 16}, lsl #16`,
        "        msr     fpsr, xzr",
        `        ${form}`,
        "        bl      vdump",
      );
    }
  }
  lines.push("        bl      flush", "        mov     x0, #0", "        mov     x8, #94", "        svc     #0");
  lines.push("", "        .section .rodata", "        .balign 16", "pool:");
  for (const v of pool) lines.push(`        .byte   ${v.map((x) => `0x${x.toString(16).padStart(2, "0")}`).join(", ")}`);
  lines.push("", "        .bss", "        .balign 16", "scratch: .skip 16", "outbuf: .skip 8192", "");
  return lines.join("\n");
}

/** Every form, by class, for other tools (the disassembler corpus). */
export function allForms() {
  return Object.fromEntries(Object.entries(CLASSES).map(([name, make]) => [name, make()]));
}

function main() {
  const outDir = process.argv[2];
  if (outDir === undefined) {
    console.error("usage: node gen/programs.mjs <output dir>");
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  const rnd = makeRandom(SEED);
  const pool = buildPool(rnd);
  let total = 0;
  for (const [name, make] of Object.entries(CLASSES)) {
    const forms = make();
    total += forms.length;
    writeFileSync(join(outDir, `simd-int-${name}.S`), programText(name, forms, pool, makeRandom(SEED + name.length * 7919 + name.charCodeAt(0))));
  }
  console.log(`wrote ${Object.keys(CLASSES).length} programs, ${total} forms, ${total * CASES_PER_FORM} cases`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
