/** Where the guest's clocks come from. */
export type ClockSource = "virtual" | "host";

/** CLOCK_REALTIME of a virtual run starts here: 2024-01-01T00:00:00Z. */
export const VIRTUAL_EPOCH_NS = 1_704_067_200n * 1_000_000_000n;

/**
 * The guest's notion of time. In "virtual" mode (the default) time is derived from instructions
 * retired at a nominal 1 GHz (one nanosecond per instruction), so runs are reproducible; "host"
 * mode reads the host's clocks.
 */
export class VirtualClock {
  /** Time skipped by sleeps in virtual mode: nobody waits, the clocks just jump. */
  private sleptNs = 0n;

  /**
   * @param source "virtual" or "host"
   * @param instructionsRetired how many instructions the guest has executed so far
   */
  constructor(
    private readonly source: ClockSource,
    private readonly instructionsRetired: () => number,
  ) {}

  /** Nanoseconds since the epoch (CLOCK_REALTIME). */
  realtimeNs(): bigint {
    if (this.source === "host") return BigInt(Date.now()) * 1_000_000n;
    return VIRTUAL_EPOCH_NS + this.monotonicNs();
  }

  /** Nanoseconds since the process started (CLOCK_MONOTONIC and the CPU-time clocks). */
  monotonicNs(): bigint {
    if (this.source === "host") return BigInt(Math.round(performance.now() * 1e6));
    return BigInt(this.instructionsRetired()) + this.sleptNs;
  }

  /** Lets `ns` nanoseconds pass: instantly in virtual mode, by blocking the thread in host mode. */
  sleep(ns: bigint): void {
    if (ns <= 0n) return;
    if (this.source === "virtual") {
      this.sleptNs += ns;
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ns / 1_000_000n));
  }
}
