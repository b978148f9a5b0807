/**
 * Measures the register representations the interpreter could use, so that the choice
 * (BigUint64Array with 32-bit views on the same buffer; see DESIGN.md) rests on numbers kept in
 * the repo. Each kernel runs one 64-bit operation over a 32-register file per iteration.
 */
import type { BenchResult } from "./types.js";

const REGS = 32;
const TWO_32 = 4294967296;

/** Options of benchRegisterRepresentations. */
export interface RegisterBenchOptions {
  /** Operations per measured kernel (default 2,000,000). */
  iterations?: number;
}

type Kernel = (iterations: number) => number;

/** The same starting register values for every representation. */
function initialValues(): BigUint64Array {
  return new BigUint64Array(REGS).map((_, i) => BigInt.asUintN(64, BigInt(i + 1) * 0x9e3779b97f4a7c15n));
}

/** BigUint64Array, BigInt arithmetic wrapped with BigInt.asUintN. */
function bigArrayKernels(): Record<string, Kernel> {
  const x = initialValues();
  return {
    add: (n) => {
      for (let i = 0; i < n; i++) x[i & 31] = BigInt.asUintN(64, x[(i + 7) & 31]! + x[(i + 13) & 31]!);
      return Number(x[0]! & 0xffffn);
    },
    xor: (n) => {
      for (let i = 0; i < n; i++) x[i & 31] = x[(i + 7) & 31]! ^ x[(i + 13) & 31]!;
      return Number(x[0]! & 0xffffn);
    },
    shift: (n) => {
      for (let i = 0; i < n; i++) x[i & 31] = BigInt.asUintN(64, x[(i + 7) & 31]! << 3n) | (x[(i + 13) & 31]! >> 61n);
      return Number(x[0]! & 0xffffn);
    },
    compare: (n) => {
      let count = 0;
      for (let i = 0; i < n; i++) if (x[(i + 7) & 31]! < x[(i + 13) & 31]!) count++;
      return count;
    },
  };
}

/** The same BigUint64Array buffer seen as 32-bit halves (what the interpreter does). */
function viewKernels(): Record<string, Kernel> {
  const u = new Uint32Array(initialValues().buffer);
  return {
    add: (n) => {
      for (let i = 0; i < n; i++) {
        const a = 2 * ((i + 7) & 31);
        const b = 2 * ((i + 13) & 31);
        const d = 2 * (i & 31);
        const lo = u[a]! + u[b]!;
        const hi = u[a + 1]! + u[b + 1]! + (lo >= TWO_32 ? 1 : 0);
        u[d] = lo;
        u[d + 1] = hi;
      }
      return u[0]! & 0xffff;
    },
    xor: (n) => {
      for (let i = 0; i < n; i++) {
        const a = 2 * ((i + 7) & 31);
        const b = 2 * ((i + 13) & 31);
        const d = 2 * (i & 31);
        u[d] = u[a]! ^ u[b]!;
        u[d + 1] = u[a + 1]! ^ u[b + 1]!;
      }
      return u[0]! & 0xffff;
    },
    shift: (n) => {
      for (let i = 0; i < n; i++) {
        const a = 2 * ((i + 7) & 31);
        const b = 2 * ((i + 13) & 31);
        const d = 2 * (i & 31);
        const hi = (u[a + 1]! << 3) | (u[a]! >>> 29);
        u[d] = (u[a]! << 3) | (u[b + 1]! >>> 29);
        u[d + 1] = hi;
      }
      return u[0]! & 0xffff;
    },
    compare: (n) => {
      let count = 0;
      for (let i = 0; i < n; i++) {
        const a = 2 * ((i + 7) & 31);
        const b = 2 * ((i + 13) & 31);
        const ah = u[a + 1]!;
        const bh = u[b + 1]!;
        if (ah < bh || (ah === bh && u[a]! < u[b]!)) count++;
      }
      return count;
    },
  };
}

