import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./args.js";

describe("parseCliArgs", () => {
  it("takes options before FILE and passes everything after it to the program", () => {
    expect(parseCliArgs(["user", "--strace", "--stats", "prog", "--trace", "-x", "y"])).toEqual({
      kind: "user",
      file: "prog",
      args: ["--trace", "-x", "y"],
      trace: false,
      strace: true,
      stats: true,
      hostClock: false,
      jit: true,
      seed: undefined,
    });
  });

  it("translates hot code unless --no-jit (the last of --jit and --no-jit wins)", () => {
    expect(parseCliArgs(["user", "p"])).toMatchObject({ kind: "user", jit: true });
    expect(parseCliArgs(["user", "--no-jit", "p"])).toMatchObject({ kind: "user", jit: false });
    expect(parseCliArgs(["--no-jit", "user", "--jit", "p"])).toMatchObject({ kind: "user", jit: true });
    expect(parseCliArgs(["--jit", "user", "--no-jit", "p"])).toMatchObject({ kind: "user", jit: false });
  });

  it("accepts options before the command, --seed in both spellings and -- before FILE", () => {
    expect(parseCliArgs(["--trace", "user", "--seed", "7", "--", "-weird-name"])).toMatchObject({
      kind: "user",
      file: "-weird-name",
      trace: true,
      seed: 7,
    });
    expect(parseCliArgs(["user", "--seed=0x10", "p"])).toMatchObject({ seed: 16 });
    expect(parseCliArgs(["user", "--host-clock", "p"])).toMatchObject({ hostClock: true, file: "p" });
  });

  it("asks for help", () => {
    expect(parseCliArgs(["--help"])).toEqual({ kind: "help" });
    expect(parseCliArgs(["user", "-h"])).toEqual({ kind: "help" });
  });

  it("reports usage errors in one line", () => {
    expect(parseCliArgs([])).toEqual({ kind: "usageError", message: 'missing command (expected "user" or "bare")' });
    expect(parseCliArgs(["user"])).toEqual({ kind: "usageError", message: "missing FILE" });
    expect(parseCliArgs(["run", "x"])).toEqual({ kind: "usageError", message: 'unknown command run (expected "user" or "bare")' });
    expect(parseCliArgs(["user", "--bogus", "x"])).toEqual({ kind: "usageError", message: "unknown option --bogus" });
    expect(parseCliArgs(["user", "--seed", "x", "p"])).toMatchObject({ kind: "usageError" });
  });
});
