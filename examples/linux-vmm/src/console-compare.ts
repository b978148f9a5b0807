/**
 * The console of the default guest under this VMM beside QEMU's (`qemu-system-aarch64 -M virt -cpu
 * cortex-a53 -m 512`), timestamps stripped: where they differ for a known reason
 * ({@link QEMU_DIFFERENCES}, golden/README.md explains each), and a line diff that names the reason
 * of each differing line or calls it unexplained (consoles with timestamps stripped:
 * console-session.ts's stripTimestamps). The boot test (src/linux-boot.slow.test.ts) and
 * `pnpm compare-qemu` share it.
 */
import { diffArrays } from "diff";

/** One known difference: lines only QEMU prints, or a pattern whose text is normalised on both sides. */
export interface KnownDifference {
  readonly why: string;
  /** Lines only QEMU's console has (dropped from it before comparing). */
  readonly qemuOnly?: RegExp;
  /** Text replaced on both sides (pattern with the `g` and, for `^`/`$`, `m` flags; replacement). */
  readonly normalise?: readonly [RegExp, string];
}

/** Why the two consoles differ (each seen in real logs; golden/README.md). */
export const QEMU_DIFFERENCES: readonly KnownDifference[] = [
  { why: "device: QEMU's GIC has the GICv2m MSI frame, which our DTB does not describe", qemuOnly: /^GICv2m: / },
  { why: "CPU model: QEMU's cortex-a53 implements AArch32 at EL0/EL1; the simulated CPU is AArch64 only", qemuOnly: /^CPU features: detected: 32-bit EL[01] Support$/ },
  { why: "device: QEMU's DTB has a PMU node; the simulated CPU has no PMU", qemuOnly: /^hw perfevents: / },
  { why: "devices: QEMU's DTB has a PL061 GPIO, PCIe and a PL031 RTC; ours has none of them", qemuOnly: /^pl061_gpio |^pci|^rtc-pl031 / },
  {
    why: "memory layout: QEMU's DTB is larger, so memblock's early allocations (NODE_DATA) move",
    normalise: [/^NUMA: NODE_DATA \[mem .*\]$/gm, "NUMA: NODE_DATA [mem <address>]"],
  },
  { why: "memory layout: the reserved total differs by about 1 MiB (QEMU's larger DTB)", normalise: [/ \d+K reserved,/g, " <n>K reserved,"] },
  { why: "memory layout: free memory at boot sizes rootfs and devtmpfs (mount)", normalise: [/(size=)\d+k(,nr_inodes=)\d+/g, "$1<n>k$2<n>"] },
  { why: "timing: a wall-clock duration", normalise: [/^node 0 deferred pages initialised in \d+ms$/gm, "node 0 deferred pages initialised in <n>ms"] },
  {
    why: "CPU model: QEMU's cortex-a53 runs AArch32 at EL0, so it emulates SETEND",
    normalise: [/^(Registered setend emulation handler|setend instruction emulation is not supported on this system)$/gm, "<setend: AArch32 EL0>"],
  },
  { why: "timing: where the audit line falls", normalise: [/^audit: type=2000 .*\n/gm, ""] },
];

/** The console with the known differences taken out: QEMU-only lines dropped (from QEMU's), the rest normalised. */
export function comparable(console: string, machine: "qemu" | "sel4ts", known: readonly KnownDifference[] = QEMU_DIFFERENCES): string {
  let lines = console.split("\n");
  if (machine === "qemu") lines = lines.filter((line) => !known.some((k) => k.qemuOnly?.test(line)));
  let text = lines.join("\n");
  for (const k of known) if (k.normalise) text = text.replace(k.normalise[0], k.normalise[1]);
  return text;
}

/** The known difference that explains `line` of one console, or null. */
export function explain(line: string, known: readonly KnownDifference[] = QEMU_DIFFERENCES): KnownDifference | null {
  return (
    known.find((k) => {
      if (k.qemuOnly?.test(line)) return true;
      if (!k.normalise) return false;
      const pattern = new RegExp(k.normalise[0].source, k.normalise[0].flags.replace("g", ""));
      return pattern.test(`${line}\n`);
    }) ?? null
  );
}

/** One run of differing lines. */
export interface ConsoleHunk {
  /** Index of the hunk's first line in our console (0-based). */
  readonly at: number;
  readonly ours: readonly string[];
  readonly qemu: readonly string[];
  /** The reasons found for its lines. */
  readonly why: readonly string[];
  /** Lines no known difference explains. */
  readonly unexplained: readonly string[];
}

/** A line diff of our console (timestamps stripped) with QEMU's: lines the same, and the differing runs with their reasons. */
export function compareConsoles(ours: string, qemu: string, known: readonly KnownDifference[] = QEMU_DIFFERENCES): { same: number; hunks: ConsoleHunk[] } {
  const lines = (text: string) => text.replace(/\n+$/, "").split("\n");
  let same = 0;
  let at = 0;
  const hunks: ConsoleHunk[] = [];
  let pending: { at: number; ours: string[]; qemu: string[] } | null = null;
  const flush = () => {
    if (pending === null) return;
    const why = new Set<string>();
    const unexplained: string[] = [];
    for (const line of [...pending.ours, ...pending.qemu]) {
      const reason = explain(line, known);
      if (reason) why.add(reason.why);
      else unexplained.push(line);
    }
    hunks.push({ ...pending, why: [...why], unexplained });
    pending = null;
  };
  for (const part of diffArrays(lines(ours), lines(qemu))) {
    if (!part.added && !part.removed) {
      flush();
      same += part.value.length;
      at += part.value.length;
      continue;
    }
    pending ??= { at, ours: [], qemu: [] };
    if (part.removed) {
      pending.ours.push(...part.value);
      at += part.value.length;
    } else {
      pending.qemu.push(...part.value);
    }
  }
  flush();
  return { same, hunks };
}
