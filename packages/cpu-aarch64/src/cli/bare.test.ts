import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { UserIo } from "../user/io.js";
import { parseCliArgs } from "./args.js";
import { parseSize } from "./bare-args.js";
import { runBareCommand } from "./bare.js";
import { runCli } from "./main.js";

const guest = (name: string): string => fileURLToPath(new URL(`../../conformance/system/bin/${name}`, import.meta.url));

function recordingIo(): { io: UserIo; out: () => string; err: () => string } {
  const writes: Array<[number, string]> = [];
  return {
    io: { readStdin: () => 0, write: (fd, bytes) => writes.push([fd, new TextDecoder().decode(bytes)]) },
    out: () => writes.filter(([fd]) => fd === 1).map(([, text]) => text).join(""),
    err: () => writes.filter(([fd]) => fd === 2).map(([, text]) => text).join(""),
  };
}

describe("sel4ts-aarch64 bare", () => {
  it("parses IMAGE and its options in any order", () => {
    expect(parseCliArgs(["--stats", "bare", "--load", "0x40080000", "img", "--mem", "64M", "--dtb", "d.dtb", "--trace"])).toEqual({
      kind: "bare",
      file: "img",
      load: 0x40080000,
      entry: undefined,
      dtb: "d.dtb",
      mem: 64 << 20,
      trace: true,
      stats: true,
      jit: true,
    });
    expect(parseCliArgs(["--no-jit", "bare", "--load", "1", "img"])).toMatchObject({ kind: "bare", jit: false });
    expect(parseCliArgs(["--no-jit", "bare", "--jit", "--load", "1", "img"])).toMatchObject({ kind: "bare", jit: true });
    expect(parseCliArgs(["--jit", "bare", "--no-jit", "--load", "1", "img"])).toMatchObject({ kind: "bare", jit: false });
    expect(parseCliArgs(["bare", "img"])).toEqual({ kind: "usageError", message: "bare needs --load ADDR" });
    expect(parseCliArgs(["bare", "--load", "x", "img"])).toMatchObject({ kind: "usageError" });
    expect(parseCliArgs(["bare", "--load", "1", "a", "b"])).toMatchObject({ message: "bare takes one IMAGE, got a and b" });
    expect([parseSize("1G"), parseSize("0x1000"), parseSize("512k"), parseSize("0"), parseSize("1T")]).toEqual([
      1 << 30,
      0x1000,
      512 << 10,
      null,
      null,
    ]);
  });

  it("prints the guest's UART on stdout and exits 0 at PSCI SYSTEM_OFF", () => {
    const { io, out, err } = recordingIo();
    expect(runCli(["bare", guest("idregs.bin"), "--load", "0x40080000"], io)).toBe(0);
    expect(out()).toBe(readFileSync(fileURLToPath(new URL("../../conformance/system/golden/idregs.out", import.meta.url)), "utf8"));
    expect(err()).toBe("");
  });

  it("reports a guest that cannot go on on stderr with status 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "sel4ts-bare-"));
    try {
      const file = join(dir, "udf.bin");
      writeFileSync(file, new Uint8Array(4)); // udf #0, with VBAR_EL1 = 0 (no vectors in RAM)
      const { io, err } = recordingIo();
      expect(runCli(["bare", file, "--load", "0x40000000", "--mem", "4M"], io)).toBe(1);
      expect(err()).toMatch(/^sel4ts-aarch64: instruction fetch from physical address 0x200 /);
      expect(err()).toContain("ESR 0x02000000 EC 0x00");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(["5G", "8G"])("runs with --mem %s (RAM above 4 GiB, made as the guest touches it)", (mem) => {
    const { io, out, err } = recordingIo();
    expect(runCli(["bare", guest("idregs.bin"), "--load", "0x40080000", "--mem", mem], io)).toBe(0);
    expect(out()).toBe(readFileSync(fileURLToPath(new URL("../../conformance/system/golden/idregs.out", import.meta.url)), "utf8"));
    expect(err()).toBe("");
  });

  it("refuses more RAM than the host has in one line, as QEMU does", () => {
    const { io, err } = recordingIo();
    const command = { kind: "bare" as const, file: guest("idregs.bin"), load: 0x40080000, entry: undefined, dtb: undefined, mem: 100 * 2 ** 30, trace: false, stats: false, jit: false, traceDiff: undefined };
    const readFile = (file: string) => new Uint8Array(readFileSync(file));
    expect(runBareCommand(command, io, readFile, "sel4ts-aarch64", 16 * 2 ** 30)).toBe(2);
    expect(err()).toBe("sel4ts-aarch64: --mem 100.0 GiB: cannot set up guest RAM larger than this host's memory (16.0 GiB)\n");
    const big = recordingIo();
    expect(runCli(["bare", guest("idregs.bin"), "--load", "0x40080000", "--mem", "100000G"], big.io)).toBe(2);
    expect(big.err()).toMatch(/^sel4ts-aarch64: --mem 100000\.0 GiB: cannot set up guest RAM larger than this host's memory \([\d.]+ GiB\)\n$/);
  });

  it("--trace-diff compares with a QEMU log: status 0 when all of it matched, 1 with both register files at a divergence, 2 for a missing log", () => {
    const trace = (name: string): string => fileURLToPath(new URL(`../trace/golden/${name}`, import.meta.url));
    const image = trace("bare-guest.bin");
    const good = recordingIo();
    expect(runCli(["bare", image, "--load", "0x40080000", "--trace-diff", trace("bare-guest.qemu.log")], good.io)).toBe(0);
    expect(good.out()).toBe("?3\n");
    expect(good.err()).toMatch(/^sel4ts-aarch64: trace-diff: all 46 instructions of QEMU's trace matched \(6 QEMU boot steps skipped;/);
    // The same log against the image loaded elsewhere: QEMU's steps never reach the core's entry.
    const moved = recordingIo();
    expect(runCli(["bare", image, "--load", "0x40100000", "--trace-diff", trace("bare-guest.qemu.log")], moved.io)).toBe(1);
    expect(moved.err()).toBe("sel4ts-aarch64: trace-diff: QEMU's trace never reaches the core's first PC (52 steps read)\n");
    const missing = recordingIo();
    expect(runCli(["bare", image, "--load", "0x40080000", "--trace-diff", "/nonexistent.log"], missing.io)).toBe(2);
    expect(missing.err()).toBe("sel4ts-aarch64: --trace-diff /nonexistent.log: no such file\n");
  });
});
