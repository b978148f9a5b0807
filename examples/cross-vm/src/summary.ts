/** The report the example prints after a run: deterministic lines, then the wall-clock line. */
import { format_guest_error_report } from "@sel4ts/libsel4vm";
import type { CrossVmResult } from "./vmm";

/** What the summary reports of a run (of either VMM). */
export type RunSummary = Pick<CrossVmResult, "events" | "instructions" | "exits" | "virtualNs" | "error"> & { readonly outcome: string };

/** The summary of a run; everything here is the same on every run. */
export function formatSummary(result: RunSummary): string[] {
  const exits = Object.entries(result.exits)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  const lines = [
    "--- cross-vm summary ---",
    `outcome:        ${result.outcome}`,
    `events:         ${result.events.emitted} guest -> component, ${result.events.consumed} component -> guest`,
    `instructions:   ${result.instructions}`,
    `exits:          ${exits || "none"}`,
    `virtual time:   ${(result.virtualNs / 1e6).toFixed(6)} ms`,
  ];
  if (result.error) lines.push(...format_guest_error_report(result.error));
  return lines;
}

/** The wall-clock line (not part of the transcript: it differs between runs). */
export function formatWallTime(wallMs: number): string {
  return `wall time:      ${wallMs.toFixed(1)} ms`;
}

/** What a run prints, less the wall-clock line: the guest's and the component's output, then the summary. */
export function transcript(result: CrossVmResult): string {
  return `${result.output}\n${formatSummary(result).join("\n")}\n`;
}
