// The WebAssembly probe of bench/README.md ("A WebAssembly block, measured"): runs submul.wasm,
// mpihelp_submul_1's loop lowered by hand, checks its limbs and borrow against a BigInt reference,
// and times CALLS calls of 26 limbs (the boot's RSA self-test averages 26 turns a call). With
// --image PATH (Debian's arm64 Image, as `pnpm guest-images` caches it) it also runs the kernel's
// own function, called the same way by a small bare-metal program, on the built @sel4ts/cpu-aarch64
// with its block translator: the same loop through the JavaScript tier.
//
//   node bench/wasm-probe/probe.mjs [CALLS] [--image PATH]      (from packages/cpu-aarch64)
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const imageAt = args.indexOf("--image");
const imagePath = imageAt >= 0 ? args[imageAt + 1] : undefined;
const calls = Number(args.find((a, i) => /^\d+$/.test(a) && i !== imageAt + 1) ?? 1_000_000);
const LIMBS = 26;
const LOOP_INSTRUCTIONS = 25;
const MASK = (1n << 64n) - 1n;
const LIMB = 0x9abc5678abcd1234n;

function limbs(seed) {
  let x = seed;
  return Array.from({ length: LIMBS }, () => (x = (x * 6364136223846793005n + 1442695040888963407n) & MASK));
}

/** mpihelp_submul_1: res[i] -= up[i] * limb + carry; returns the final carry (borrow included). */
function reference(res, up) {
  let carry = 0n;
  const out = [];
  for (let i = 0; i < LIMBS; i++) {
    const product = up[i] * LIMB + carry;
    carry = product >> 64n;
    const diff = res[i] - (product & MASK);
    out.push(diff & MASK);
    if (diff < 0n) carry += 1n;
  }
  return { out, carry };
}

async function wasmTier() {
  const bytes = readFileSync(new URL("submul.wasm", import.meta.url));
  const started = performance.now();
  const { instance } = await WebAssembly.instantiate(bytes, {});
  const compileMs = performance.now() - started;
  const { run, mem } = instance.exports;
  const view = new DataView(mem.buffer);
  // Guest virtual addresses of the two arrays, and where their pages sit in the wasm memory.
  const UP = 0xffff000040200000n, RES = 0xffff000040100000n, HOST_UP = 1 << 20, HOST_RES = 2 << 20;
  const map = (va, host, tags, offsets) => {
    const page = va >> 12n;
    const slot = Number(page & 1023n);
    view.setBigUint64(tags + slot * 8, page, true);
    view.setUint32(offsets + slot * 4, host, true);
  };
  map(UP, HOST_UP, 4096, 12288);
  map(RES, HOST_RES, 4096, 12288);
  map(RES, HOST_RES, 16384, 24576);
  const up = limbs(7n);
  const res = limbs(11n);
  const call = () => {
    // What the function's prologue leaves: x0 carry 0, x1 up, x11 res, w2 = -n, x14 = -n,
    // x10/x12 the limb's halves, x13 = 2^32; the loop counts w2 up to 0.
    view.setBigUint64(0, 0n, true);
    view.setBigUint64(8, UP, true);
    view.setBigUint64(88, RES, true);
    view.setBigUint64(16, BigInt(-LIMBS) & 0xffffffffn, true);
    view.setBigUint64(112, BigInt(-LIMBS) & MASK, true);
    view.setBigUint64(80, LIMB & 0xffffffffn, true);
    view.setBigUint64(96, LIMB >> 32n, true);
    view.setBigUint64(104, 1n << 32n, true);
    view.setFloat64(256, 0, true);
    view.setFloat64(264, 1e15, true);
    run();
    return view.getFloat64(256, true);
  };
  up.forEach((limb, i) => view.setBigUint64(HOST_UP + 8 * i, limb, true));
  res.forEach((limb, i) => view.setBigUint64(HOST_RES + 8 * i, limb, true));
  call();
  const want = reference(res, up);
  const got = Array.from({ length: LIMBS }, (_, i) => view.getBigUint64(HOST_RES + 8 * i, true));
  if (got.some((limb, i) => limb !== want.out[i]) || view.getBigUint64(0, true) !== want.carry) {
    console.error("wasm probe: the limbs or the borrow differ from the reference");
    process.exit(1);
  }
  let retired = 0;
  const timed = performance.now();
  for (let c = 0; c < calls; c++) retired += call();
  const ms = performance.now() - timed;
  console.log(
    `WebAssembly: compile and instantiate ${compileMs.toFixed(2)} ms; ${retired} loop instructions (${calls} calls) in ${ms.toFixed(0)} ms: ` +
      `${((ms * 1e6) / retired).toFixed(2)} ns an instruction (the register set-up of each call in JavaScript included)`,
  );
}

