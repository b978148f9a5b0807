/** The report the example prints after a run: deterministic lines, then the wall-clock line. */
import { format_guest_error_report } from "@sel4ts/libsel4vm";
import type { HelloGuestResult } from "./vmm";

/**
 * The summary of a run: outcome, instructions retired, exits by kind, vm_run returns, virtual
 * time, and libsel4vm's report when the VM was stopped. Everything here is the same on every run.
 */
export function formatSummary(result: HelloGuestResult): string[] {
  const exits = Object.entries(result.exits)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  const lines = [
    "--- hello-guest summary ---",
    `outcome:        ${result.outcome}`,
    `instructions:   ${result.instructions}`,
    `exits:          ${exits || "none"}`,
    `vm_run returns: ${result.vmRunReturns}`,
    `virtual time:   ${(result.virtualNs / 1e6).toFixed(6)} ms`,
  ];
  if (result.error) lines.push(...format_guest_error_report(result.error));
  return lines;
}

/** The wall-clock lines (not part of the transcript: they differ between runs): time and speed. */
export function formatWallTime(wallMs: number, instructions: number): string {
  return `wall time:      ${wallMs.toFixed(1)} ms\nspeed:          ${formatMips(instructions, wallMs)} MIPS`;
}

/** Millions of guest instructions per wall-clock second, with one decimal. */
export function formatMips(instructions: number, wallMs: number): string {
  return wallMs > 0 ? (instructions / wallMs / 1000).toFixed(1) : "0.0";
}

/** What a run prints, less the wall-clock line: the guest's UART output, then the summary. */
export function transcript(result: HelloGuestResult): string {
  return `${result.uart}\n${formatSummary(result).join("\n")}\n`;
}
