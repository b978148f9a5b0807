// The figures of one `pnpm bench` run and their comparison with the previous run.
// Each package's bench writes bench-results/<package>.json in its own shape; a figure is any
// numeric leaf, named by its path (array elements by their `name` or `mode` when they have one).

/** Numeric figures of one run, by path ("sel4-kernel-sim › results › Call/ReplyRecv round trip › perCpuSecond"). */
export type Figures = Record<string, number>;

/** One history entry (bench-results/history/<time>.json). */
export interface HistoryEntry {
  readonly date: string;
  /** The git commit the run measured (null outside a checkout). */
  readonly commit: string | null;
  readonly figures: Figures;
}

/** Keys that describe a run rather than measure it. */
const SKIPPED = new Set(["date", "node", "package"]);

/** The numeric leaves of `value`, prefixed by `path`, into `out`. */
export function flatten(value: unknown, path: string, out: Figures = {}): Figures {
  if (typeof value === "number") {
    if (Number.isFinite(value)) out[path] = value;
  } else if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => {
      const label = item !== null && typeof item === "object" ? ((item as { name?: unknown; mode?: unknown }).name ?? (item as { mode?: unknown }).mode) : undefined;
      flatten(item, `${path} › ${typeof label === "string" ? label : String(i)}`, out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) if (!SKIPPED.has(key)) flatten(child, path === "" ? key : `${path} › ${key}`, out);
  }
  return out;
}

/** Formats a figure: integers and large values as whole numbers, small ones with 4 significant digits. */
function show(value: number | undefined): string {
  if (value === undefined) return "-";
  return Number.isInteger(value) || Math.abs(value) >= 1000 ? String(Math.round(value)) : String(Number(value.toPrecision(4)));
}

/** One line per figure of `current`: its previous value, the current one and the change. */
export function compare(previous: Figures | null, current: Figures): string[] {
  const names = Object.keys(current);
  const width = Math.min(90, Math.max(6, ...names.map((n) => n.length)));
  const lines = [`${"figure".padEnd(width)}  ${"previous".padStart(12)}  ${"current".padStart(12)}  change`];
  for (const name of names) {
    const now = current[name]!;
    const before = previous?.[name];
    const change = before === undefined || before === 0 ? "" : `${now >= before ? "+" : ""}${(((now - before) / Math.abs(before)) * 100).toFixed(1)}%`;
    lines.push(`${name.padEnd(width)}  ${show(before).padStart(12)}  ${show(now).padStart(12)}  ${change}`);
  }
  return lines;
}
