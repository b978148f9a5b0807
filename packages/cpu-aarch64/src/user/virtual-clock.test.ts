import { describe, expect, it } from "vitest";
import { VIRTUAL_EPOCH_NS, VirtualClock } from "./virtual-clock.js";

describe("VirtualClock", () => {
  it("counts one nanosecond per instruction in virtual mode, plus skipped sleeps", () => {
    let retired = 0;
    const clock = new VirtualClock("virtual", () => retired);
    retired = 1234;
    expect(clock.monotonicNs()).toBe(1234n);
    clock.sleep(1_000_000n);
    expect(clock.monotonicNs()).toBe(1_001_234n);
    expect(clock.realtimeNs()).toBe(VIRTUAL_EPOCH_NS + 1_001_234n);
  });

  it("follows the host's clocks in host mode and really waits in sleep", () => {
    const clock = new VirtualClock("host", () => 0);
    const wall = BigInt(Date.now()) * 1_000_000n;
    expect(clock.realtimeNs() - wall).toBeLessThan(5_000_000_000n);
    const before = clock.monotonicNs();
    clock.sleep(20_000_000n);
    expect(clock.monotonicNs() - before).toBeGreaterThanOrEqual(15_000_000n);
  });
});
