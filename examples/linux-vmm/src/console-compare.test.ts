import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { QEMU_DIFFERENCES, comparable, compareConsoles, explain } from "./console-compare.js";

const qemuGolden = readFileSync(fileURLToPath(new URL("../golden/qemu-virt-a53-console.txt", import.meta.url)), "utf8");

/** QEMU's golden console as the simulated machine differs from it for known reasons. */
function asOurs(console: string): string {
  return console
    .split("\n")
    .filter((line) => !QEMU_DIFFERENCES.some((k) => k.qemuOnly?.test(line)))
    .join("\n")
    .replace(/ (\d+)K reserved,/, (_, n: string) => ` ${Number(n) - 1024}K reserved,`)
    .replace(/^Registered setend emulation handler$/m, "setend instruction emulation is not supported on this system");
}

describe("console comparison with QEMU (golden/qemu-virt-a53-console.txt)", () => {
  it("every known difference occurs in QEMU's golden console (none is dead)", () => {
    const lines = qemuGolden.split("\n");
    const used = new Set(lines.map((line) => explain(line)?.why).filter((why) => why !== undefined));
    expect(QEMU_DIFFERENCES.map((k) => k.why).filter((why) => !used.has(why))).toEqual([]);
  });

  it("takes the known differences out on both sides, and only those", () => {
    const ours = asOurs(qemuGolden);
    expect(ours).not.toBe(qemuGolden);
    expect(comparable(ours, "sel4ts")).toBe(comparable(qemuGolden, "qemu"));
    // The hw-breakpoint line is no known difference: the CPU model's ID_AA64DFR0_EL1 is QEMU's.
    expect(qemuGolden).toContain("hw-breakpoint: found 6 breakpoint and 4 watchpoint registers.");
    const dfr0 = ours.replace("found 6 breakpoint and 4 watchpoint", "found 2 breakpoint and 2 watchpoint");
    expect(comparable(dfr0, "sel4ts")).not.toBe(comparable(qemuGolden, "qemu"));
  });

  it("groups differing lines into runs, each with its reasons, or the lines nothing explains", () => {
    const ours = asOurs(qemuGolden).replace("hw-breakpoint: found 6 breakpoint", "hw-breakpoint: found 2 breakpoint");
    const { same, hunks } = compareConsoles(ours, qemuGolden);
    expect(same).toBeGreaterThan(200);
    const unexplained = hunks.flatMap((hunk) => hunk.unexplained);
    expect(unexplained).toEqual([
      "hw-breakpoint: found 2 breakpoint and 4 watchpoint registers.",
      "hw-breakpoint: found 6 breakpoint and 4 watchpoint registers.",
    ]);
    const gic = hunks.find((hunk) => hunk.qemu.some((line) => line.startsWith("GICv2m: ")))!;
    expect(gic.ours).toEqual([]);
    expect(gic.why).toEqual([QEMU_DIFFERENCES[0]!.why]);
    expect(compareConsoles(qemuGolden, qemuGolden)).toEqual({ same: qemuGolden.replace(/\n+$/, "").split("\n").length, hunks: [] });
  });
});
