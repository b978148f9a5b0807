/** Debian's Chromium, driven headless by playwright-core (no browser download: the system's own). */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = process.env.SEL4TS_CHROMIUM ?? "/usr/bin/chromium";

/** Flags for a quiet, reproducible headless run in a container (no sandbox, GPU or network chatter). */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile; fails with how to install it when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: the playground's browser test needs it. Install Debian's package ` +
        "(`apt-get update && apt-get install -y --no-install-recommends chromium`; .ci/run does this on CI), " +
        "or point SEL4TS_CHROMIUM at another Chromium binary.",
    );
  }
  const profile = mkdtempSync(join(tmpdir(), "sel4ts-chromium-"));
  // A persistent context is how playwright takes --user-data-dir: here a fresh, throw-away one.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 860 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
