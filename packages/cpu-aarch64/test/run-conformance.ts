// Running a conformance program on our CPU through the Linux user-mode runner and comparing the
// result with QEMU's golden.
import type { ConformanceProgram } from "./conformance-programs";
import { describeOutputMismatch } from "./dump-diff";

/** What `runLinuxUserProgram` returns (see ARCHITECTURE.md, "User-mode runner"). */
export interface UserRunResult {
  exitCode: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  instructions: number;
}

/** The part of `runLinuxUserProgram`'s signature the conformance tests use. */
export type UserProgramRunner = (options: { image: Uint8Array; argv: string[]; maxInstructions?: number }) => UserRunResult;

/** Far above what any program needs (the biggest runs a few million instructions), so a CPU bug
 * that loops forever ends the test instead of hanging it. */
export const MAX_INSTRUCTIONS = 200_000_000;

/**
 * The package's `runLinuxUserProgram`, or null while the package does not export it yet (the
 * runner is being built alongside these tests; the suites skip until it lands).
 */
export async function findRunner(): Promise<UserProgramRunner | null> {
  const exports = (await import("../src/index")) as Record<string, unknown>;
  const runner = exports["runLinuxUserProgram"];
  return typeof runner === "function" ? (runner as UserProgramRunner) : null;
}

const decoder = new TextDecoder();

/** Runs `program` as `argv = [name]`; null when stdout and the exit status match the golden,
 * otherwise a report of every difference (see describeOutputMismatch). */
export function checkProgram(run: UserProgramRunner, program: ConformanceProgram): string | null {
  const result = run({ image: program.image, argv: [program.name], maxInstructions: MAX_INSTRUCTIONS });
  const stdout = decoder.decode(result.stdout);
  const problems: string[] = [];
  if (result.exitCode !== program.expectedExitCode) {
    problems.push(`exit status: expected ${program.expectedExitCode}, actual ${result.exitCode}`);
  }
  const mismatch = describeOutputMismatch(program.expectedStdout, stdout, program.source);
  if (mismatch) problems.push(mismatch);
  if (problems.length === 0) return null;
  const stderr = decoder.decode(result.stderr).trim();
  if (stderr) problems.push(`stderr of our run:\n${stderr}`);
  problems.push(`(${result.instructions} instructions retired)`);
  return `${program.name}: ${problems.join("\n")}`;
}
