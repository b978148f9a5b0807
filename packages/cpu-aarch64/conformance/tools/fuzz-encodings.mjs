// Differential encoding fuzzer: runs random A64 integer encodings (data processing, branches and
// system, general-purpose loads and stores; no FP/SIMD) one at a time on qemu-aarch64 and on our
// CPU, and lists every encoding after which the two disagree (exit status, registers, NZCV or
// memory). A development tool, not a test: it needs binutils and QEMU.
//
//   pnpm exec tsx conformance/tools/fuzz-encodings.mjs [count=1000] [seed=1]
//
// Expected, harmless disagreements (see conformance/README.md): CONSTRAINED UNPREDICTABLE forms
// (load with writeback where Rt == Rn, LDP/LDPSW with Rt == Rt2), misaligned store-exclusives
// (QEMU fails them without the alignment check the architecture requires), and optional features
// our CPU does not implement (CRC32).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { disassemble, runLinuxUserProgram } from "../../src/index.ts";

const here = dirname(fileURLToPath(import.meta.url));
const count = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 1);
const EXIT_BY_SIGNAL = { SIGILL: 132, SIGTRAP: 133, SIGABRT: 134, SIGBUS: 135, SIGKILL: 137, SIGSEGV: 139 };

/** mulberry32, as in gen/random-programs.mjs. */
function makeNext32(initial) {
  let state = initial >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A random word from the integer encoding groups (op0 = bits 28:25; V = bit 26 for loads and stores). */
function randomIntegerEncoding(next32) {
  for (;;) {
    const word = next32();
    const op0 = (word >>> 25) & 0xf;
    const dpImmediate = (op0 & 0b1110) === 0b1000;
    const branchSystem = (op0 & 0b1110) === 0b1010;
    const dpRegister = (op0 & 0b0111) === 0b0101;
    const loadStore = (op0 & 0b0101) === 0b0100 && ((word >>> 26) & 1) === 0;
    if (dpImmediate || branchSystem || dpRegister || loadStore) return word;
  }
}

/** Assembles and links the template; returns the image and the file offset of `probe`. */
function buildTemplate(dir) {
  const obj = join(dir, "template.o");
  const exe = join(dir, "template");
  execFileSync("aarch64-linux-gnu-as", ["-I", join(here, "..", "src"), "-o", obj, join(here, "fuzz-template.S")]);
  execFileSync("aarch64-linux-gnu-ld", ["-static", "--build-id=none", "-o", exe, obj]);
  const probe = /^([0-9a-f]+) T probe$/m.exec(execFileSync("aarch64-linux-gnu-nm", [exe], { encoding: "utf8" }));
  if (!probe) throw new Error("fuzz-template: no probe symbol");
  const image = new Uint8Array(readFileSync(exe));
  // The text segment starts at file offset 0 (ld's default for static executables).
  const textBase = 0x400000;
  return { image, probeOffset: Number.parseInt(probe[1], 16) - textBase };
}

function runQemu(path) {
  const run = spawnSync("timeout", ["5", "qemu-aarch64-static", "-cpu", "cortex-a53", "-0", "p", path], {
    env: { PATH: process.env.PATH },
    input: "",
    maxBuffer: 1 << 22,
  });
  const status = run.signal ? (EXIT_BY_SIGNAL[run.signal] ?? run.signal) : run.status === 124 ? "timeout" : run.status;
  return { status: String(status), stdout: run.stdout.toString("utf8") };
}

function runOurs(image) {
  try {
    const result = runLinuxUserProgram({ image, argv: ["p"], maxInstructions: 20_000_000 });
    return { status: String(result.exitCode), stdout: new TextDecoder().decode(result.stdout) };
  } catch (error) {
    return { status: /instructionLimit/.test(String(error)) ? "timeout" : `threw ${String(error)}`, stdout: "" };
  }
}

function firstDifferences(a, b) {
  const left = a.split("\n");
  const right = b.split("\n");
  const out = [];
  for (let i = 0; i < Math.max(left.length, right.length) && out.length < 3; i++) {
    if (left[i] !== right[i]) out.push(`    qemu: ${left[i] ?? "<end>"}\n    ours: ${right[i] ?? "<end>"}`);
  }
  return out.join("\n");
}

const dir = mkdtempSync(join(tmpdir(), "sel4ts-fuzz-"));
try {
  const { image: template, probeOffset } = buildTemplate(dir);
  const next32 = makeNext32(seed);
  const probePath = join(dir, "probe");
  let disagreements = 0;
  for (let i = 0; i < count; i++) {
    const word = randomIntegerEncoding(next32);
    const image = template.slice();
    new DataView(image.buffer).setUint32(probeOffset, word, true);
    writeFileSync(probePath, image, { mode: 0o755 });
    const qemu = runQemu(probePath);
    const ours = runOurs(image);
    if (qemu.status === ours.status && (qemu.stdout === ours.stdout || qemu.status === "timeout")) continue;
    disagreements++;
    const hex = word.toString(16).padStart(8, "0");
    console.log(`${hex}  ${disassemble(word, 0x400000n + BigInt(probeOffset))}  exit qemu=${qemu.status} ours=${ours.status}`);
    if (qemu.stdout !== ours.stdout) console.log(firstDifferences(qemu.stdout, ours.stdout));
  }
  console.log(`${count} encodings (seed ${seed}): ${disagreements} disagreements`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
