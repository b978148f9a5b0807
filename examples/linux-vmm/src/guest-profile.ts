/**
 * `pnpm linux --guest-profile`: where the guest spends its instructions. The core hands its PC to
 * the profile every `interval` retired instructions (cpu-aarch64's `Cpu.pcSampler`, which leaves
 * the run exactly as it is); the report counts the samples by kernel function.
 */
import type { PcSampler } from "@sel4ts/cpu-aarch64";

/** The default instructions between samples: fine enough for a boot of ~0.9 G instructions. */
export const DEFAULT_PROFILE_INTERVAL = 1000;
/** Addresses below this are EL0 (busybox) or the kernel's first steps with the MMU off. */
const KERNEL_VA_BASE = 0xffff_0000_0000_0000n;

/** PC samples of one run; {@link report} names them with a System.map symbolizer. */
export class GuestProfile implements PcSampler {
  readonly interval: number;
  readonly #counts = new Map<bigint, number>();
  #samples = 0;

  constructor(interval = DEFAULT_PROFILE_INTERVAL) {
    if (!(Number.isInteger(interval) && interval >= 1)) throw new RangeError(`a profile interval is a whole number of instructions >= 1, got ${interval}`);
    this.interval = interval;
  }

  get samples(): number {
    return this.#samples;
  }

  sample(pc: bigint): void {
    this.#counts.set(pc, (this.#counts.get(pc) ?? 0) + 1);
    this.#samples++;
  }

  /**
   * Samples by function, most first: `symbolize` gives `name+0xoff` for a kernel address (null
   * without symbols, when the report lists addresses instead). At most `top` rows.
   */
  byFunction(symbolize: (pc: bigint) => string | null): [name: string, samples: number][] {
    const totals = new Map<string, number>();
    for (const [pc, count] of this.#counts) {
      const name = pc < KERNEL_VA_BASE ? "(EL0 or MMU off)" : (symbolize(pc)?.replace(/\+0x[0-9a-f]+$/, "") ?? `0x${pc.toString(16)}`);
      totals.set(name, (totals.get(name) ?? 0) + count);
    }
    return [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  /** The report for stderr: a header and the `top` functions with their share of the samples. */
  report(symbolize: ((pc: bigint) => string | null) | null, top = 30): string[] {
    const lines = [`[guest-profile] ${this.#samples} samples, one each ${this.interval} instructions; by kernel function${symbolize === null ? " (no System.map: addresses; pnpm guest-images --symbols fetches it)" : ""}:`];
    const rows = this.byFunction(symbolize ?? (() => null));
    for (const [name, count] of rows.slice(0, top)) {
      lines.push(`${((100 * count) / Math.max(1, this.#samples)).toFixed(1).padStart(6)}% ${String(count).padStart(8)}  ${name}`);
    }
    if (rows.length > top) lines.push(`  ... ${rows.length - top} more`);
    return lines;
  }
}
