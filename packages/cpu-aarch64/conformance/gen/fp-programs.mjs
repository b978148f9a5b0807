// Floating-point conformance programs, generated from the soft-float test vectors.
//
//   node gen/fp-programs.mjs <output dir>
//
// Writes fp-gen-00.S ... fp-gen-NN.S. Each case sets FPCR (RMode, FZ, DN, AHP as the vector
// says), clears FPSR, loads the operands into V1-V3 (or X10 for integer sources) with FMOV from
// general registers, runs one scalar FP instruction into V<k> (k = 4..27; integer and NZCV results
// are moved there with FMOV), then stores FPSR into V<k>.D[1]. Every 24 cases the program dumps
// V4-V27. The operands are every 11th line of src/fp/vectors/fp-vectors.txt.gz for the scalar-FP
// instructions (NaNs with payloads, infinities, denormals, zeros, boundaries, random values, under
// all FPCR configurations), so the golden comes from QEMU running the instructions themselves.
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

const out = process.argv[2] ?? "src";
const vectorsPath = new URL("../../src/fp/vectors/fp-vectors.txt.gz", import.meta.url);
const lines = gunzipSync(readFileSync(vectorsPath)).toString("utf8").split("\n").filter(Boolean);

const CASES_PER_FILE = 600;
const STRIDE = 11;
const FIRST = 4;
const LAST = 27;

