// End to end: `pnpm linux` boots the default guest (Debian's kernel and busybox initramfs from
// `pnpm guest-images`), golden/commands.sh is typed into its shell one line per prompt, and the
// console is compared with QEMU's for the same images and commands (golden/README.md). One boot,
// one to several minutes on a loaded machine.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cachedGuestImages } from "@sel4ts-tools/guest-images";
import { describe, expect, it } from "vitest";
import { SHELL_PROMPT, runConsoleSession, scriptLines, stripTimestamps } from "./console-session.js";

const golden = (name: string) => readFileSync(fileURLToPath(new URL(`../golden/${name}`, import.meta.url)), "utf8");
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const images = cachedGuestImages();
const ci = process.env.CI === "true";
/** SEL4TS_JIT=1 boots with --jit (cpu-aarch64's block translator), which must print the same console. */
const jit = process.env.SEL4TS_JIT === "1";
const MISSING = "no guest images: run `pnpm guest-images` first (it fetches Debian's kernel and busybox with apt; .ci/run does before pnpm test)";

/** The images the QEMU golden was made with (golden/images.json). */
const goldenImages = JSON.parse(golden("images.json")) as { kernelPackage: string; kernelVersion: string; busyboxVersion: string };
const sameImages = images !== null && images.kernelPackage === goldenImages.kernelPackage && images.kernelVersion === goldenImages.kernelVersion && images.busyboxVersion === goldenImages.busyboxVersion;

/**
 * Where the two consoles differ for a known reason (golden/README.md explains each): lines that
 * only QEMU's machine prints (devices our DTB does not describe, CPU features the simulated CPU
 * lacks), lines whose numbers depend on memory layout or timing (normalised on both sides), and the
 * audit line, whose place in the log depends on timing (dropped on both sides).
 */
const QEMU_ONLY = [
  /^GICv2m: /, // QEMU's GIC has the v2m MSI frame
  /^CPU features: detected: 32-bit EL[01] Support$/, // QEMU's cortex-a53 implements AArch32
  /^hw perfevents: /, // a PMU node
  /^pl061_gpio /, /^pci/, /^rtc-pl031 /, // PL061 GPIO, PCIe, PL031 RTC
];
const NORMALISE: readonly [RegExp, string][] = [
  [/^NUMA: NODE_DATA \[mem .*\]$/gm, "NUMA: NODE_DATA [mem <address>]"], // the DTBs' sizes differ, so memblock's allocations shift
  [/ \d+K reserved,/g, " <n>K reserved,"], // the same
  [/(size=)\d+k(,nr_inodes=)\d+/g, "$1<n>k$2<n>"], // free memory at boot: the same
  [/^node 0 deferred pages initialised in \d+ms$/gm, "node 0 deferred pages initialised in <n>ms"],
  [/^hw-breakpoint: found \d+ breakpoint and \d+ watchpoint registers\.$/gm, "hw-breakpoint: <ID_AA64DFR0_EL1>"], // QEMU: 6 and 4; the simulated CPU: 2 and 2
  [/^(Registered setend emulation handler|setend instruction emulation is not supported on this system)$/gm, "<setend: AArch32 EL0>"],
  [/^audit: type=2000 .*\n/gm, ""],
];

function comparable(console: string, machine: "qemu" | "sel4ts"): string {
  let lines = console.split("\n");
  if (machine === "qemu") lines = lines.filter((line) => !QEMU_ONLY.some((pattern) => pattern.test(line)));
  let text = lines.join("\n");
  for (const [pattern, replacement] of NORMALISE) text = text.replace(pattern, replacement);
  return text;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("pnpm linux boots the default guest", () => {
  if (images === null) {
    if (ci) it("has the guest images", () => expect.fail(MISSING));
    else {
      process.stderr.write(`linux-boot.slow.test.ts: skipped: ${MISSING}\n`);
      it.skip(`(skipped: ${MISSING})`, () => {});
    }
    return;
  }

  it("runs golden/commands.sh in the shell, powers off with status 0 and prints QEMU's console", async () => {
    const commands = scriptLines(golden("commands.sh"));
    const run = await runConsoleSession(process.execPath, ["--import", "tsx", "src/main.ts", "--stats", ...(jit ? ["--jit"] : [])], commands, { cwd: packageDir, timeoutMs: 20 * 60_000 });
    const console = stripTimestamps(run.console);
    expect(run.stderr, run.stderr).toMatch(/\[linux\] powered-off: \d+ instructions/);
    expect(run.status).toBe(0);
    expect(run.typed).toBe(commands.length);

    // The guest's sha256sum agrees with Node's crypto.
    expect(console).toContain(`${sha256(new Uint8Array(4096 * 256))}  -`);
    expect(console).toContain("57.665039 8.238e+00 3.14286");
    expect(console).toMatch(/^([0-9a-f]{64})  \/init\n(?:.*\n)*?\1  -$/m); // gzip | gunzip kept /init intact
    expect(console).toContain("reboot: Power down");

    const ours = comparable(console, "sel4ts");
    const qemu = comparable(golden("qemu-virt-a53-console.txt"), "qemu");
    if (!sameImages) {
      // Other images print another boot log: compare the shell session, the kernel version aside.
      const session = (text: string) => text.slice(text.indexOf(SHELL_PROMPT)).replace(/^Linux \(none\) .*$/m, "Linux (none) <version>");
      expect(session(ours)).toBe(session(qemu));
      return;
    }
    expect(ours).toBe(qemu);
  }, 25 * 60_000);
});
