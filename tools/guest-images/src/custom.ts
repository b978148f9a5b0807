import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { GuestImagesError, extractDeb } from "./apt.js";
import { busyboxAppletNames } from "./busybox-applets.js";
import { busyboxBinaryPath } from "./images.js";
import type { GuestImages } from "./images.js";
import { buildBusyboxInitramfs } from "./initramfs.js";
import type { ExtraFile } from "./initramfs.js";
import { formatModulesDep, modinfoDepends, moduleClosure } from "./modules-dep.js";

/** What a custom initramfs adds to (or changes in) the default busybox one. */
export interface GuestInitramfsOptions {
  /** The /init script (default: the busybox shell's). */
  readonly init?: string;
  /** Files to add, e.g. a test's programs. */
  readonly extraFiles?: readonly ExtraFile[];
  /**
   * Kernel modules by name (e.g. "uio_pci_generic"), taken from the kernel package with the
   * modules they depend on and a matching modules.dep, so busybox `modprobe NAME` loads them.
   */
  readonly kernelModules?: readonly string[];
}

/**
 * Builds a gzip'd newc initramfs from the cached busybox of `images` with the given /init,
 * extra files and kernel modules. Nothing is written to the cache; the caller keeps the bytes.
 */
export async function buildGuestInitramfs(images: GuestImages, options: GuestInitramfsOptions): Promise<Uint8Array> {
  const root = dirname(images.initrd);
  const busyboxPath = busyboxBinaryPath(root, images.busyboxVersion);
  if (!existsSync(busyboxPath)) {
    throw new GuestImagesError(`guest-images: ${busyboxPath} is missing; run \`pnpm guest-images --refresh\` to fetch the images again`);
  }
  const busybox = readFileSync(busyboxPath);
  const extraFiles = [...(options.extraFiles ?? []), ...kernelModuleFiles(images, options.kernelModules ?? [])];
  return buildBusyboxInitramfs({
    busybox,
    applets: busyboxAppletNames(busybox, busyboxPath),
    ...(options.init !== undefined ? { init: options.init } : {}),
    extraFiles,
  });
}

/**
 * The module files (under lib/modules/RELEASE/) for `names` and their dependencies (read from
 * each .ko's .modinfo, as depmod does), and a modules.dep for them (Debian's package ships none:
 * depmod writes it when the package is installed).
 */
export function kernelModuleFiles(images: GuestImages, names: readonly string[]): ExtraFile[] {
  if (names.length === 0) return [];
  const { release, dir } = modulesTree(images);
  const order = readFileSync(join(dir, "modules.order"), "utf8").split("\n").filter((l) => l.trim() !== "");
  const read = (path: string): Uint8Array => {
    if (!path.endsWith(".ko")) {
      throw new GuestImagesError(`guest-images: ${path} is compressed (${path.slice(path.lastIndexOf("."))}); only uncompressed .ko modules are supported`);
    }
    return readFileSync(join(dir, path));
  };
  const set = moduleClosure(order, (path) => modinfoDepends(read(path)), names, `${images.kernelPackage} ${images.kernelVersion}`);
  const files: ExtraFile[] = set.paths.map((path) => ({ path: `lib/modules/${release}/${path}`, data: read(path) }));
  files.push({ path: `lib/modules/${release}/modules.dep`, data: new TextEncoder().encode(formatModulesDep(set)) });
  return files;
}

/** The kernel package's lib/modules/RELEASE, extracted again from the cached .deb if needed. */
function modulesTree(images: GuestImages): { release: string; dir: string } {
  const tree = join(dirname(images.kernel), "deb");
  const modules = join(tree, "lib", "modules");
  if (!existsSync(modules)) {
    const debs = join(dirname(dirname(images.kernel)), "debs");
    const deb = existsSync(debs) ? readdirSync(debs).find((f) => f.startsWith(`${images.kernelPackage}_`) && f.endsWith(".deb")) : undefined;
    if (deb === undefined) throw new GuestImagesError(`guest-images: no ${modules} and no ${images.kernelPackage} .deb in ${debs}; run \`pnpm guest-images --refresh\``);
    extractDeb(join(debs, deb), tree);
  }
  const releases = readdirSync(modules);
  if (releases.length !== 1) throw new GuestImagesError(`guest-images: expected one kernel release in ${modules}, found ${releases.length}`);
  return { release: releases[0]!, dir: join(modules, releases[0]!) };
}
