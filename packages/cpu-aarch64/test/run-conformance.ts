// Running a conformance program on our CPU through the Linux user-mode runner and comparing the
// result with QEMU's golden.
import { runLinuxUserProgram } from "../src/index";
import type { ConformanceProgram } from "./conformance-programs";
import { describeOutputMismatch } from "./dump-diff";

/** Far above what any program needs (the biggest retires about 6 million instructions), so a CPU
 * bug that loops forever ends the test instead of hanging it. */
export const MAX_INSTRUCTIONS = 200_000_000;

const decoder = new TextDecoder();

/** Runs `program` as `argv = [name]` with an empty stdin and environment; null when stdout and
 * the exit status match the golden, otherwise a report of every difference (see
 * describeOutputMismatch) with the program's stderr. */
export function checkProgram(program: ConformanceProgram): string | null {
  const result = runLinuxUserProgram({ image: program.image, argv: [program.name], maxInstructions: MAX_INSTRUCTIONS });
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
