import { describe, expect, it } from "vitest";
import { CNTFRQ_HZ, INSTRUCTIONS_PER_TICK, instructionsFromTicks, ticksFromInstructions } from "./virtual-time.js";

describe("virtual time: one instruction per nanosecond", () => {
  it("62.5 MHz means one tick per 16 instructions", () => {
    expect(CNTFRQ_HZ).toBe(62_500_000);
    expect(INSTRUCTIONS_PER_TICK * CNTFRQ_HZ).toBe(1_000_000_000);
  });

  it("rounds partial ticks down and converts back", () => {
    expect(ticksFromInstructions(0)).toBe(0n);
    expect(ticksFromInstructions(15)).toBe(0n);
    expect(ticksFromInstructions(16)).toBe(1n);
    expect(ticksFromInstructions(2 ** 40 + 31)).toBe(2n ** 36n + 1n);
    expect(instructionsFromTicks(62_500_000n)).toBe(1_000_000_000);
  });
});
