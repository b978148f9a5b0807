/**
 * The playground in a real browser: builds the page with Vite, serves the static files from a
 * sub-folder on 127.0.0.1 (random port) and drives Debian's Chromium headless with playwright-core.
 * The guests' transcripts and instruction counts must equal those of the same VMM run in Node.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEchoGuest, runHelloGuest } from "@sel4ts-examples/hello-guest";
import { launchChromium, type Browser } from "./test-support/chromium";
import { serveStatic, type StaticServer } from "./test-support/static-server";

const root = fileURLToPath(new URL("../", import.meta.url));
const helloGuestDir = fileURLToPath(new URL("../../hello-guest/", import.meta.url));
const artifacts = join(root, "artifacts");
const guestImage = (name: string) => readFileSync(join(helloGuestDir, "guest", `${name}.bin`));

let outDir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium(); // first: without Chromium, fail at once with how to install it
  outDir = mkdtempSync(join(tmpdir(), "sel4ts-playground-"));
  await build({ root, configFile: join(root, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  server = await serveStatic(outDir);
  page = await browser.context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** The console's text: the terminal's rows, trimmed at the right, without trailing blank rows. */
async function consoleText(): Promise<string> {
  const rows = await page.locator(".xterm-rows > div").allTextContents();
  return rows
    .map((row) => row.replace(/\u00a0/g, " ").trimEnd())
    .join("\n")
    .replace(/\n+$/, "");
}

async function waitForConsole(text: string): Promise<void> {
  await expect.poll(consoleText, { timeout: 60_000, interval: 100 }).toContain(text);
}

/**
 * Expects the console to show exactly `text`, polling: the terminal draws what it is given on a
 * later animation frame, so its rows can lag the state attribute by a frame or two.
 */
async function expectConsoleToShow(text: string): Promise<void> {
  await expect.poll(consoleText, { timeout: 10_000, interval: 50 }).toBe(text);
}

async function waitForState(state: string): Promise<void> {
  await expect.poll(() => page.locator("#state").getAttribute("data-state"), { timeout: 120_000, interval: 100 }).toBe(state);
}

async function stat(name: string): Promise<number> {
  const text = (await page.locator(`[data-stat="${name}"]`).textContent()) ?? "";
  return Number(text.replace(/,/g, ""));
}

async function startGuest(id: string): Promise<void> {
  await page.selectOption("#guest", id);
  await page.click("#start");
}

/** What the terminal shows for guest output (CR LF and bare LF both end a line; BS SP BS erases). */
function asShown(output: string): string {
  const lines: string[] = [];
  let line = "";
  for (const c of output) {
    if (c === "\n") {
      lines.push(line);
      line = "";
    } else if (c === "\b") line = line.slice(0, -1);
    else if (c !== "\r") line += c;
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd()).join("\n").replace(/\n+$/, "");
}

