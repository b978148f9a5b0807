import { describe, expect, it } from "vitest";
import { mmioRoundTrips, virqLatency } from "./workloads";

describe("bench workloads (small)", () => {
  it("every trapped guest load reaches the handler and the guest resumes after it", async () => {
    expect((await mmioRoundTrips(50)).operations).toBe(50);
  });
  it("an IRQ injected while the guest is stopped in a fault is taken before its next instruction", async () => {
    expect((await virqLatency()).note).toBe("0 guest instructions");
  });
});