/** Separate Int32Array arrays for the low and high halves. */
function pairKernels(): Record<string, Kernel> {
  const halves = new Int32Array(initialValues().buffer);
  const lo = new Int32Array(REGS).map((_, i) => halves[2 * i]!);
  const hi = new Int32Array(REGS).map((_, i) => halves[2 * i + 1]!);
  return {
    add: (n) => {
      for (let i = 0; i < n; i++) {
        const a = (i + 7) & 31;
        const b = (i + 13) & 31;
        const sum = (lo[a]! >>> 0) + (lo[b]! >>> 0);
        lo[i & 31] = sum;
        hi[i & 31] = hi[a]! + hi[b]! + (sum >= TWO_32 ? 1 : 0);
      }
      return lo[0]! & 0xffff;
    },
    xor: (n) => {
      for (let i = 0; i < n; i++) {
        const a = (i + 7) & 31;
        const b = (i + 13) & 31;
        lo[i & 31] = lo[a]! ^ lo[b]!;
        hi[i & 31] = hi[a]! ^ hi[b]!;
      }
      return lo[0]! & 0xffff;
    },
    shift: (n) => {
      for (let i = 0; i < n; i++) {
        const a = (i + 7) & 31;
        const b = (i + 13) & 31;
        const h = (hi[a]! << 3) | (lo[a]! >>> 29);
        lo[i & 31] = (lo[a]! << 3) | (hi[b]! >>> 29);
        hi[i & 31] = h;
      }
      return lo[0]! & 0xffff;
    },
    compare: (n) => {
      let count = 0;
      for (let i = 0; i < n; i++) {
        const a = (i + 7) & 31;
        const b = (i + 13) & 31;
        const ah = hi[a]! >>> 0;
        const bh = hi[b]! >>> 0;
        if (ah < bh || (ah === bh && lo[a]! >>> 0 < lo[b]! >>> 0)) count++;
      }
      return count;
    },
  };
}

/** A bigint in a field of one object per register (what the design rules forbid). */
function objectKernels(): Record<string, Kernel> {
  const regs = Array.from(initialValues(), (value) => ({ value }));
  const r = (i: number) => regs[i & 31]!;
  return {
    add: (n) => {
      for (let i = 0; i < n; i++) r(i).value = BigInt.asUintN(64, r(i + 7).value + r(i + 13).value);
      return Number(r(0).value & 0xffffn);
    },
    xor: (n) => {
      for (let i = 0; i < n; i++) r(i).value = r(i + 7).value ^ r(i + 13).value;
      return Number(r(0).value & 0xffffn);
    },
    shift: (n) => {
      for (let i = 0; i < n; i++) r(i).value = BigInt.asUintN(64, r(i + 7).value << 3n) | (r(i + 13).value >> 61n);
      return Number(r(0).value & 0xffffn);
    },
    compare: (n) => {
      let count = 0;
      for (let i = 0; i < n; i++) if (r(i + 7).value < r(i + 13).value) count++;
      return count;
    },
  };
}

const REPRESENTATIONS: readonly [string, () => Record<string, Kernel>][] = [
  ["BigUint64Array+asUintN", bigArrayKernels],
  ["BigUint64Array 32-bit views", viewKernels],
  ["Int32Array lo/hi pairs", pairKernels],
  ["bigint in object", objectKernels],
];

/** Timed repetitions of each kernel; the fastest counts (the machine may be shared). */
const REPEATS = 3;

/**
 * Times add/xor/shift/compare on each representation and returns nanoseconds per operation
 * (lower is better): each kernel runs once to warm up, then REPEATS times, keeping the best.
 * Every representation starts from the same register values, so equal checksums show that the
 * kernels did the same work.
 */
export function benchRegisterRepresentations(options: RegisterBenchOptions = {}): BenchResult[] {
  const iterations = options.iterations ?? 2_000_000;
  const results: BenchResult[] = [];
  for (const [representation, make] of REPRESENTATIONS) {
    for (const operation of ["add", "xor", "shift", "compare"]) {
      const kernel = make()[operation]!;
      kernel(Math.min(iterations, 100_000));
      let best = Infinity;
      let checksum = 0;
      for (let r = 0; r < REPEATS; r++) {
        const fresh = make()[operation]!;
        const start = performance.now();
        checksum = fresh(iterations);
        best = Math.min(best, performance.now() - start);
      }
      results.push({ name: `${representation}: ${operation}`, value: (best * 1e6) / iterations, unit: "ns/op", note: `checksum ${checksum}` });
    }
  }
  return results;
}
