import { describe, expect, it } from "vitest";
import { GuestMemory } from "../../memory/guest-memory.js";
import type { WasmRam } from "../../memory/types.js";
import { Cpu } from "../cpu.js";
import { MPIHELP_SUBMUL_1_LOOP } from "./mpi-loops.test-helper.js";

/** The part of the WebAssembly JS API these tests use (the package's lib settings do not declare it). */
declare const WebAssembly: { Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer } };

const CODE = 0x40000000;
const DATA = 0x40100000;
const MASK = (1n << 64n) - 1n;

// A caller that runs the Debian kernel's mpihelp_submul_1 loop (lib/mpi) `calls` times over
// `limbs` limbs, then `svc #0`: x19 counts the calls; each call sets up the registers the
// function's prologue would (x0 carry, x1 up, x11 res, w2/x5/x14 = -n, x10/x12 the limb's halves,
// x13 = 2^32) and falls into the loop's head.
const LOOP = MPIHELP_SUBMUL_1_LOOP;

function program(calls: number, limbs: number): number[] {
  const movz = (rd: number, imm: number, hw: number) => (0xd2800000 | (hw << 21) | ((imm & 0xffff) << 5) | rd) >>> 0;
  const movk = (rd: number, imm: number, hw: number) => (0xf2800000 | (hw << 21) | ((imm & 0xffff) << 5) | rd) >>> 0;
  const mov64 = (rd: number, v: bigint) => [0, 1, 2, 3].map((hw) => (hw === 0 ? movz : movk)(rd, Number((v >> BigInt(16 * hw)) & 0xffffn), hw));
  const minusN = BigInt.asUintN(64, BigInt(-limbs));
  const head = [...mov64(19, BigInt(calls))];
  const top = head.length;
  head.push(...mov64(0, 0n), ...mov64(1, BigInt(DATA)), ...mov64(11, BigInt(DATA + 0xff8)), ...mov64(2, minusN & 0xffffffffn));
  head.push(...mov64(5, minusN), ...mov64(14, minusN), ...mov64(10, 0xabcd1234n), ...mov64(12, 0x9abc5678n), ...mov64(13, 1n << 32n));
  const words = [...head, ...LOOP];
  // After the loop: x19 -= 1; b.ne top; svc #0.
  words.push((0xf1000000 | (1 << 10) | (19 << 5) | 19) >>> 0);
  words.push((0x54000001 | (((top - words.length) & 0x7ffff) << 5)) >>> 0);
  words.push(0xd4000001);
  return words;
}

function machine(words: number[], wasm: boolean, seed: bigint) {
  const memory = new GuestMemory();
  const ramSize = 0x200000;
  let buffer: ArrayBuffer;
  if (wasm) {
    const wasmMemory = new WebAssembly.Memory({ initial: ramSize / 65536 + 1 });
    buffer = wasmMemory.buffer;
    const ram: WasmRam = { memory: wasmMemory, scratch: ramSize, scratchEnd: ramSize + 65536, next: ramSize };
    memory.wasm = ram;
  } else {
    buffer = new ArrayBuffer(ramSize);
  }
  memory.mapPages(CODE, buffer, 0, ramSize, { read: true, write: true, exec: true });
  const view = new DataView(buffer, 0, ramSize);
  words.forEach((w, i) => view.setUint32(4 * i, w >>> 0, true));
  let x = seed;
  for (let at = DATA - CODE; at < DATA - CODE + 0x2000; at += 8) view.setBigUint64(at, (x = (x * 6364136223846793005n + 1442695040888963407n) & MASK), true);
  const cpu = new Cpu({ memory, jit: { threshold: 1, minNative: 0 } });
  cpu.setPC(BigInt(CODE));
  return { cpu, view };
}

describe("WebAssembly loops in the block translator (GuestMemory.wasm)", () => {
  it("runs mpihelp_submul_1's loop to the same registers, memory and count as without WebAssembly", () => {
    for (const [calls, limbs] of [[3, 1], [40, 26], [7, 300]] as const) {
      const words = program(calls, limbs);
      const runs = [false, true].map((wasm) => {
        const { cpu, view } = machine(words, wasm, BigInt(limbs));
        const exit = cpu.run(10_000_000);
        return { exit: exit.kind, regs: Array.from({ length: 31 }, (_, n) => cpu.getX(n)), nzcv: cpu.getNZCV(), retired: cpu.instructionsRetired, pc: cpu.getPC(), data: new Uint8Array(view.buffer, DATA - CODE, 0x2000).slice() };
      });
      expect(runs[1]!.exit).toBe("svc");
      expect(runs[1]).toEqual(runs[0]);
    }
  });

  it("stops at the slice end exactly as the JavaScript blocks do", () => {
    const words = program(20, 26);
    for (const budget of [97, 1000, 4321]) {
      const runs = [false, true].map((wasm) => {
        const { cpu } = machine(words, wasm, 1n);
        cpu.run(budget);
        return { regs: Array.from({ length: 31 }, (_, n) => cpu.getX(n)), nzcv: cpu.getNZCV(), retired: cpu.instructionsRetired, pc: cpu.getPC() };
      });
      expect(runs[1]).toEqual(runs[0]);
    }
  });
});
