import { Command, CommanderError, InvalidArgumentError } from "commander";
import { MicrokitError, SdfError, formatSystemReport } from "../index.js";
import { loadSystemFile } from "./files.js";

/** Where the CLI writes; tests pass strings collectors, the bin passes process.stdout/stderr. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 256) throw new InvalidArgumentError("expected a number of cores from 1 to 256");
  return value;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * `sel4ts-microkit check|run …`. Returns the exit status; never throws for bad input (a system
 * file error prints the Microkit-style message and returns 1).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let status = 0;
  const program = new Command("sel4ts-microkit")
    .description("Microkit systems on the sel4ts kernel sim: check a .system file, or build and run it")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  program
    .command("check")
    .description("validate a Microkit system description and print what it describes")
    .argument("<file>", "the .system file")
    .option("--cores <n>", "CPU cores of the target", positiveInteger, 1)
    .option("--search-path <dir>", "where prefill_path files are looked for (repeatable)", collect, [])
    .action((file: string, options: { cores: number; searchPath: string[] }) => {
      const system = loadSystemFile(file, { cores: options.cores, searchPaths: options.searchPath });
      io.stdout(formatSystemReport(system, options.cores));
    });

  program
    .command("run")
    .description("build the system on the kernel sim and run it; each program_image names a JS/TS module")
    .argument("<file>", "the .system file")
    .option("--cores <n>", "CPU cores of the target", positiveInteger, 1)
    .option("--search-path <dir>", "where program images are looked for (repeatable)", collect, [])
    .action(async (file: string, options: { cores: number; searchPath: string[] }) => {
      const { runSystemFile } = await import("./run.js");
      status = await runSystemFile(file, { cores: options.cores, searchPaths: options.searchPath, output: io.stdout, errors: io.stderr });
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof SdfError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    if (error instanceof MicrokitError) {
      io.stderr(`Error: ${error.message}\n`);
      return 1;
    }
    const err = error as NodeJS.ErrnoException;
    io.stderr(`sel4ts-microkit: error: ${err.code === "ENOENT" ? `no such file: '${err.path}'` : err.message}\n`);
    return 1;
  }
}