/** The Image's mpihelp_submul_1 (at Image offset 0x670fe0 in Debian's 6.1.0-57 cloud kernel), called CALLS times. */
async function javascriptTier(path) {
  const { runBareMetal } = await import("@sel4ts/cpu-aarch64");
  const kernel = readFileSync(path);
  const FUNCTION = 0x670fe0;
  const text = kernel.subarray(FUNCTION, FUNCTION + 0xa0);
  const words = new Uint32Array(text.buffer.slice(text.byteOffset, text.byteOffset + text.length));
  if (words[2] !== 0x4b0203e2 || words[36] !== 0x54fffd01) throw new Error(`${path}: no mpihelp_submul_1 at 0x${FUNCTION.toString(16)} (expected Debian's 6.1.0-57 cloud Image)`);
  const movz = (rd, imm, hw) => (0xd2800000 | (hw << 21) | ((imm & 0xffff) << 5) | rd) >>> 0;
  const movk = (rd, imm, hw) => (0xf2800000 | (hw << 21) | ((imm & 0xffff) << 5) | rd) >>> 0;
  const mov64 = (rd, v) => [0, 1, 2, 3].map((hw) => (hw === 0 ? movz : movk)(rd, Number((v >> BigInt(16 * hw)) & 0xffffn), hw));
  const code = [...mov64(19, BigInt(calls))];
  const loop = code.length;
  code.push(...mov64(0, 0x40100000n), ...mov64(1, 0x40200000n), movz(2, LIMBS, 0), ...mov64(3, LIMB));
  code.push((0x94000000 | ((0x1fe0 / 4 - code.length) & 0x3ffffff)) >>> 0); // bl the function (at 0x40001fe0, its page offset in the Image)
  code.push((0xf1000000 | (1 << 10) | (19 << 5) | 19) >>> 0); // subs x19, x19, #1
  code.push((0x54000001 | (((loop - code.length) & 0x7ffff) << 5)) >>> 0); // b.ne loop
  code.push(movz(0, 0x0008, 0), movk(0, 0x8400, 1), 0xd4000003); // PSCI SYSTEM_OFF by SMC
  const image = new Uint8Array(0x300000);
  code.forEach((word, i) => new DataView(image.buffer).setUint32(4 * i, word, true));
  image.set(text, 0x1fe0);
  const data = new DataView(image.buffer);
  limbs(7n).forEach((limb, i) => data.setBigUint64(0x200000 + 8 * i, limb, true));
  limbs(11n).forEach((limb, i) => data.setBigUint64(0x100000 + 8 * i, limb, true));
  const started = performance.now();
  const result = runBareMetal({ image, loadAddress: 0x40000000, maxInstructions: 2e9 });
  const ms = performance.now() - started;
  if (result.exitCode !== 0) throw new Error(`bare-metal run: ${result.reason}`);
  const loopInstructions = calls * LIMBS * LOOP_INSTRUCTIONS;
  console.log(
    `JavaScript blocks: ${result.instructions} instructions (${loopInstructions} of them the loop's) in ${ms.toFixed(0)} ms: ` +
      `${((ms * 1e6) / result.instructions).toFixed(2)} ns an instruction, the whole program`,
  );
}

await wasmTier();
if (imagePath !== undefined) await javascriptTier(imagePath);
