/** The `--stats` line: instructions, MIPS, wall and virtual time, boots, and VM exits by class. */

/** What a finished run reports (LinuxRunResult plus the wall time). */
export interface RunStatsInput {
  readonly outcome: string;
  readonly instructions: number;
  readonly wallSeconds: number;
  readonly virtualNs: number;
  /** Boots of the guest: 1 + the reboots done (PSCI SYSTEM_RESET). */
  readonly boots: number;
  /** VM exits by class, as LinuxVmm counts them. */
  readonly exits: Readonly<Record<string, number>>;
}

/** Millions of instructions per second (0 for a run too short to time). */
export function mips(instructions: number, seconds: number): number {
  return seconds > 0 ? instructions / seconds / 1e6 : 0;
}

/**
 * One line, e.g. `[linux] powered-off: 896000000 instructions in 96.0 s (9.33 MIPS), virtual 4.21 s,
 * 1 boot; exits: 602 (VCPUFault (SMC) 300, ...)`: exits most frequent first, zero classes left out.
 */
export function formatRunStats(stats: RunStatsInput): string {
  const counted = Object.entries(stats.exits).filter(([, count]) => count > 0);
  const exits = counted
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  const total = counted.reduce((sum, [, count]) => sum + count, 0);
  return (
    `[linux] ${stats.outcome}: ${stats.instructions} instructions in ${stats.wallSeconds.toFixed(1)} s ` +
    `(${mips(stats.instructions, stats.wallSeconds).toFixed(2)} MIPS), virtual ${(stats.virtualNs / 1e9).toFixed(2)} s, ` +
    `${stats.boots} boot${stats.boots === 1 ? "" : "s"}; exits: ${total === 0 ? "none" : `${total} (${exits})`}`
  );
}