describe("the playground in Chromium", () => {
  it("runs hello-guest to power-off with Node's transcript and instruction count, twice (Restart)", async () => {
    const node = await runHelloGuest({ image: guestImage("hello") });
    await startGuest("hello");
    await waitForConsole("Hello from a guest of libsel4vm!");
    await waitForState("powered-off");
    await expectConsoleToShow(asShown(node.uart));
    expect(await stat("instructions")).toBe(node.instructions);
    expect(await stat("irqs")).toBe(3);
    const first = await consoleText();

    await page.click("#restart");
    await waitForState("powered-off");
    await expectConsoleToShow(first);
    expect(await stat("instructions")).toBe(node.instructions);
  });

  it("echoes what is typed into the console, live statistics move, Ctrl-D powers off; identical to Node", async () => {
    const typed = "hello, seL4!";
    const node = await runEchoGuest({ image: guestImage("echo"), input: `${typed}\r\x04` });
    await startGuest("echo");
    await waitForConsole("Type and it echoes");
    await waitForState("waiting-for-input");
    const before = await stat("instructions");
    await page.click("#terminal");
    await page.keyboard.type(typed, { delay: 20 });
    await waitForConsole(typed);
    await page.keyboard.press("Enter");
    await expect.poll(() => stat("irqs"), { timeout: 30_000 }).toBe(typed.length + 1);
    expect(await stat("instructions")).toBeGreaterThan(before);
    expect(await stat("exits")).toBeGreaterThan(0);
    await expect.poll(() => page.locator("#events li").count()).toBeGreaterThan(3);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "playground.png"), fullPage: true });

    await page.keyboard.press("Control+d");
    await waitForState("powered-off");
    await expectConsoleToShow(asShown(node.uart));
    expect(await stat("instructions")).toBe(node.instructions);
  });

  it("runs the primes benchmark; MIPS in the browser and in Node are written to artifacts/mips.json", async () => {
    await startGuest("primes");
    await waitForState("powered-off");
    await waitForConsole("25997 primes found.");
    const browserMips = Number(await page.locator('[data-stat="mips"]').textContent());
    const instructions = await stat("instructions");
    // Node: the same VMM and guest through the hello-guest command (compiled by tsx, as a user runs it).
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "src/main.ts", "primes"], { cwd: helloGuestDir, encoding: "utf8" });
    const nodeMips = Number(/speed: +([\d.]+) MIPS/.exec(stdout)?.[1]);
    expect(stdout).toContain(`instructions:   ${instructions}\n`);
    expect(browserMips).toBeGreaterThan(0);
    expect(nodeMips).toBeGreaterThan(0);
    const report = { guest: "primes", instructions, browserMips, nodeMips, ratio: Number((nodeMips / browserMips).toFixed(2)) };
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, "mips.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`primes-guest: ${instructions} instructions; browser ${browserMips} MIPS, Node ${nodeMips} MIPS`);
  });

  it("Stop ends a running guest where it is; Restart boots it afresh", async () => {
    await startGuest("primes");
    await expect.poll(() => stat("instructions"), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    await page.click("#stop");
    await waitForState("stopped");
    const stoppedAt = await stat("instructions");
    expect(stoppedAt).toBeLessThan(50_000_000);
    await page.waitForTimeout(300); // a terminated worker posts nothing more
    expect(await stat("instructions")).toBe(stoppedAt);
    await page.click("#restart");
    // The fresh run (50 M instructions) may end before a click reaches Stop: stop it if it still
    // runs, and accept either ending. Afresh: the console holds this run's output and nothing else.
    await expect.poll(consoleText, { timeout: 60_000, interval: 50 }).toMatch(/^Counting the primes below 300000 by trial division\.\.\./);
    await page.click("#stop", { timeout: 2_000 }).catch(() => undefined);
    await expect.poll(() => page.locator("#state").getAttribute("data-state"), { timeout: 120_000, interval: 100 }).toMatch(/^(stopped|powered-off)$/);
    const fresh = "Counting the primes below 300000 by trial division...";
    expect([fresh, `${fresh}\n25997 primes found.`]).toContain(await consoleText());
  });

  it("runs a user's image from a file and from a URL", async () => {
    await page.selectOption("#guest", "file");
    await page.setInputFiles("#file", { name: "mine.bin", mimeType: "application/octet-stream", buffer: guestImage("echo") });
    await page.click("#start");
    await waitForState("waiting-for-input");
    await waitForConsole("Hello from the echo guest!");

    writeFileSync(join(outDir, "hello-copy.bin"), guestImage("hello"));
    await page.selectOption("#guest", "url");
    await page.fill("#url", `${server.url}hello-copy.bin`);
    await page.click("#start");
    await waitForState("waiting-for-input"); // a user image is wired as the echo guest: WFI trapped
    await waitForConsole("Hello from a guest of libsel4vm!");
  });

  it("says clearly when a file is not a guest image, and when a guest faults", async () => {
    await page.selectOption("#guest", "file");
    await page.setInputFiles("#file", { name: "picture.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) });
    await page.click("#start");
    await waitForState("failed");
    await expect.poll(() => page.locator("#message").textContent()).toContain("picture.png is not a guest image: it is a PNG image");

    await page.setInputFiles("#file", { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("These are notes, not AArch64 code.") });
    await page.click("#start");
    await waitForState("guest-error");
    const report = (await page.locator("#message").textContent()) ?? "";
    expect(report).toContain("The guest stopped with an error: libsel4vm stopped the VM.");
    expect(report.split("\n").length).toBeGreaterThan(3);
    await waitForConsole("[the guest stopped with an error: see the report above]");
  });

  it("logged no console errors, page errors or failed requests", () => {
    expect(problems).toEqual([]);
  });
});
