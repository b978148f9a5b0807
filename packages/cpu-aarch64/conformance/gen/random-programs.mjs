// Seeded random-program generator for the conformance suite.
//
//   node gen/random-programs.mjs <output dir>
//
// Writes rand-00.S ... rand-NN.S: each initialises the registers it uses with random values,
// then runs a long stream of random integer instructions (data processing of every kind,
// flag-setting forms, conditional selects and compares, forward conditional branches, bounded
// loads and stores into a scratch buffer), with a full register dump every 8-16 instructions. Seeds are fixed, so the
// output is identical on every run; the committed sources are checked against it by a test.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FILE_COUNT = 10;
const INSTRUCTIONS_PER_FILE = 2100;
const FIRST_SEED = 0x5e14_7500;
const BUFFER_BYTES = 1024;

/** Registers random instructions may read and write. x18 (platform register), x27 (address
 * temporary), x28 (buffer base), x29 (buffer middle) and x30 (link register) are reserved. */
const DATA_REGS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 24, 25, 26];
const CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"];
const SELECT_CONDS = CONDS.slice(0, 14); // CSET & co. reject al/nv

/** mulberry32: a small, well-distributed 32-bit PRNG. */
function makeRandom(seed) {
  let state = seed >>> 0;
  const next32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (lo, hi) => lo + (next32() % (hi - lo + 1)); // inclusive
  const pick = (list) => list[int(0, list.length - 1)];
  const chance = (p) => next32() / 0x1_0000_0000 < p;
  /** 64-bit values biased towards edge cases. */
  const value64 = () => {
    switch (int(0, 7)) {
      case 0: return pick([0n, 1n, 0xffff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n, 0x7fff_ffff_ffff_ffffn, 0xffff_ffffn, 0x8000_0000n, 0x7fff_ffffn]);
      case 1: return BigInt(int(0, 255));
      case 2: return (1n << 64n) - BigInt(int(1, 256));
      default: return (BigInt(next32()) << 32n) | BigInt(next32());
    }
  };
  return { next32, int, pick, chance, value64 };
}

const hex = (v) => `0x${v.toString(16)}`;

/** A random valid bitmask immediate for a `width`-bit logical instruction. */
function bitmaskImmediate(rnd, width) {
  const element = rnd.pick([2, 4, 8, 16, 32, 64].filter((e) => e <= width));
  const ones = rnd.int(1, element - 1);
  const rotation = rnd.int(0, element - 1);
  const mask = (1n << BigInt(element)) - 1n;
  const run = (1n << BigInt(ones)) - 1n;
  const rotated = ((run >> BigInt(rotation)) | (run << BigInt(element - rotation))) & mask;
  let value = 0n;
  for (let at = 0; at < width; at += element) value |= rotated << BigInt(at);
  return hex(value);
}

