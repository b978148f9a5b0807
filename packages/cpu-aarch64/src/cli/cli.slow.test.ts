// Spawns the real `sel4ts-aarch64` entry (through tsx, from source) with the committed fixtures,
// and, when qemu-aarch64-static is installed, checks that QEMU gives the same stdout and status.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../../", import.meta.url));
const cliEntry = fileURLToPath(new URL("./index.ts", import.meta.url));
const bin = (name: string): string => `src/user/fixtures/bin/${name}`;
/** What the wc fixture prints for a file: lines, words, bytes. */
function wcOf(path: string): string {
  const content = readFileSync(`${packageDir}${path}`, "utf8");
  return `${content.split("\n").length - 1} ${content.split(/[ \n\t\r]+/).filter((w) => w !== "").length} ${content.length}\n`;
}
const hasQemu = spawnSync("qemu-aarch64-static", ["--version"], { stdio: "ignore" }).status === 0;

function cli(args: string[], input = "") {
  const run = spawnSync(process.execPath, ["--import", "tsx", cliEntry, ...args], {
    cwd: packageDir,
    input,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", LANG: "C" },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function qemu(args: string[], input = "") {
  const run = spawnSync("qemu-aarch64-static", args, { cwd: packageDir, input, encoding: "utf8", env: { LANG: "C" } });
  // QEMU kills itself with the guest's signal; a shell would report 128 + its number.
  const status = run.status ?? 128 + (run.signal !== null ? constants.signals[run.signal] : 0);
  return { status, stdout: run.stdout };
}

const cases: Array<{ name: string; args: string[]; input?: string; stdout: string; status: number }> = [
  { name: "hello", args: [bin("hello")], stdout: "Hello, world!\n", status: 0 },
  { name: "static-pie hello", args: [bin("hello-pie")], stdout: "Hello, world!\n", status: 0 },
  { name: "args", args: [bin("args"), "a", "b c"], stdout: `${bin("args")}\na\nb c\n`, status: 3 },
  { name: "cat", args: [bin("cat")], input: "piped\ninput\n", stdout: "piped\ninput\n", status: 0 },
  { name: "C wc of a file", args: [bin("wc"), "src/user/fixtures/src/cat.S"], stdout: wcOf("src/user/fixtures/src/cat.S"), status: 0 },
  { name: "undefined instruction", args: [bin("undefined")], stdout: "before\n", status: 132 },
  { name: "segmentation fault", args: [bin("segv")], stdout: "", status: 139 },
  { name: "abort", args: [bin("abort")], stdout: "", status: 134 },
  { name: "breakpoint", args: [bin("breakpoint")], stdout: "", status: 133 },
  { name: "misaligned PC", args: [bin("misaligned-pc")], stdout: "", status: 135 },
];

describe("sel4ts-aarch64 user", () => {
  for (const c of cases) {
    it(`${c.name}: passes stdin, stdout and the exit status through`, () => {
      const ours = cli(["user", ...c.args], c.input);
      expect(ours.stdout).toBe(c.stdout);
      expect(ours.status).toBe(c.status);
      if (hasQemu) {
        const reference = qemu(c.args, c.input);
        expect({ stdout: ours.stdout, status: ours.status }).toEqual({ stdout: reference.stdout, status: reference.status });
      }
    });
  }

  it("reports the fault with PC, encoding and disassembly", () => {
    expect(cli(["user", bin("undefined")]).stderr).toMatch(/SIGILL: undefined instruction at pc 0x40008c: 0x00000000 udf/);
  });

  it("--strace, --trace and --stats write to stderr only", () => {
    const run = cli(["user", "--strace", "--trace", "--stats", bin("hello")]);
    expect(run.stdout).toBe("Hello, world!\n");
    expect(run.status).toBe(0);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^0000000000400078: d2800020 {2}mov\s+x0, #0x1$/);
    expect(lines).toContain('write(1, "Hello, world!\\n", 14) = 14');
    expect(lines.filter((l) => /^[0-9a-f]{16}: /.test(l))).toHaveLength(8);
    expect(lines.at(-1)).toMatch(/^sel4ts-aarch64: 8 instructions retired in \d+\.\d{3} s \([\d.]+ MIPS\)$/);
  });

  it("--help prints usage", () => {
    const run = cli(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: sel4ts-aarch64 user \[OPTIONS\] FILE/);
  });
});

describe("sel4ts-aarch64 refuses bad input with one line and status 2", () => {
  const refusals: Array<[string, string[], RegExp]> = [
    ["a missing file", ["user", "no-such-program"], /^sel4ts-aarch64: no-such-program: no such file\n$/],
    ["a directory", ["user", "src"], /^sel4ts-aarch64: src: not a file\n$/],
    ["a text file", ["user", "src/user/fixtures/src/hello.S"], /^sel4ts-aarch64: src\/user\/fixtures\/src\/hello\.S: not an ELF file/],
    ["an x86-64 executable", ["user", process.execPath], /: not an AArch64 executable \(e_machine 62 at offset 18/],
    [
      "a dynamically linked program",
      ["user", bin("hello-dynamic")],
      /: not a static executable \(dynamically linked, wants interpreter \/lib\/ld-linux-aarch64\.so\.1\)\n$/,
    ],
    ["an unknown option", ["user", "--fast", bin("hello")], /^sel4ts-aarch64: unknown option --fast/],
    ["no command", [], /^sel4ts-aarch64: missing command/],
  ];
  for (const [what, args, message] of refusals) {
    it(what, () => {
      const run = cli(args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    });
  }
});
