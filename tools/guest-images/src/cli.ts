#!/usr/bin/env -S node --import tsx
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { Command } from "commander";
import { GuestImagesError } from "./apt.js";
import { buildGuestInitramfs } from "./custom.js";
import type { GuestImages } from "./images.js";
import { defaultCacheDir, ensureGuestImages, ensureKernelSymbols } from "./images.js";
import type { ExtraFile } from "./initramfs.js";

interface Options {
  cacheDir: string;
  refresh: boolean;
  json: boolean;
  symbols: boolean;
  init?: string;
  extraFile: string[];
  kernelModule: string[];
  output?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** "SRC" (kept as /NAME) or "SRC:DEST" (DEST inside the initramfs; ":755" after it sets the mode). */
function parseExtraFile(spec: string): ExtraFile {
  const [src, dest, mode] = spec.split(":");
  if (!src || (mode !== undefined && !/^[0-7]{3,4}$/.test(mode))) {
    throw new GuestImagesError(`guest-images: --extra-file "${spec}" is not SRC, SRC:DEST or SRC:DEST:MODE (octal, e.g. 755)`);
  }
  let data: Uint8Array;
  try {
    data = readFileSync(src);
  } catch (error) {
    throw new GuestImagesError(`guest-images: --extra-file ${src}: ${(error as Error).message}`);
  }
  return { path: dest || basename(src), data, ...(mode !== undefined ? { mode: parseInt(mode, 8) } : {}) };
}

const program = new Command("guest-images")
  .description(
    "Fetches Debian bookworm's arm64 cloud kernel (linux-image-cloud-arm64) and busybox-static with apt-get into a private\n" +
      "package list and cache (the system's apt state is not touched), extracts the kernel Image and builds a gzip'd newc\n" +
      "initramfs whose /init mounts proc, sysfs and devtmpfs and starts a busybox shell on the console. Images are cached\n" +
      "by package version; prints the kernel and initrd paths (or JSON with --json).\n" +
      "With --init, --extra-file or --kernel-module it builds a custom initramfs from the same busybox instead."
  )
  .option("--cache-dir <dir>", "where images are kept (default: $SEL4TS_CACHE_DIR or ~/.cache/sel4ts)", defaultCacheDir())
  .option("--refresh", "ask apt for newer package versions even when images are cached", false)
  .option("--json", "print the result as JSON", false)
  .option("--symbols", "also fetch the kernel's System.map (from the -dbg package, 262 MB; kept: 4 MB) for pnpm linux's reports", false)
  .option("--init <file>", "custom initramfs: this script is /init")
  .option("--extra-file <src[:dest[:mode]]>", "custom initramfs: add a file (repeatable)", collect, [])
  .option("--kernel-module <name>", "custom initramfs: add a module of the kernel package and its dependencies, for modprobe (repeatable)", collect, [])
  .option("--output <file>", "custom initramfs: where to write it (default: the cache, named by its content's hash)")
  .action(async (opts: Options) => {
    const ensure = { cacheDir: opts.cacheDir, refresh: opts.refresh, log: (line: string) => process.stderr.write(`${line}\n`) };
    const images = opts.symbols ? await ensureKernelSymbols(ensure) : await ensureGuestImages(ensure);
    const custom = opts.init !== undefined || opts.extraFile.length > 0 || opts.kernelModule.length > 0;
    const result: GuestImages = custom ? { ...images, initrd: await writeCustom(images, opts) } : images;
    if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
    else process.stdout.write(`kernel ${result.kernel}\ninitrd ${result.initrd}\n${result.systemMap ? `system-map ${result.systemMap}\n` : ""}`);
  });

async function writeCustom(images: GuestImages, opts: Options): Promise<string> {
  let init: string | undefined;
  if (opts.init !== undefined) {
    try {
      init = readFileSync(opts.init, "utf8");
    } catch (error) {
      throw new GuestImagesError(`guest-images: --init ${opts.init}: ${(error as Error).message}`);
    }
  }
  const gz = await buildGuestInitramfs(images, {
    ...(init !== undefined ? { init } : {}),
    extraFiles: opts.extraFile.map(parseExtraFile),
    kernelModules: opts.kernelModule,
  });
  const out = opts.output ?? join(dirname(images.initrd), `initramfs-custom-${createHash("sha256").update(gz).digest("hex").slice(0, 16)}.cpio.gz`);
  writeFileSync(`${out}.tmp`, gz);
  renameSync(`${out}.tmp`, out);
  process.stderr.write(`wrote ${out} (${gz.length} bytes)\n`);
  return out;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof GuestImagesError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
});
