import { spawnSync } from "node:child_process";

/**
 * Tests only: whether a host tool (a cross assembler, dtc, QEMU) is installed, judged by
 * `<tool> --version` exiting 0. Tests that compare against such a tool skip without it.
 */
export function hasHostTool(tool: string): boolean {
  return spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0;
}
