/** The statistics table: instructions, MIPS, virtual time, VM exits by class, IRQs injected. */
import { formatMips } from "@sel4ts-examples/hello-guest";
import type { RunStats } from "./protocol";

/** Exit classes in the order shown, with their labels (vm_run's exit_counts keys). */
const EXIT_CLASSES: readonly [string, string][] = [
  ["abort", "memory faults (abort)"],
  ["vcpu", "vCPU faults (SMC, WFI)"],
  ["vppi", "virtual timer PPIs"],
  ["vgic_maintenance", "vGIC maintenance"],
  ["notification", "notifications"],
  ["syscall", "hypercalls"],
  ["user_exception", "user exceptions"],
  ["unknown", "unknown"],
];

export const EMPTY_STATS: RunStats = { instructions: 0, busyMs: 0, virtualNs: 0, exits: {}, irqsInjected: 0 };

export function renderStats(table: HTMLTableElement, stats: RunStats): void {
  const exits = EXIT_CLASSES.map(([key, label]) => [label, stats.exits[key] ?? 0] as const);
  const total = exits.reduce((sum, [, n]) => sum + n, 0);
  const rows: [string, string, string?][] = [
    ["instructions", stats.instructions.toLocaleString("en-US"), "instructions"],
    // Below a million instructions the run is too short for its speed to mean anything.
    ["MIPS", stats.instructions < 1_000_000 ? "–" : formatMips(stats.instructions, stats.busyMs), "mips"],
    ["virtual time", `${(stats.virtualNs / 1e6).toFixed(3)} ms`],
    ["VM exits", total.toLocaleString("en-US"), "exits"],
    ...exits.map(([label, n]): [string, string] => [label, n.toLocaleString("en-US")]),
    ["IRQs injected", stats.irqsInjected.toLocaleString("en-US"), "irqs"],
  ];
  table.replaceChildren(
    ...rows.map(([label, value, id], i) => {
      const row = document.createElement("tr");
      if (i >= 4 && i < 4 + exits.length) row.className = "sub";
      const name = document.createElement("td");
      name.textContent = label;
      const cell = document.createElement("td");
      cell.textContent = value;
      if (id) cell.dataset.stat = id;
      row.append(name, cell);
      return row;
    }),
  );
}
