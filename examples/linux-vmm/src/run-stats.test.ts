import { describe, expect, it } from "vitest";
import { formatRunStats, mips } from "./run-stats.js";

describe("--stats line", () => {
  it("gives instructions, wall time, MIPS, virtual time, boots and exits by class, most frequent first, zero classes left out", () => {
    const line = formatRunStats({
      outcome: "powered-off",
      instructions: 896_000_000,
      wallSeconds: 96,
      virtualNs: 4_210_000_000,
      boots: 1,
      exits: { "VMFault (GIC distributor)": 1200, "VPPIEvent": 300, "UnknownSyscall": 0, "VCPUFault (SMC)": 300, "IRQ (channel 1)": 2 },
    });
    expect(line).toBe(
      "[linux] powered-off: 896000000 instructions in 96.0 s (9.33 MIPS), virtual 4.21 s, 1 boot; exits: 1802 (VMFault (GIC distributor) 1200, VCPUFault (SMC) 300, VPPIEvent 300, IRQ (channel 1) 2)",
    );
  });

  it("says none for a run without exits, counts boots, and gives 0 MIPS for a run too short to time", () => {
    expect(formatRunStats({ outcome: "reset", instructions: 10, wallSeconds: 0, virtualNs: 0, boots: 2, exits: { VPPIEvent: 0 } })).toBe(
      "[linux] reset: 10 instructions in 0.0 s (0.00 MIPS), virtual 0.00 s, 2 boots; exits: none",
    );
    expect(mips(50_000_000, 2)).toBe(25);
  });
});
