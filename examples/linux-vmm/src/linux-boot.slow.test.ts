// End to end: `pnpm linux` boots the default guest (Debian's kernel and busybox initramfs from
// `pnpm guest-images`), golden/commands.sh is typed into its shell one line per prompt, and the
// console is compared with QEMU's for the same images and commands, the known differences
// (console-compare.ts, golden/README.md) taken out. One boot,
// one to several minutes on a loaded machine.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cachedGuestImages } from "@sel4ts-tools/guest-images";
import { describe, expect, it } from "vitest";
import { comparable } from "./console-compare.js";
import { SHELL_PROMPT, runConsoleSession, scriptLines, stripTimestamps } from "./console-session.js";

const golden = (name: string) => readFileSync(fileURLToPath(new URL(`../golden/${name}`, import.meta.url)), "utf8");
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const images = cachedGuestImages();
const ci = process.env.CI === "true";
/** SEL4TS_JIT=0 boots with --no-jit (the interpreter only), which must print the same console. */
const jit = process.env.SEL4TS_JIT !== "0";
const MISSING = "no guest images: run `pnpm guest-images` first (it fetches Debian's kernel and busybox with apt; .ci/run does before pnpm test)";

/** The images the QEMU golden was made with (golden/images.json). */
const goldenImages = JSON.parse(golden("images.json")) as { kernelPackage: string; kernelVersion: string; busyboxVersion: string };
const sameImages = images !== null && images.kernelPackage === goldenImages.kernelPackage && images.kernelVersion === goldenImages.kernelVersion && images.busyboxVersion === goldenImages.busyboxVersion;

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
    const run = await runConsoleSession(process.execPath, ["--import", "tsx", "src/main.ts", "--stats", ...(jit ? [] : ["--no-jit"])], commands, { cwd: packageDir, timeoutMs: 20 * 60_000 });
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
