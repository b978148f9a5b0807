// `pnpm linux --trace-diff` end to end without QEMU: the VMM runs golden/trace/tiny.Image (41
// instructions in the arm64 Image format, golden/trace/README.md) under debug-aids' trace
// comparison against QEMU 7.2's log of the same image.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { prepareLinuxBoot } from "./boot-images.js";
import { DEFAULT_SYSTEM } from "./cli.js";
import { setUpDebugAids } from "./debug-aids.js";
import { formatRunStats } from "./run-stats.js";
import { loadLinuxSystem } from "./system.js";
import { LinuxVmm } from "./vmm.js";

const golden = (name: string) => fileURLToPath(new URL(`../golden/trace/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "linux-trace-diff-"));

async function runTiny(kernelImage: Uint8Array, systemMap?: string) {
  const system = loadLinuxSystem(DEFAULT_SYSTEM, readFileSync(DEFAULT_SYSTEM, "utf8"));
  const images = prepareLinuxBoot({
    kernel: kernelImage, kernelSource: "tiny.Image", initrd: null, initrdSource: "",
    bootargs: "console=ttyAMA0", memorySize: system.guestRamSize, psciMethod: "smc",
  });
  const aids = setUpDebugAids({ traceDiff: golden("tiny.qemu.log"), stats: false, ...(systemMap ? { systemMap } : {}) }, images);
  let console = "";
  const result = await new LinuxVmm({
    system, images: aids.images, kernelImage, initrd: null, kernelOptions: aids.kernelOptions,
    shouldStop: () => aids.shouldStop(),
    onOutput: (byte) => (console += String.fromCharCode(byte)),
  }).run();
  const report = aids.finish({ ...result, wallSeconds: 1 });
  return { result, console, report: report.join("\n"), status: aids.traceDiffExitStatus() };
}

describe("pnpm linux --trace-diff against QEMU's log of a tiny Image", () => {
  it("matches every instruction QEMU ran, across a VM exit to the VMM and the PSCI call", async () => {
    const { result, console, report, status } = await runTiny(readFileSync(golden("tiny.Image")));
    expect(console).toBe("!");
    expect(result.outcome).toBe("powered-off");
    expect(result.exits["VMFault (GIC distributor)"]).toBe(1);
    expect(formatRunStats({ ...result, wallSeconds: 1 })).toContain("40 instructions");
    // QEMU's 6-step boot stub is skipped; x0 (its DTB address) and the rest of its leftovers are taken at the sync point.
    expect(report).toMatch(/^trace-diff: all 41 instructions of QEMU's trace matched \(6 QEMU boot steps skipped; at the sync point .*X00 0x[0-9a-f]+ -> 0x[0-9a-f]+/);
    expect(status).toBe(0);
  });

  it("reports the first divergence with both register files, named by --system-map, and exit status 1", async () => {
    const image = new Uint8Array(readFileSync(golden("tiny.Image")));
    // mov x3, #7 -> mov x3, #6: the loop runs once less.
    const view = new DataView(image.buffer);
    expect(view.getUint32(0x48, true)).toBe(0xd28000e3);
    view.setUint32(0x48, 0xd28000c3, true);
    const map = join(dir, "System.map");
    writeFileSync(map, "ffff800008000000 T _text\nffff800008000040 t entry\n");
    const { report, status } = await runTiny(image, map);
    expect(status).toBe(1);
    const lines = report.split("\n");
    expect(lines[0]).toMatch(/^trace-diff: first divergence after 4 matching instructions \(QEMU trace line \d+; 6 QEMU boot steps skipped/);
    expect(lines[1]).toMatch(/^ {2}last instruction run by both: 0x0000000040200048 <entry\+0x8> {2}d28000c3 {2}mov\s+x3, #0x6/);
    expect(lines[2]).toBe("  differing: X03");
    expect(lines).toContain("* X03      0x0000000000000006                 0x0000000000000007");
  });
});
