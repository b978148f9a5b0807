// The bare-metal system guests (conformance/system/) on our CPU must print over the PL011 exactly
// what they print under qemu-system-aarch64 -M virt -cpu cortex-a53 (conformance/system/golden/).
// Also: the committed artefacts are consistent (always), the binaries are what build.sh makes
// (where the cross toolchain is installed) and the goldens are what QEMU prints (where
// qemu-system-aarch64 is installed). CI runs from the committed files only.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, assert, describe, expect, it } from "vitest";
import * as cpu from "../src/index";
import { parseElf } from "../src/index";

/** Absolute path of `packages/cpu-aarch64/conformance/system/`. */
const systemDir = fileURLToPath(new URL("../conformance/system/", import.meta.url));

/** Where every guest is linked, loaded and entered (src/guest.ld). */
const LOAD_ADDRESS = 0x4008_0000;
/** The QEMU machine's RAM (-m 128). */
const MEM_SIZE = 128 * 1024 * 1024;
/** Far above what any guest needs (the largest runs a few hundred thousand instructions). */
const MAX_INSTRUCTIONS = 50_000_000;
/** Lines shown either side of the first differing line. */
const CONTEXT_LINES = 3;

/** The runner contract of SYSTEM.md ("Bare-metal runner and system conformance"). */
type RunBareMetal = (options: {
  image: Uint8Array;
  loadAddress: number;
  entry?: number;
  dtb?: Uint8Array;
  memSize?: number;
  maxInstructions?: number;
  uart?: (byte: number) => void;
}) => { exitCode: number; uart: Uint8Array; instructions: number; reason: string };

// runBareMetal is exported since the system level was wired into the core; the guard stays so
// that a build without it reports a skip rather than a crash (the only skip not keyed on a tool).
const runBareMetal = (cpu as Record<string, unknown>).runBareMetal as RunBareMetal | undefined;

/** Guest names: every `bin/<name>.bin`, sorted. */
function guestNames(): string[] {
  return readdirSync(join(systemDir, "bin"))
    .filter((file) => file.endsWith(".bin"))
    .map((file) => file.slice(0, -".bin".length))
    .sort();
}