/** Generators for one random instruction each (some emit a short address setup first). */
function instructionKinds(rnd) {
  const size = () => (rnd.chance(0.5) ? "x" : "w");
  const reg = (s) => `${s}${rnd.pick(DATA_REGS)}`;
  const regOrZr = (s) => (rnd.chance(0.05) ? `${s}zr` : reg(s));
  const bits = (s) => (s === "x" ? 64 : 32);
  const shift = (s, kinds) => `${rnd.pick(kinds)} #${rnd.int(0, bits(s) - 1)}`;

  const addSubImm = () => {
    const s = size();
    const op = rnd.pick(["add", "adds", "sub", "subs", "cmp", "cmn"]);
    const imm = rnd.chance(0.3) ? rnd.pick([0, 1, 4095]) : rnd.int(0, 4095);
    const lsl = rnd.chance(0.3) ? ", lsl #12" : "";
    if (op === "cmp" || op === "cmn") return [`${op} ${reg(s)}, #${imm}${lsl}`];
    return [`${op} ${reg(s)}, ${reg(s)}, #${imm}${lsl}`];
  };
  const addSubShifted = () => {
    const s = size();
    const op = rnd.pick(["add", "adds", "sub", "subs"]);
    return [`${op} ${reg(s)}, ${regOrZr(s)}, ${regOrZr(s)}, ${shift(s, ["lsl", "lsr", "asr"])}`];
  };
  const addSubExtended = () => {
    const s = size();
    const op = rnd.pick(["add", "adds", "sub", "subs"]);
    const ext = rnd.pick(["uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"]);
    const src = s === "x" && (ext === "uxtx" || ext === "sxtx") ? reg("x") : reg("w");
    return [`${op} ${reg(s)}, ${reg(s)}, ${src}, ${ext} #${rnd.int(0, 4)}`];
  };
  const carry = () => {
    const s = size();
    const op = rnd.pick(["adc", "adcs", "sbc", "sbcs", "ngc", "ngcs"]);
    if (op.startsWith("ngc")) return [`${op} ${reg(s)}, ${reg(s)}`];
    return [`${op} ${reg(s)}, ${regOrZr(s)}, ${regOrZr(s)}`];
  };
  const logicalImm = () => {
    const s = size();
    const op = rnd.pick(["and", "orr", "eor", "ands", "tst"]);
    const imm = bitmaskImmediate(rnd, bits(s));
    if (op === "tst") return [`tst ${reg(s)}, #${imm}`];
    return [`${op} ${reg(s)}, ${reg(s)}, #${imm}`];
  };
  const logicalShifted = () => {
    const s = size();
    const op = rnd.pick(["and", "orr", "eor", "bic", "orn", "eon", "ands", "bics", "mvn", "tst"]);
    const sh = shift(s, ["lsl", "lsr", "asr", "ror"]);
    if (op === "mvn") return [`mvn ${reg(s)}, ${reg(s)}, ${sh}`];
    if (op === "tst") return [`tst ${reg(s)}, ${reg(s)}, ${sh}`];
    return [`${op} ${reg(s)}, ${regOrZr(s)}, ${regOrZr(s)}, ${sh}`];
  };
  const moveWide = () => {
    const s = size();
    const op = rnd.pick(["movz", "movn", "movk"]);
    const hw = rnd.int(0, bits(s) / 16 - 1) * 16;
    return [`${op} ${reg(s)}, #${rnd.int(0, 0xffff)}, lsl #${hw}`];
  };
  const bitfield = () => {
    const s = size();
    const n = bits(s);
    const lsb = rnd.int(0, n - 1);
    const width = rnd.int(1, n - lsb);
    switch (rnd.int(0, 5)) {
      case 0: return [`${rnd.pick(["sbfm", "bfm", "ubfm"])} ${reg(s)}, ${reg(s)}, #${rnd.int(0, n - 1)}, #${rnd.int(0, n - 1)}`];
      case 1: return [`${rnd.pick(["ubfx", "sbfx", "bfxil"])} ${reg(s)}, ${reg(s)}, #${lsb}, #${width}`];
      case 2: return [`${rnd.pick(["ubfiz", "sbfiz", "bfi"])} ${reg(s)}, ${reg(s)}, #${lsb}, #${width}`];
      case 3: return [`${rnd.pick(["lsl", "lsr", "asr", "ror"])} ${reg(s)}, ${reg(s)}, #${rnd.int(0, n - 1)}`];
      case 4: return [`extr ${reg(s)}, ${reg(s)}, ${reg(s)}, #${rnd.int(0, n - 1)}`];
      default: {
        const ext = rnd.pick(["sxtb", "sxth", "sxtw", "uxtb", "uxth"]);
        const dst = ext === "sxtw" ? "x" : ext.startsWith("u") ? "w" : s;
        return [`${ext} ${reg(dst)}, ${reg("w")}`];
      }
    }
  };
  const dataProc = () => {
    const s = size();
    const op = rnd.pick(["lslv", "lsrv", "asrv", "rorv", "clz", "cls", "rbit", "rev", "rev16", "rev32", "udiv", "sdiv"]);
    if (op === "rev32") return [`rev32 ${reg("x")}, ${reg("x")}`];
    if (["clz", "cls", "rbit", "rev", "rev16"].includes(op)) return [`${op} ${reg(s)}, ${reg(s)}`];
    return [`${op} ${reg(s)}, ${reg(s)}, ${regOrZr(s)}`];
  };
  const multiply = () => {
    const s = size();
    switch (rnd.int(0, 3)) {
      case 0: return [`${rnd.pick(["madd", "msub"])} ${reg(s)}, ${reg(s)}, ${reg(s)}, ${regOrZr(s)}`];
      case 1: return [`${rnd.pick(["mul", "mneg"])} ${reg(s)}, ${reg(s)}, ${reg(s)}`];
      case 2: {
        const op = rnd.pick(["smaddl", "umaddl", "smsubl", "umsubl", "smull", "umull", "smnegl", "umnegl"]);
        const acc = ["smaddl", "umaddl", "smsubl", "umsubl"].includes(op) ? `, ${reg("x")}` : "";
        return [`${op} ${reg("x")}, ${reg("w")}, ${reg("w")}${acc}`];
      }
      default: return [`${rnd.pick(["smulh", "umulh"])} ${reg("x")}, ${reg("x")}, ${reg("x")}`];
    }
  };
  const conditional = () => {
    const s = size();
    switch (rnd.int(0, 3)) {
      case 0: return [`${rnd.pick(["csel", "csinc", "csinv", "csneg"])} ${reg(s)}, ${regOrZr(s)}, ${regOrZr(s)}, ${rnd.pick(CONDS)}`];
      case 1: return [`${rnd.pick(["cset", "csetm"])} ${reg(s)}, ${rnd.pick(SELECT_CONDS)}`];
      case 2: return [`${rnd.pick(["cinc", "cinv", "cneg"])} ${reg(s)}, ${reg(s)}, ${rnd.pick(SELECT_CONDS)}`];
      default: {
        const op = rnd.pick(["ccmp", "ccmn"]);
        const operand = rnd.chance(0.5) ? reg(s) : `#${rnd.int(0, 31)}`;
        return [`${op} ${reg(s)}, ${operand}, #${rnd.int(0, 15)}, ${rnd.pick(CONDS)}`];
      }
    }
  };
  const flagsMove = () => (rnd.chance(0.5)
    ? [`msr nzcv, ${reg("x")}`]
    : [`mrs ${reg("x")}, nzcv`]);

  // Loads and stores stay inside the scratch buffer: x28 is its base, x29 its middle, x27 a
  // temporary address or index set up right before the access.
  const memory = () => {
    const forms = [
      // [op, access size in bytes, register size]
      ["ldr", 8, "x"], ["ldr", 4, "w"], ["ldrh", 2, "w"], ["ldrb", 1, "w"],
      ["ldrsw", 4, "x"], ["ldrsh", 2, "x"], ["ldrsh", 2, "w"], ["ldrsb", 1, "x"], ["ldrsb", 1, "w"],
      ["str", 8, "x"], ["str", 4, "w"], ["strh", 2, "w"], ["strb", 1, "w"],
    ];
    const [op, bytes, s] = rnd.pick(forms);
    const rt = op.startsWith("str") ? regOrZr(s) : reg(s);
    const scale = Math.log2(bytes);
    switch (rnd.int(0, 5)) {
      case 0: // scaled unsigned offset from the base
        return [`${op} ${rt}, [x28, #${rnd.int(0, BUFFER_BYTES / bytes - 1) * bytes}]`];
      case 1: { // unscaled signed offset, any alignment
        const u = op.replace(/^ldr/, "ldur").replace(/^str/, "stur");
        return [`${u} ${rt}, [x29, #${rnd.int(-256, 255)}]`];
      }
      case 2: { // pre/post-index on the temporary
        const off = rnd.int(-256, 255);
        return [`add x27, x28, #${rnd.int(256, BUFFER_BYTES - 256 - 8)}`,
          rnd.chance(0.5) ? `${op} ${rt}, [x27, #${off}]!` : `${op} ${rt}, [x27], #${off}`];
      }
      case 3: { // register offset, index masked into range, optionally scaled
        const lsl = rnd.chance(0.5) ? `, lsl #${scale}` : "";
        const limit = lsl ? BUFFER_BYTES / bytes : BUFFER_BYTES - 8;
        const mask = (1 << Math.floor(Math.log2(limit))) - 1;
        return [`and x27, ${reg("x")}, #${mask}`, `${op} ${rt}, [x28, x27${lsl}]`];
      }
      case 4: { // 32-bit signed index from the middle
        const sc = rnd.chance(0.5) ? ` #${scale}` : "";
        return [`and w27, ${reg("w")}, #0x7f`, "sub w27, w27, #64", `${op} ${rt}, [x29, w27, sxtw${sc}]`];
      }
      default: { // 32-bit unsigned index from the base
        const sc = rnd.chance(0.5) ? ` #${scale}` : "";
        return [`and w27, ${reg("w")}, #0x7f`, `${op} ${rt}, [x28, w27, uxtw${sc}]`];
      }
    }
  };
  const pair = () => {
    const s = rnd.pick(["x", "w", "sw"]);
    const op = s === "sw" ? "ldpsw" : rnd.pick(["ldp", "stp", "ldnp", "stnp"]);
    const rs = s === "w" ? "w" : "x";
    const bytes = s === "x" ? 8 : 4;
    let a = reg(rs);
    let b = reg(rs);
    if (op.startsWith("ld")) while (b === a) b = reg(rs); // LDP with Rt == Rt2 is unpredictable
    const off = rnd.int(-32, 31) * bytes;
    if (op.endsWith("np") || rnd.chance(0.4)) return [`${op} ${a}, ${b}, [x29, #${off}]`];
    return [`add x27, x28, #${rnd.int(256, BUFFER_BYTES - 256 - 16)}`,
      rnd.chance(0.5) ? `${op} ${a}, ${b}, [x27, #${off}]!` : `${op} ${a}, ${b}, [x27], #${off}`];
  };

  // A forward branch over 1-3 straight-line instructions, taken or not depending on the flags
  // or a register; the skipped instructions show up in the next dump when they ran.
  const straightLine = [addSubImm, addSubShifted, logicalImm, logicalShifted, bitfield, conditional, moveWide];
  const forwardBranch = () => {
    const s = size();
    const branch = rnd.pick([
      () => `b.${rnd.pick(CONDS)} 1f`,
      () => `${rnd.pick(["cbz", "cbnz"])} ${reg(s)}, 1f`,
      () => `${rnd.pick(["tbz", "tbnz"])} ${reg(s)}, #${rnd.int(0, bits(s) - 1)}, 1f`,
    ])();
    const body = [];
    for (let n = rnd.int(1, 3); n > 0; n--) body.push(...rnd.pick(straightLine)());
    return [branch, ...body, "1:"];
  };

  return [
    [forwardBranch, 5],
    [addSubImm, 8], [addSubShifted, 8], [addSubExtended, 6], [carry, 5], [logicalImm, 8],
    [logicalShifted, 8], [moveWide, 4], [bitfield, 9], [dataProc, 7], [multiply, 6],
    [conditional, 9], [flagsMove, 2], [memory, 12], [pair, 5],
  ];
}

