import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { hasHostTool } from "../../../test-tools.shared";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const read = (name: string): string => readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
const run = (...args: string[]): string => execFileSync(process.execPath, ["--import", "tsx", "src/main.ts", ...args], { cwd: packageDir, encoding: "utf8" });

describe("the simple-vmm command", () => {
  // execFileSync throws on a non-zero exit status (a VM that did not power off); runs are deterministic.
  it("simple.system prints the committed transcript: two boots through guest_restart, then SYSTEM_OFF", () => {
    const out = run();
    expect(out).toBe(read("simple.transcript.txt"));
    expect(out.match(/guest: hello from EL1, boot \d/g)).toEqual(["guest: hello from EL1, boot 0", "guest: hello from EL1, boot 1"]);
  });

  it("WFI traps on (the default): each WFI the guest waits in exits once; --no-wfi-traps: none, same output", () => {
    const transcript = read("simple.transcript.txt");
    expect(transcript).toMatch(/1 of 1 VMs powered off, 2 WFI exits/); // the timer wait, once per boot
    const untrapped = run("--no-wfi-traps");
    const body = (text: string) => text.slice(0, text.lastIndexOf("simple-vmm: "));
    expect(body(untrapped)).toBe(body(transcript));
    expect(untrapped).toMatch(/1 of 1 VMs powered off, 0 WFI exits/);
  });

  it("two-vms.system runs two VMM PDs with their own libvmm state", () => {
    const out = run("system/two-vms.system");
    expect(out).toBe(read("two-vms.transcript.txt"));
    for (const pd of ["VMM_1", "VMM_2"]) expect(out).toContain(`${pd}|INFO: guest powered off (PSCI SYSTEM_OFF from vCPU 0)`);
  });

  it.skipIf(!hasHostTool("aarch64-linux-gnu-as"))("the committed guest binary matches guest.S", () => {
    const dir = mkdtempSync(join(tmpdir(), "simple-vmm-"));
    try {
      execFileSync("sh", [join(packageDir, "guest/build.sh"), join(dir, "guest.bin")]);
      expect(readFileSync(join(dir, "guest.bin"))).toEqual(readFileSync(join(packageDir, "guest/guest.bin")));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
