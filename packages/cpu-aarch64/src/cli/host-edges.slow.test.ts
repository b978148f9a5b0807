// The command at the edges of what the host gives it: stdout that refuses writes (a full device,
// a reader that went away) and device trees that are not device trees. Spawns the real entry
// through tsx, as cli.slow.test.ts does.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { UserIo } from "../user/io.js";
import { runCli } from "./main.js";

const packageDir = fileURLToPath(new URL("../../", import.meta.url));
const cliEntry = fileURLToPath(new URL("./index.ts", import.meta.url));
const idregs = ["bare", "conformance/system/bin/idregs.bin", "--load", "0x40080000"];
const hello = ["user", "src/user/fixtures/bin/hello"];
const scratch = mkdtempSync(join(tmpdir(), "sel4ts-edges-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the command with stdout on `stdoutFd`. */
function withStdout(args: string[], stdoutFd: number) {
  const run = spawnSync(process.execPath, ["--import", "tsx", cliEntry, ...args], { cwd: packageDir, stdio: ["ignore", stdoutFd, "pipe"], encoding: "utf8" });
  return { status: run.status, stderr: run.stderr };
}

/** Runs the command with a stdout pipe whose reading end is closed at once. */
function withClosedPipe(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", cliEntry, ...args], { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => done({ status, stderr }));
  });
}

describe("stdout that refuses writes", () => {
  it.each([["bare", idregs], ["user", hello]])("%s > /dev/full: one line and status 1, like coreutils", (_name, args) => {
    const full = openSync("/dev/full", "w");
    try {
      expect(withStdout(args, full)).toEqual({ status: 1, stderr: "sel4ts-aarch64: write error: No space left on device\n" });
    } finally {
      closeSync(full);
    }
  });

  it.each([["bare", idregs]])("%s | (a reader that went away): quiet, status 141 as after SIGPIPE", async (_name, args) => {
    expect(await withClosedPipe(args)).toEqual({ status: 141, stderr: "" });
  });
});

describe("--dtb that is not a device tree (in process)", () => {
  const dtbCases: [string, Uint8Array, RegExp][] = [
    ["empty", new Uint8Array(0), /--dtb: .*empty\.dtb: .*/],
    ["truncated", Uint8Array.from([0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0]), /--dtb: .*truncated\.dtb: .*/],
    ["garbage", new TextEncoder().encode("this is not a device tree blob at all, just text\n"), /--dtb: .*garbage\.dtb: at byte 0 \(0x0\): .*magic/],
  ];
  it.each(dtbCases)("%s: refused with the FDT reader's error and status 2", (name, bytes, message) => {
    const file = join(scratch, `${name}.dtb`);
    writeFileSync(file, bytes);
    const written: [number, string][] = [];
    const io: UserIo = { readStdin: () => 0, write: (fd, data) => written.push([fd, new TextDecoder().decode(data)]) };
    expect(runCli([...idregs.slice(0, 1), join(packageDir, idregs[1]!), ...idregs.slice(2), "--dtb", file], io)).toBe(2);
    expect(written.filter(([fd]) => fd === 1)).toEqual([]);
    const stderr = written.map(([, text]) => text).join("");
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});
