/**
 * Measures the emulator's speed on the primes guest in Chromium (the built page, in its Web
 * Worker) and in Node (the hello-guest command), alternating, and prints the medians:
 *
 *   pnpm --filter playground measure [runs]      (default 3 runs each)
 *
 * Each run is a fresh worker or a fresh Node process, so both include V8's warm-up.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { launchChromium } from "../src/test-support/chromium";
import { serveStatic } from "../src/test-support/static-server";

const root = fileURLToPath(new URL("../", import.meta.url));
const helloGuestDir = fileURLToPath(new URL("../../hello-guest/", import.meta.url));
const runs = Number(process.argv[2] ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const outDir = mkdtempSync(join(tmpdir(), "sel4ts-playground-"));
await build({ root, configFile: join(root, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
const server = await serveStatic(outDir);
const browser = await launchChromium();
const page = await browser.context.newPage();
await page.goto(server.url);
await page.selectOption("#guest", "primes");
const inBrowser: number[] = [];
const inNode: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    await page.click("#start");
    await page.waitForFunction(() => document.querySelector("#state")?.getAttribute("data-state") === "powered-off", null, { timeout: 300_000 });
    inBrowser.push(Number(await page.locator('[data-stat="mips"]').textContent()));
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "src/main.ts", "primes"], { cwd: helloGuestDir, encoding: "utf8" });
    inNode.push(Number(/speed: +([\d.]+) MIPS/.exec(stdout)?.[1]));
    console.log(`run ${i + 1}: browser ${inBrowser[i]} MIPS, Node ${inNode[i]} MIPS`);
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
console.log(`median of ${runs}: browser ${median(inBrowser)} MIPS, Node ${median(inNode)} MIPS (browser/Node ${(median(inBrowser) / median(inNode)).toFixed(2)})`);
