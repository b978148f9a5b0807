#!/usr/bin/env -S node --import tsx
import { Command } from "commander";
import { GuestImagesError } from "./apt.js";
import { defaultCacheDir, ensureGuestImages } from "./images.js";

const program = new Command("guest-images")
  .description(
    "Fetches Debian bookworm's arm64 cloud kernel (linux-image-cloud-arm64) and busybox-static with apt-get into a private\n" +
      "package list and cache (the system's apt state is not touched), extracts the kernel Image and builds a gzip'd newc\n" +
      "initramfs whose /init mounts proc, sysfs and devtmpfs and starts a busybox shell on the console. Images are cached\n" +
      "by package version; prints the kernel and initrd paths (or JSON with --json)."
  )
  .option("--cache-dir <dir>", "where images are kept (default: $SEL4TS_CACHE_DIR or ~/.cache/sel4ts)", defaultCacheDir())
  .option("--refresh", "ask apt for newer package versions even when images are cached", false)
  .option("--json", "print the result as JSON", false)
  .action(async (opts: { cacheDir: string; refresh: boolean; json: boolean }) => {
    const images = await ensureGuestImages({ cacheDir: opts.cacheDir, refresh: opts.refresh, log: (line) => process.stderr.write(`${line}\n`) });
    if (opts.json) process.stdout.write(JSON.stringify(images, null, 2) + "\n");
    else process.stdout.write(`kernel ${images.kernel}\ninitrd ${images.initrd}\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof GuestImagesError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
});
