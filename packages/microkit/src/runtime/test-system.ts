// Test helper: builds and runs a system from inline SDF and programs, collecting the console.
import { parseSdf } from "../sdf/parse.js";
import type { MicrokitProgram } from "./program.js";
import { buildSystem, type MicrokitSystem } from "./system.js";

export interface TestRun {
  readonly system: MicrokitSystem;
  /** the kernel's debug console: PD output and the monitor */
  output(): string;
  /** kernel debug lines */
  readonly log: string[];
}

/** Wraps `body` in <system> and builds it (not yet run). */
export function testSystem(body: string, programs: Record<string, MicrokitProgram>): TestRun {
  let out = "";
  const log: string[] = [];
  const system = buildSystem(parseSdf("test.system", `<system>${body}</system>`), programs, {
    kernel: { consoleOutput: (text) => (out += text), log: (line) => log.push(line) },
  });
  return { system, output: () => out, log };
}

export const pd = (name: string, attributes = "", inner = "") =>
  `<protection_domain name="${name}" ${attributes}><program_image path="${name}"/>${inner}</protection_domain>`;