function pickWeighted(rnd, kinds) {
  const total = kinds.reduce((sum, [, w]) => sum + w, 0);
  let roll = rnd.int(0, total - 1);
  for (const [make, weight] of kinds) {
    if (roll < weight) return make;
    roll -= weight;
  }
  throw new Error("unreachable");
}

/** The text of one random program. */
export function randomProgram(index) {
  const seed = FIRST_SEED + index;
  const name = `rand-${String(index).padStart(2, "0")}`;
  const rnd = makeRandom(seed);
  const kinds = instructionKinds(rnd);
  const lines = [
    `// ${name}: generated by gen/random-programs.mjs (seed ${hex(BigInt(seed))}); do not edit.`,
    `        .include "harness.inc"`,
    `        PROGRAM_START`,
    `        adrp    x28, scratch`,
    `        add     x28, x28, :lo12:scratch`,
    `        add     x29, x28, #${BUFFER_BYTES / 2}`,
  ];
  for (const r of DATA_REGS) lines.push(`        MOV64   x${r}, ${hex(rnd.value64())}`);
  lines.push(`        MOV64   x27, ${hex(BigInt(rnd.int(0, 15)) << 28n)}`, `        msr     nzcv, x27`);
  let block = 0;
  lines.push(`        DUMP    "${name} block ${block++}"`);
  let emitted = 0;
  let untilDump = rnd.int(8, 16);
  while (emitted < INSTRUCTIONS_PER_FILE) {
    for (const text of pickWeighted(rnd, kinds)()) lines.push(text.endsWith(":") ? text : `        ${text}`);
    emitted++;
    if (--untilDump === 0 || emitted === INSTRUCTIONS_PER_FILE) {
      lines.push(`        DUMP    "${name} block ${block++}"`);
      untilDump = rnd.int(8, 16);
    }
  }
  // Fold the whole buffer into x0 so stores that were never loaded back are checked too.
  lines.push(
    `        mov     x0, #0`,
    `        mov     x1, x28`,
    `        mov     x2, #${BUFFER_BYTES / 8}`,
    `1:      ldr     x3, [x1], #8`,
    `        eor     x0, x3, x0, ror #7`,
    `        subs    x2, x2, #1`,
    `        b.ne    1b`,
    `        CHECK   "${name} scratch buffer hash", 0`,
    `        PROGRAM_EXIT 0`,
    ``,
    `        .data`,
    `        .balign 16`,
    `scratch:`,
  );
  for (let i = 0; i < BUFFER_BYTES / 8; i += 4) {
    const quads = [0, 1, 2, 3].map(() => hex((BigInt(rnd.next32()) << 32n) | BigInt(rnd.next32())));
    lines.push(`        .quad   ${quads.join(", ")}`);
  }
  return { name, text: `${lines.join("\n")}\n`, instructions: emitted };
}

function main() {
  const outDir = process.argv[2];
  if (!outDir) throw new Error("usage: node gen/random-programs.mjs <output dir>");
  mkdirSync(outDir, { recursive: true });
  let total = 0;
  for (let i = 0; i < FILE_COUNT; i++) {
    const { name, text, instructions } = randomProgram(i);
    writeFileSync(join(outDir, `${name}.S`), text);
    total += instructions;
  }
  console.log(`wrote ${FILE_COUNT} programs, ${total} random instructions`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