function readGolden(name: string): string {
  return readFileSync(join(systemDir, "golden", `${name}.out`), "utf8");
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Where two transcripts first differ, as a report: the line number, the expected (golden) and
 * actual line and the lines around it, the actual side labelled `actualSource`. Null when equal.
 */
function describeTranscriptDifference(expected: string, actual: string, actualSource = "our CPU"): string | null {
  if (expected === actual) return null;
  const want = expected.split("\n");
  const got = actual.split("\n");
  let line = 0;
  while (line < want.length && line < got.length && want[line] === got[line]) line++;
  const show = (lines: string[], from: number, to: number): string =>
    lines
      .slice(from, to)
      .map((text, i) => `  ${String(from + i + 1).padStart(4)}| ${text}`)
      .join("\n");
  const from = Math.max(0, line - CONTEXT_LINES);
  const missing = (lines: string[]): string => (line < lines.length ? JSON.stringify(lines[line]) : "<end of transcript>");
  return [
    `first difference at line ${line + 1}:`,
    `  expected ${missing(want)}`,
    `  actual   ${missing(got)}`,
    "expected (QEMU):",
    show(want, from, line + CONTEXT_LINES + 1),
    `actual (${actualSource}):`,
    show(got, from, line + CONTEXT_LINES + 1),
  ].join("\n");
}

function installed(tool: string): boolean {
  return spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0;
}

const hasToolchain = ["aarch64-linux-gnu-as", "aarch64-linux-gnu-ld", "aarch64-linux-gnu-objcopy"].every(installed);
const hasQemu = installed("qemu-system-aarch64") && installed("timeout");

const scratch = mkdtempSync(join(tmpdir(), "sel4ts-system-guests-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("transcript difference report", () => {
  it("is null for equal transcripts", () => {
    expect(describeTranscriptDifference("a\nb\n", "a\nb\n")).toBeNull();
  });

  it("names the first differing line with context from both sides", () => {
    const expected = ["l1", "l2", "l3", "l4", "esr=0x96000007", "l6", ""].join("\n");
    const actual = ["l1", "l2", "l3", "l4", "esr=0x96000047", "l6", ""].join("\n");
    const report = describeTranscriptDifference(expected, actual) ?? "";
    expect(report).toContain("first difference at line 5:");
    expect(report).toContain('expected "esr=0x96000007"');
    expect(report).toContain('actual   "esr=0x96000047"');
    expect(report).toContain("     2| l2");
    expect(report).not.toContain("     1| l1");
    expect(report).toContain("actual (our CPU):");
  });

  it("reports a transcript that stops early", () => {
    const report = describeTranscriptDifference("a\nb\ndone\n", "a\nb") ?? "";
    expect(report).toContain("first difference at line 3:");
    expect(report).toContain("actual   <end of transcript>");
  });
});

describe("system guest artefacts", () => {
  it("has every guest, each with its source, ELF, raw image and golden", () => {
    const names = guestNames();
    assert.deepEqual(names, ["exceptions", "fpaccess", "idregs", "mmu", "pstate", "timer"]);
    const sources = readdirSync(join(systemDir, "src"))
      .filter((file) => file.endsWith(".S") && file !== "boot.S")
      .map((file) => file.slice(0, -".S".length))
      .sort();
    assert.deepEqual(sources, names, "every src/<name>.S has committed binaries");
    for (const name of names) {
      for (const file of [`bin/${name}.elf`, `golden/${name}.out`]) {
        assert.ok(existsSync(join(systemDir, file)), `${file} is missing: run conformance/system/regenerate.sh`);
      }
      const golden = readGolden(name);
      assert.match(golden, /^boot: CurrentEL=0x0000000000000001\n/, `${name}: QEMU started the guest at EL1`);
      assert.match(golden, /\ndone\n$/, `${name}: the guest ran to its end under QEMU`);
    }
  });

  it("each raw image is its ELF's loadable bytes at 0x40080000, entered at its first byte", () => {
    for (const name of guestNames()) {
      const elf = new Uint8Array(readFileSync(join(systemDir, "bin", `${name}.elf`)));
      const raw = new Uint8Array(readFileSync(join(systemDir, "bin", `${name}.bin`)));
      const parsed = parseElf(elf, `${name}.elf`);
      assert.strictEqual(parsed.entry, LOAD_ADDRESS, `${name}: entry point`);
      const loads = parsed.segments.filter((segment) => segment.type === 1 && segment.fileSize > 0);
      assert.isNotEmpty(loads, `${name}: has a PT_LOAD segment`);
      for (const segment of loads) {
        const at = segment.vaddr - LOAD_ADDRESS;
        assert.isAtLeast(at, 0, `${name}: segment below the load address`);
        const bytes = elf.subarray(segment.offset, segment.offset + segment.fileSize);
        assert.ok(sameBytes(raw.subarray(at, at + segment.fileSize), bytes), `${name}: raw image differs from the ELF at +0x${at.toString(16)}`);
      }
    }
  });

  it.skipIf(!hasToolchain)("the committed binaries are what build.sh makes from the sources", () => {
    const out = join(scratch, "bin");
    const run = spawnSync("sh", [join(systemDir, "build.sh"), out], { encoding: "utf8" });
    assert.strictEqual(run.status, 0, run.stderr);
    const built = readdirSync(out).sort();
    assert.deepEqual(built, readdirSync(join(systemDir, "bin")).sort());
    for (const file of built) {
      const fresh = new Uint8Array(readFileSync(join(out, file)));
      const kept = new Uint8Array(readFileSync(join(systemDir, "bin", file)));
      assert.ok(sameBytes(fresh, kept), `bin/${file} does not match its sources: run conformance/system/regenerate.sh`);
    }
  });

  it.skipIf(!hasQemu)(
    "the goldens are what qemu-system-aarch64 prints",
    () => {
      for (const name of guestNames()) {
        const run = spawnSync("sh", [join(systemDir, "run-qemu.sh"), join(systemDir, "bin", `${name}.elf`)], {
          encoding: "utf8",
          maxBuffer: 1024 * 1024,
        });
        assert.strictEqual(run.status, 0, `${name}: QEMU failed: ${run.stderr}`);
        const difference = describeTranscriptDifference(readGolden(name), run.stdout, "QEMU now");
        assert.isNull(difference, `${name}: QEMU's transcript differs from golden/${name}.out\n${difference}`);
      }
    },
    120_000,
  );
});

describe.skipIf(runBareMetal === undefined)(
  "system guests match QEMU system mode",
  () => {
    it.each(guestNames())("%s", (name) => {
      const run = runBareMetal as RunBareMetal;
      const result = run({
        image: new Uint8Array(readFileSync(join(systemDir, "bin", `${name}.bin`))),
        loadAddress: LOAD_ADDRESS,
        entry: LOAD_ADDRESS,
        memSize: MEM_SIZE,
        maxInstructions: MAX_INSTRUCTIONS,
      });
      const transcript = new TextDecoder().decode(result.uart);
      const difference = describeTranscriptDifference(readGolden(name), transcript);
      assert.isNull(difference, `${name} (stopped: ${result.reason}, ${result.instructions} instructions)\n${difference}`);
      assert.strictEqual(result.exitCode, 0, `${name}: exit code (reason: ${result.reason})`);
    });
  },
);