/** Assembly for a vector's instruction with the result in V<k>; null when not a scalar-FP form. */
function instruction(name, k) {
  const [mn, suffix = ""] = name.split(".");
  const r = (c, n) => `${c}${n}`;
  const binary = ["fadd", "fsub", "fmul", "fdiv", "fnmul", "fmax", "fmin", "fmaxnm", "fminnm"];
  const ternary = ["fmadd", "fmsub", "fnmadd", "fnmsub"];
  const unary = ["fsqrt", "frintn", "frintp", "frintm", "frintz", "frinta", "frintx", "frinti", "fabs", "fneg"];
  const c = suffix[0];
  if (binary.includes(mn)) return [`${mn} ${r(c, k)}, ${r(c, 1)}, ${r(c, 2)}`];
  if (ternary.includes(mn)) return [`${mn} ${r(c, k)}, ${r(c, 1)}, ${r(c, 2)}, ${r(c, 3)}`];
  if (unary.includes(mn)) return [`${mn} ${r(c, k)}, ${r(c, 1)}`];
  if (mn === "fcmp" || mn === "fcmpe") return [`${mn} ${r(c, 1)}, ${r(c, 2)}`, "mrs x0, nzcv", `fmov d${k}, x0`];
  if (mn === "fcmpz" || mn === "fcmpez") return [`${mn.slice(0, -1)} ${r(c, 1)}, #0.0`, "mrs x0, nzcv", `fmov d${k}, x0`];
  if (mn === "fcvt") return [`fcvt ${r(suffix[0], k)}, ${r(suffix[1], 1)}`];
  if (/^fcvt[npmza][su]$/.test(mn)) {
    const fbits = suffix.slice(2);
    const x = suffix[0] === "x";
    return [`${mn} ${x ? "x0" : "w0"}, ${r(suffix[1], 1)}${fbits ? `, #${fbits}` : ""}`, `fmov d${k}, x0`];
  }
  // AdvSIMD scalar forms.
  const simdBinary = ["fmulx", "frecps", "frsqrts", "fabd", "fcmeq", "fcmge", "fcmgt", "facge", "facgt"];
  if (simdBinary.includes(mn)) return [`${mn} ${r(c, k)}, ${r(c, 1)}, ${r(c, 2)}`];
  if (["fcmeqz", "fcmgez", "fcmgtz", "fcmlez", "fcmltz"].includes(mn)) return [`${mn.slice(0, -1)} ${r(c, k)}, ${r(c, 1)}, #0.0`];
  if (["frecpe", "frsqrte", "frecpx"].includes(mn)) return [`${mn} ${r(c, k)}, ${r(c, 1)}`];
  if (mn === "fcvtxn") return [`fcvtxn s${k}, d1`];
  if (mn === "urecpe" || mn === "ursqrte") return [`${mn} v${k}.2s, v1.2s`];
  if (mn === "scvtf" || mn === "ucvtf") {
    const fbits = suffix.slice(2);
    return [`${mn} ${r(suffix[0], k)}, ${suffix[1] === "x" ? "x10" : "w10"}${fbits ? `, #${fbits}` : ""}`];
  }
  return null;
}

/** The register class operands are loaded as: `d` for doubles, `s` otherwise (halves ride in S). */
function operandClass(name) {
  const [mn, suffix = ""] = name.split(".");
  if (mn === "fcvt" || mn === "fcvtxn") return suffix[1] === "d" ? "d" : "s";
  if (/^fcvt[npmza][su]$/.test(mn)) return suffix[1] === "d" ? "d" : "s";
  return suffix[0] === "d" ? "d" : "s";
}

const cases = [];
for (let i = 0; i < lines.length; i += STRIDE) {
  const [name, fpcr, ...rest] = lines[i].split(" ");
  if (instruction(name, 4) === null) continue;
  cases.push({ name, fpcr, operands: rest.slice(0, -2) });
}

mkdirSync(out, { recursive: true });
const files = Math.ceil(cases.length / CASES_PER_FILE);
for (let f = 0; f < files; f++) {
  const body = [];
  const chunk = cases.slice(f * CASES_PER_FILE, (f + 1) * CASES_PER_FILE);
  let k = FIRST;
  let block = 0;
  for (const c of chunk) {
    const [mn] = c.name.split(".");
    body.push(`        // ${c.name} fpcr=${c.fpcr} ${c.operands.join(" ")}`);
    body.push(`        MOV64   x9, 0x${c.fpcr}`, "        msr     fpcr, x9", "        msr     fpsr, xzr");
    if (mn === "scvtf" || mn === "ucvtf") {
      body.push(`        MOV64   x10, 0x${c.operands[0]}`);
    } else {
      const cls = operandClass(c.name);
      c.operands.forEach((v, i) => {
        body.push(`        MOV64   x${10 + i}, 0x${v}`);
        body.push(cls === "d" ? `        fmov    d${i + 1}, x${10 + i}` : `        fmov    s${i + 1}, w${10 + i}`);
      });
    }
    for (const insn of instruction(c.name, k)) body.push(`        ${insn}`);
    body.push("        mrs     x13, fpsr", `        fmov    v${k}.d[1], x13`);
    k += 1;
    if (k > LAST) {
      body.push(`        VDUMPM  "block ${block}", 0x0ffffff0`);
      block += 1;
      k = FIRST;
    }
  }
  if (k !== FIRST) body.push(`        VDUMPM  "block ${block}", 0x0ffffff0`);
  const name = `fp-gen-${String(f).padStart(2, "0")}`;
  const text = [
    `// ${name}: generated by gen/fp-programs.mjs from src/fp/vectors/fp-vectors.txt.gz (do not edit).`,
    '        .include "harness.inc"',
    '        .include "simd.inc"',
    "        PROGRAM_START",
    ...body,
    "        MOV64   x9, 0",
    "        msr     fpcr, x9",
    "        PROGRAM_EXIT 0",
    "",
  ].join("\n");
  writeFileSync(join(out, `${name}.S`), text);
}
console.log(`${cases.length} cases in ${files} programs`);

// ---------------------------------------------------------------- vector forms
//
// fp-vec-NN.S: AdvSIMD FP vector instructions (and the by-element, pairwise, across-lanes,
// narrowing/widening and fixed-point forms). Each case loads V1-V3 (and the accumulator V<k> for
// FMLA/FMLS) lane by lane with operands of consecutive vectors of a related operation, runs the
// instruction into V<k> and stores FPSR into D<k+1>; every 12 cases V4-V27 are dumped.

/** Lines of the vectors file by operation name. */
const byOp = new Map();
for (const line of lines) {
  const [name, fpcr, ...rest] = line.split(" ");
  if (!byOp.has(name)) byOp.set(name, []);
  byOp.get(name).push({ fpcr, operands: rest.slice(0, -2) });
}

const ARR = { "4s": ["s", 4], "2s": ["s", 2], "2d": ["d", 2] };
const vectorCases = [];
/** Adds `count` cases of `template` (a function of k giving the assembly) with operands from `source`. */
function addVector(template, source, arr, count, stride = 37) {
  const list = byOp.get(source);
  if (list === undefined) throw new Error(`no vectors for ${source}`);
  const [kind, lanes] = ARR[arr];
  for (let i = 0; i < count; i++) {
    const rows = [];
    for (let l = 0; l < lanes; l++) rows.push(list[(i * stride + l * 7) % list.length]);
    const regs = [0, 1, 2].map((o) => {
      const vals = rows.map((r) => BigInt(`0x${r.operands[o] ?? "0"}`));
      let v = 0n;
      vals.forEach((x, l) => {
        v |= x << BigInt(l * (kind === "s" ? 32 : 64));
      });
      return v;
    });
    vectorCases.push({ label: `${source}/${arr}`, fpcr: rows[0].fpcr, regs, template });
  }
}

const binaries = [
  ["fadd", "fadd"], ["fsub", "fsub"], ["fmul", "fmul"], ["fdiv", "fdiv"], ["fmulx", "fmulx"], ["fabd", "fabd"],
  ["fmax", "fmax"], ["fmin", "fmin"], ["fmaxnm", "fmaxnm"], ["fminnm", "fminnm"], ["faddp", "fadd"],
  ["fmaxp", "fmax"], ["fminp", "fmin"], ["fmaxnmp", "fmaxnm"], ["fminnmp", "fminnm"], ["fcmeq", "fcmeq"],
  ["fcmge", "fcmge"], ["fcmgt", "fcmgt"], ["facge", "facge"], ["facgt", "facgt"], ["frecps", "frecps"],
  ["frsqrts", "frsqrts"],
];
for (const arr of ["4s", "2s", "2d"]) {
  const e = arr === "2d" ? "d" : "s";
  for (const [mn, src] of binaries) addVector((k) => [`${mn} v${k}.${arr}, v1.${arr}, v2.${arr}`], `${src}.${e}`, arr, 8);
  for (const mn of ["fmla", "fmls"]) addVector((k) => [`mov v${k}.16b, v3.16b`, `${mn} v${k}.${arr}, v1.${arr}, v2.${arr}`], `fmadd.${e}`, arr, 10);
  const unary = [
    ["fabs", "fabs"], ["fneg", "fneg"], ["fsqrt", "fsqrt"], ["frintn", "frintn"], ["frintp", "frintp"], ["frintm", "frintm"],
    ["frintz", "frintz"], ["frinta", "frinta"], ["frintx", "frintx"], ["frinti", "frinti"], ["frecpe", "frecpe"],
    ["frsqrte", "frsqrte"],
  ];
  for (const [mn, src] of unary) addVector((k) => [`${mn} v${k}.${arr}, v1.${arr}`], `${src}.${e}`, arr, 6);
  for (const z of ["fcmeq", "fcmge", "fcmgt", "fcmle", "fcmlt"]) addVector((k) => [`${z} v${k}.${arr}, v1.${arr}, #0.0`], `${z}z.${e}`, arr, 4);
  for (const cv of ["fcvtns", "fcvtnu", "fcvtps", "fcvtpu", "fcvtms", "fcvtmu", "fcvtzs", "fcvtzu", "fcvtas", "fcvtau"]) {
    addVector((k) => [`${cv} v${k}.${arr}, v1.${arr}`], `${cv}.${arr === "2d" ? "xd" : "ws"}`, arr, 4);
  }
  for (const cv of ["scvtf", "ucvtf"]) addVector((k) => [`${cv} v${k}.${arr}, v1.${arr}`], `${cv}.${arr === "2d" ? "dx" : "sw"}`, arr, 4);
  const fb = arr === "2d" ? [1, 32, 64] : [1, 16, 32];
  for (const f of fb) {
    addVector((k) => [`fcvtzs v${k}.${arr}, v1.${arr}, #${f}`], `fcvtzs.${arr === "2d" ? "xd" : "ws"}`, arr, 3);
    addVector((k) => [`fcvtzu v${k}.${arr}, v1.${arr}, #${f}`], `fcvtzu.${arr === "2d" ? "xd" : "ws"}`, arr, 3);
    addVector((k) => [`scvtf v${k}.${arr}, v1.${arr}, #${f}`], `scvtf.${arr === "2d" ? "dx" : "sw"}`, arr, 3);
    addVector((k) => [`ucvtf v${k}.${arr}, v1.${arr}, #${f}`], `ucvtf.${arr === "2d" ? "dx" : "sw"}`, arr, 3);
  }
  const lanes = ARR[arr][1];
  for (let i = 0; i < lanes; i++) {
    const el = `v2.${e}[${i}]`;
    addVector((k) => [`fmul v${k}.${arr}, v1.${arr}, ${el}`], `fmul.${e}`, arr, 3);
    addVector((k) => [`fmulx v${k}.${arr}, v1.${arr}, ${el}`], `fmulx.${e}`, arr, 3);
    addVector((k) => [`mov v${k}.16b, v3.16b`, `fmla v${k}.${arr}, v1.${arr}, ${el}`], `fmadd.${e}`, arr, 3);
    addVector((k) => [`mov v${k}.16b, v3.16b`, `fmls v${k}.${arr}, v1.${arr}, ${el}`], `fmadd.${e}`, arr, 3);
  }
}
for (const mn of ["urecpe", "ursqrte"]) for (const arr of ["4s", "2s"]) addVector((k) => [`${mn} v${k}.${arr}, v1.${arr}`], `${mn}.s`, arr, 6);
// Scalar by element, pairwise and across lanes.
for (const [e, n] of [["s", 4], ["d", 2]]) {
  for (let i = 0; i < n; i++) {
    addVector((k) => [`fmul ${e}${k}, ${e}1, v2.${e}[${i}]`], `fmul.${e}`, e === "s" ? "4s" : "2d", 3);
    addVector((k) => [`fmulx ${e}${k}, ${e}1, v2.${e}[${i}]`], `fmulx.${e}`, e === "s" ? "4s" : "2d", 3);
    addVector((k) => [`mov v${k}.16b, v3.16b`, `fmla ${e}${k}, ${e}1, v2.${e}[${i}]`], `fmadd.${e}`, e === "s" ? "4s" : "2d", 3);
    addVector((k) => [`mov v${k}.16b, v3.16b`, `fmls ${e}${k}, ${e}1, v2.${e}[${i}]`], `fmadd.${e}`, e === "s" ? "4s" : "2d", 3);
  }
  for (const [mn, src] of [["faddp", "fadd"], ["fmaxp", "fmax"], ["fminp", "fmin"], ["fmaxnmp", "fmaxnm"], ["fminnmp", "fminnm"]]) {
    addVector((k) => [`${mn} ${e}${k}, v1.2${e}`], `${src}.${e}`, e === "s" ? "2s" : "2d", 8);
  }
  for (const f of e === "s" ? [1, 32] : [1, 64]) {
    for (const mn of ["scvtf", "ucvtf"]) addVector((k) => [`${mn} ${e}${k}, ${e}1, #${f}`], `${mn}.${e}${e === "s" ? "w" : "x"}`, e === "s" ? "4s" : "2d", 3);
    for (const mn of ["fcvtzs", "fcvtzu"]) addVector((k) => [`${mn} ${e}${k}, ${e}1, #${f}`], `${mn}.${e === "s" ? "ws" : "xd"}`, e === "s" ? "4s" : "2d", 3);
  }
  for (const cv of ["fcvtns", "fcvtnu", "fcvtzs", "fcvtau"]) addVector((k) => [`${cv} ${e}${k}, ${e}1`], `${cv}.${e === "s" ? "ws" : "xd"}`, e === "s" ? "4s" : "2d", 3);
  for (const cv of ["scvtf", "ucvtf"]) addVector((k) => [`${cv} ${e}${k}, ${e}1`], `${cv}.${e === "s" ? "sw" : "dx"}`, e === "s" ? "4s" : "2d", 3);
}
for (const [mn, src] of [["fmaxv", "fmax"], ["fminv", "fmin"], ["fmaxnmv", "fmaxnm"], ["fminnmv", "fminnm"]]) addVector((k) => [`${mn} s${k}, v1.4s`], `${src}.s`, "4s", 12);
// Narrowing and widening: FCVTL/FCVTL2 (h->s with AHP, s->d), FCVTN/FCVTN2, FCVTXN/FCVTXN2.
addVector((k) => [`fcvtl v${k}.4s, v1.4h`], "fcvt.sh", "4s", 10);
addVector((k) => [`fcvtl2 v${k}.4s, v1.8h`], "fcvt.sh", "4s", 10);
addVector((k) => [`fcvtl v${k}.2d, v1.2s`], "fcvt.ds", "2s", 10);
addVector((k) => [`fcvtl2 v${k}.2d, v1.4s`], "fcvt.ds", "4s", 10);
addVector((k) => [`fcvtn v${k}.4h, v1.4s`], "fcvt.hs", "4s", 12);
addVector((k) => [`mov v${k}.16b, v3.16b`, `fcvtn2 v${k}.8h, v1.4s`], "fcvt.hs", "4s", 12);
addVector((k) => [`fcvtn v${k}.2s, v1.2d`], "fcvt.sd", "2d", 12);
addVector((k) => [`mov v${k}.16b, v3.16b`, `fcvtn2 v${k}.4s, v1.2d`], "fcvt.sd", "2d", 12);
addVector((k) => [`fcvtxn v${k}.2s, v1.2d`], "fcvtxn.sd", "2d", 12);
addVector((k) => [`mov v${k}.16b, v3.16b`, `fcvtxn2 v${k}.4s, v1.2d`], "fcvtxn.sd", "2d", 12);
// FMOV (vector, immediate) and FMOV Vd.D[1] round trips.
for (const imm of ["1.0", "-2.5", "0.125", "31.0", "-0.1875"]) {
  addVector((k) => [`fmov v${k}.4s, #${imm}`], "fadd.s", "4s", 1);
  addVector((k) => [`fmov v${k}.2s, #${imm}`], "fadd.s", "4s", 1);
  addVector((k) => [`fmov v${k}.2d, #${imm}`], "fadd.d", "2d", 1);
}

const hex = (v) => `0x${v.toString(16)}`;
const VEC_PER_FILE = 480;
const vecFiles = Math.ceil(vectorCases.length / VEC_PER_FILE);
for (let f = 0; f < vecFiles; f++) {
  const body = [];
  let k = FIRST;
  let block = 0;
  for (const c of vectorCases.slice(f * VEC_PER_FILE, (f + 1) * VEC_PER_FILE)) {
    const insns = c.template(k);
    body.push(`        // ${c.label} fpcr=${c.fpcr}`);
    const vmov = (n, v) => `        VMOV128 ${n}, ${hex(v >> 64n)}, ${hex(v & ((1n << 64n) - 1n))}`;
    c.regs.forEach((v, i) => body.push(vmov(i + 1, v)));
    // `mov Vk.16b, v3.16b` in a template means "Vk starts as the third operand" (accumulators,
    // the kept half of FCVTN2): loaded here with VMOV128 so that only FP instructions are tested.
    if (insns[0].startsWith("mov ")) body.push(vmov(k, c.regs[2]));
    body.push(`        MOV64   x9, 0x${c.fpcr}`, "        msr     fpcr, x9", "        msr     fpsr, xzr");
    for (const insn of insns) if (!insn.startsWith("mov ")) body.push(`        ${insn}`);
    body.push("        mrs     x13, fpsr", `        fmov    d${k + 1}, x13`);
    k += 2;
    if (k > LAST) {
      body.push(`        VDUMPM  "block ${block}", 0x0ffffff0`);
      block += 1;
      k = FIRST;
    }
  }
  if (k !== FIRST) body.push(`        VDUMPM  "block ${block}", 0x0ffffff0`);
  const name = `fp-vec-${String(f).padStart(2, "0")}`;
  writeFileSync(
    join(out, `${name}.S`),
    [
      `// ${name}: generated by gen/fp-programs.mjs from src/fp/vectors/fp-vectors.txt.gz (do not edit).`,
      '        .include "harness.inc"',
      '        .include "simd.inc"',
      "        PROGRAM_START",
      ...body,
      "        MOV64   x9, 0",
      "        msr     fpcr, x9",
      "        PROGRAM_EXIT 0",
      "",
    ].join("\n"),
  );
}
console.log(`${vectorCases.length} vector cases in ${vecFiles} programs`);
