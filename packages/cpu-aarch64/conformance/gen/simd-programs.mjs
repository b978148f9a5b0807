// Seeded random-program generator for the SIMD&FP copy/permute, structure load/store, CRC32 and
// crypto instructions (the a64-simd-table.ts group).
//
//   node gen/simd-programs.mjs <output dir>
//
// Writes simd-gen-00.S ... : each fills V0-V31 and the general registers it uses with random
// values and a 1 KiB buffer with random bytes, then runs random instructions of every form of
// the group (all arrangements, lanes, register-list lengths with wrap-around, post-index by
// immediate and register), dumping the registers each writes after every one (VDUMPM/DUMPM), and
// the buffer after stores. Seeds are fixed: the output is the same on every run.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FILE_COUNT = 8;
const INSTRUCTIONS_PER_FILE = 250;
const FIRST_SEED = 0x51ad_0000;
const BUFFER_BYTES = 1024;
/** x28 holds the buffer base, x27 its middle (structure accesses stay within ±256 bytes of it). */
const GPRS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 24, 25, 26];

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
  const pick = (list) => list[int(0, list.length - 1)];
  const hex64 = () => `0x${next32().toString(16).padStart(8, "0")}${next32().toString(16).padStart(8, "0")}`;
  return { next32, int, pick, hex64 };
}

const ARR = [["8b", 0], ["16b", 0], ["4h", 1], ["8h", 1], ["2s", 2], ["4s", 2], ["2d", 3]];
const LANES = { b: 16, h: 8, s: 4, d: 2 };

/** One random instruction: { text, v: [V registers written], x: [X registers written], mem: bool }. */
function instruction(r) {
  const v = () => r.int(0, 31);
  const x = () => r.pick(GPRS);
  const kind = r.int(0, 15);
  switch (kind) {
    case 0: { // DUP element / scalar MOV
      const e = r.pick(["b", "h", "s", "d"]);
      const d = v();
      if (r.int(0, 3) === 0) return { text: `mov ${e}${d}, v${v()}.${e}[${r.int(0, LANES[e] - 1)}]`, v: [d] };
      const arr = r.pick(ARR.filter(([a]) => a.endsWith(e) && a !== "1d"))[0];
      return { text: `dup v${d}.${arr}, v${v()}.${e}[${r.int(0, LANES[e] - 1)}]`, v: [d] };
    }
    case 1: { // DUP general
      const [arr, size] = r.pick(ARR);
      const d = v();
      return { text: `dup v${d}.${arr}, ${size === 3 ? "x" : "w"}${x()}`, v: [d] };
    }
    case 2: { // INS general / element
      const e = r.pick(["b", "h", "s", "d"]);
      const d = v();
      const dst = `v${d}.${e}[${r.int(0, LANES[e] - 1)}]`;
      if (r.int(0, 1) === 0) return { text: `mov ${dst}, ${e === "d" ? "x" : "w"}${x()}`, v: [d] };
      return { text: `mov ${dst}, v${v()}.${e}[${r.int(0, LANES[e] - 1)}]`, v: [d] };
    }
    case 3: { // UMOV / SMOV
      const d = x();
      const form = r.int(0, 4);
      const e = ["b", "h", "s", "d", "b"][form];
      const lane = `v${v()}.${e}[${r.int(0, LANES[e] - 1)}]`;
      if (form === 0 || form === 1) return { text: `umov w${d}, ${lane}`, x: [d] };
      if (form === 2) return { text: `mov w${d}, ${lane}`, x: [d] };
      if (form === 3) return { text: `mov x${d}, ${lane}`, x: [d] };
      const se = r.pick(["b", "h", "s"]);
      const sl = `v${v()}.${se}[${r.int(0, LANES[se] - 1)}]`;
      if (se !== "s" && r.int(0, 1) === 0) return { text: `smov w${d}, ${sl}`, x: [d] };
      return { text: `smov x${d}, ${sl}`, x: [d] };
    }
    case 4: { // EXT
      const q = r.int(0, 1);
      const t = q ? "16b" : "8b";
      const d = v();
      return { text: `ext v${d}.${t}, v${v()}.${t}, v${v()}.${t}, #${r.int(0, q ? 15 : 7)}`, v: [d] };
    }
    case 5: case 6: { // ZIP/UZP/TRN
      const [arr] = r.pick(ARR);
      const d = v();
      return { text: `${r.pick(["zip1", "zip2", "uzp1", "uzp2", "trn1", "trn2"])} v${d}.${arr}, v${v()}.${arr}, v${v()}.${arr}`, v: [d] };
    }
    case 7: { // TBL/TBX
      const q = r.int(0, 1);
      const t = q ? "16b" : "8b";
      const n = v();
      const len = r.int(1, 4);
      const list = Array.from({ length: len }, (_, k) => `v${(n + k) & 31}.16b`).join(", ");
      const d = v();
      return { text: `${r.pick(["tbl", "tbx"])} v${d}.${t}, {${list}}, v${v()}.${t}`, v: [d] };
    }
    case 8: { // CRC32
      const sz = r.int(0, 3);
      const d = x();
      const c = r.int(0, 1) ? "c" : "";
      return { text: `crc32${c}${"bhwx"[sz]} w${d}, w${x()}, ${sz === 3 ? "x" : "w"}${x()}`, x: [d] };
    }
    case 9: { // AES
      const d = v();
      return { text: `${r.pick(["aese", "aesd", "aesmc", "aesimc"])} v${d}.16b, v${v()}.16b`, v: [d] };
    }
    case 10: { // SHA
      const d = v();
      switch (r.int(0, 9)) {
        case 0: return { text: `sha1c q${d}, s${v()}, v${v()}.4s`, v: [d] };
        case 1: return { text: `sha1p q${d}, s${v()}, v${v()}.4s`, v: [d] };
        case 2: return { text: `sha1m q${d}, s${v()}, v${v()}.4s`, v: [d] };
        case 3: return { text: `sha1h s${d}, s${v()}`, v: [d] };
        case 4: return { text: `sha1su0 v${d}.4s, v${v()}.4s, v${v()}.4s`, v: [d] };
        case 5: return { text: `sha1su1 v${d}.4s, v${v()}.4s`, v: [d] };
        case 6: return { text: `sha256h q${d}, q${v()}, v${v()}.4s`, v: [d] };
        case 7: return { text: `sha256h2 q${d}, q${v()}, v${v()}.4s`, v: [d] };
        case 8: return { text: `sha256su0 v${d}.4s, v${v()}.4s`, v: [d] };
        default: return { text: `sha256su1 v${d}.4s, v${v()}.4s, v${v()}.4s`, v: [d] };
      }
    }
    default: return structure(r);
  }
}

