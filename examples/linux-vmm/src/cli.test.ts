import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { runLinuxCli } from "./cli.js";

const dir = mkdtempSync(join(tmpdir(), "linux-cli-"));
const file = (name: string, data: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const kernelBytes = new Uint8Array(0x1000);
new DataView(kernelBytes.buffer).setBigUint64(0x10, 0x2a0_0000n, true);
new DataView(kernelBytes.buffer).setBigUint64(0x18, 0xan, true);
new DataView(kernelBytes.buffer).setUint32(0x38, 0x644d5241, true);
const kernel = file("Image", kernelBytes);
const initrd = file("initrd.gz", gzipSync(new TextEncoder().encode("070701" + "0".repeat(104))));
const text = file("notes.txt", "hello\n");

async function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runLinuxCli(args, {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    stdin: { isTTY: false } as NodeJS.ReadStream,
  });
  return { status, stderr, stdout };
}

describe("pnpm linux: bad input ends with one clear line and status 2", () => {
  it.each([
    [["--kernel", text, "--initrd", initrd], /^linux: .*notes\.txt: not an arm64 Linux Image \(6 bytes/],
    [["--kernel", kernel, "--initrd", text], /^linux: .*notes\.txt: not an initramfs: expected gzip/],
    [["--kernel", kernel, "--initrd", join(dir, "missing.gz")], /^linux: --initrd .*missing\.gz: no such file/],
    [["--kernel", kernel, "--initrd", initrd, "--mem", "32M"], /^linux: --mem 32M is too small/],
    [["--mem", "lots"], /^linux: --mem "lots": expected a size/],
    [["--frobnicate"], /^error: unknown option '--frobnicate'/],
    [["--kernel", kernel, "--initrd", initrd, "--system", text], /^linux: .*notes\.txt: /],
    [["--kernel", kernel, "--initrd", initrd, "--system", join(dir, "missing.system")], /^linux: --system .*missing\.system: no such file/],
    [["--kernel", kernel, "--initrd", initrd, "--max-reboots", "-1"], /^linux: --max-reboots -1: expected a whole number/],
    [["--kernel", kernel, "--initrd", initrd, "--trace-diff", join(dir, "missing.log")], /^linux: --trace-diff .*missing\.log: no such file/],
    [["--kernel", kernel, "--initrd", initrd, "--system-map", text], /^linux: --system-map .*notes\.txt:1: expected "ADDRESS TYPE NAME"/],
    [["--kernel", kernel, "--initrd", initrd, "--dtb", text], /^linux: --dtb: /],
  ])("%j", async (args, message) => {
    const { status, stderr, stdout } = await run(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stdout).toBe("");
  });

  it("--help documents the flags and exits 0", async () => {
    const { status, stdout } = await run("--help");
    expect(status).toBe(0);
    for (const flag of ["--kernel", "--initrd", "--append", "--mem", "--system", "--max-reboots", "--stats", "--trace-diff", "--system-map", "--dump-dtb", "--dtb"]) expect(stdout).toContain(flag);
  });
});
