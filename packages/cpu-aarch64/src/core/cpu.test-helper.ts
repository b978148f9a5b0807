/** Shared fixtures for the core's tests: a CPU over a small code page and a data area. */
import { GuestMemory } from "../memory/guest-memory.js";
import { Cpu } from "./cpu.js";
import type { CpuExit } from "./exits.js";

export const CODE = 0x10000;
export const DATA = 0x20000;
export const DATA_SIZE = 0x4000;
export const SVC0 = 0xd4000001;

export interface Machine {
  cpu: Cpu;
  memory: GuestMemory;
  data: DataView;
}

/** A CPU with `words` at CODE (then `svc #0`), RAM at DATA and the given registers. */
export function machine(words: readonly number[], regs: Readonly<Record<number, bigint>> = {}): Machine {
  const memory = new GuestMemory();
  const code = memory.mapRam(CODE, 0x1000);
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  [...words, SVC0].forEach((w, i) => view.setUint32(4 * i, w >>> 0, true));
  const ram = memory.mapRam(DATA, DATA_SIZE);
  const cpu = new Cpu({ memory });
  cpu.setPC(BigInt(CODE));
  for (const [n, v] of Object.entries(regs)) cpu.setX(Number(n), v);
  return { cpu, memory, data: new DataView(ram.buffer) };
}

/** Runs `words` to the trailing `svc #0` and returns the CPU; fails on any other exit. */
export function run(words: readonly number[], regs: Readonly<Record<number, bigint>> = {}, nzcv = 0): Cpu {
  const { cpu } = machine(words, regs);
  cpu.setNZCV(nzcv);
  const exit = cpu.run(10_000);
  if (exit.kind !== "svc") throw new Error(`expected the final svc, got ${JSON.stringify(exit, bigintJson)}`);
  return cpu;
}

/** Runs until the first exit and returns it with the machine. */
export function runToExit(words: readonly number[], regs: Readonly<Record<number, bigint>> = {}): Machine & { exit: CpuExit } {
  const m = machine(words, regs);
  return { ...m, exit: m.cpu.run(10_000) };
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? `0x${value.toString(16)}` : value;
}

export const MASK64 = (1n << 64n) - 1n;
/** Interesting 64-bit operands: 0, 1, -1, INT_MIN, INT_MAX, and 32-bit boundaries. */
export const EDGE64: readonly bigint[] = [
  0n, 1n, MASK64, 1n << 63n, (1n << 63n) - 1n, 0xffffffffn, 0x80000000n, 0x7fffffffn, 0x100000000n, 0x123456789abcdef0n,
];