/** A structure load/store at x27 + small offset (via x26), post-index by immediate or x25. */
function structure(r) {
  const load = r.int(0, 2) !== 0;
  const t = r.int(0, 31);
  const pre = [`add x26, x27, #${r.int(0, 64)}`, `mov x25, #${r.int(0, 48) - 24}`];
  const post = r.int(0, 2);
  const form = r.int(0, 2);
  let selem;
  let suffix;
  let mnemonic;
  let lane = "";
  let bytes;
  if (form === 0) { // multiple
    const [arr, size] = r.pick(ARR);
    selem = r.int(1, 4);
    if (size === 3 && arr === "1d") selem = 1;
    const regs = selem === 1 ? r.int(1, 4) : selem;
    mnemonic = `${load ? "ld" : "st"}${selem}`;
    suffix = arr;
    bytes = regs * (arr === "8b" || arr === "4h" || arr === "2s" || arr === "1d" ? 8 : 16);
    selem = regs;
  } else if (form === 1 || !load) { // single lane
    const e = r.pick(["b", "h", "s", "d"]);
    selem = r.int(1, 4);
    mnemonic = `${load ? "ld" : "st"}${selem}`;
    suffix = e;
    lane = `[${r.int(0, LANES[e] - 1)}]`;
    bytes = selem * { b: 1, h: 2, s: 4, d: 8 }[e];
  } else { // replicate
    const [arr, size] = r.pick([...ARR, ["1d", 3]]);
    selem = r.int(1, 4);
    mnemonic = `ld${selem}r`;
    suffix = arr;
    bytes = selem << size;
  }
  const regsUsed = Array.from({ length: selem }, (_, k) => (t + k) & 31);
  const list = `{${regsUsed.map((n) => `v${n}.${suffix}`).join(", ")}}${lane}`;
  const address = post === 0 ? "[x26]" : post === 1 ? `[x26], #${bytes}` : "[x26], x25";
  const text = [...pre, `${mnemonic} ${list}, ${address}`, "sub x26, x26, x27"].join("\n        ");
  return { text, v: load ? regsUsed : [], x: [26], mem: !load };
}

function program(seed) {
  const r = makeRandom(seed);
  const out = [
    "// Generated by gen/simd-programs.mjs (do not edit): random SIMD&FP copy/permute, structure",
    "// load/store, CRC32 and crypto instructions with their results dumped.",
    '        .include "harness.inc"',
    '        .include "simd.inc"',
    "        .arch   armv8-a+crc+crypto",
    "        PROGRAM_START",
    "        adrp    x28, buffer",
    "        add     x28, x28, :lo12:buffer",
    `        add     x27, x28, #${BUFFER_BYTES / 2}`,
  ];
  for (let n = 0; n < 32; n++) out.push(`        VMOV128 ${n}, ${r.hex64()}, ${r.hex64()}`);
  for (const n of GPRS) out.push(`        MOV64   x${n}, ${r.hex64()}`);
  for (let i = 0; i < INSTRUCTIONS_PER_FILE; i++) {
    const ins = instruction(r);
    out.push(`        ${ins.text}`);
    const vmask = (ins.v ?? []).reduce((m, n) => m | (1 << n), 0) >>> 0;
    if (vmask !== 0) out.push(`        VDUMPM  "${i}", 0x${vmask.toString(16)}`);
    const xs = ins.x ?? [];
    if (xs.length > 0) out.push(`        DUMPM   "${i}x", 0x${xs.reduce((m, n) => m | (1 << n), 0).toString(16)}`);
    if (ins.mem) {
      out.push("        stp     x0, x1, [sp, #-16]!");
      for (let k = 0; k < 128; k += 16) out.push(`        ldp     x0, x1, [x27, #${k}]`, `        DUMPM   "${i}m${k}", 0x3`);
      out.push("        ldp     x0, x1, [sp], #16");
    }
  }
  out.push('        VDUMP   "final"', "        PROGRAM_EXIT 0", "        .data", "        .balign 16", "buffer:");
  for (let k = 0; k < BUFFER_BYTES / 8; k++) out.push(`        .quad   ${r.hex64()}`);
  return `${out.join("\n")}\n`;
}

const dir = process.argv[2];
if (!dir) throw new Error("usage: node gen/simd-programs.mjs <output dir>");
mkdirSync(dir, { recursive: true });
for (let f = 0; f < FILE_COUNT; f++) {
  writeFileSync(join(dir, `simd-gen-${String(f).padStart(2, "0")}.S`), program(FIRST_SEED + f));
}
console.log(`wrote ${FILE_COUNT} programs, ${FILE_COUNT * INSTRUCTIONS_PER_FILE} random instructions`);
