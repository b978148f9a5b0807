import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { GuestImagesError, PrivateApt, extractDeb, extractDebMember } from "./apt.js";
import type { Log } from "./apt.js";
import { busyboxAppletNames } from "./busybox-applets.js";
import { buildBusyboxInitramfs } from "./initramfs.js";

/** The Debian packages the default guest is built from. */
export const KERNEL_METAPACKAGE = "linux-image-cloud-arm64";
export const BUSYBOX_PACKAGE = "busybox-static";

/** Paths of a ready guest, and the package versions it came from. */
export interface GuestImages {
  readonly kernel: string;
  readonly initrd: string;
  /** The versioned kernel package, e.g. "linux-image-6.1.0-57-cloud-arm64". */
  readonly kernelPackage: string;
  readonly kernelVersion: string;
  readonly busyboxVersion: string;
  /** The kernel's System.map, once fetched with {@link ensureKernelSymbols} (`--symbols`). */
  readonly systemMap?: string;
}

/** Where images are cached: $SEL4TS_CACHE_DIR, else $XDG_CACHE_HOME/sel4ts, else ~/.cache/sel4ts. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SEL4TS_CACHE_DIR) return env.SEL4TS_CACHE_DIR;
  return join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "sel4ts");
}

export interface EnsureOptions {
  readonly cacheDir?: string;
  /** Ask apt for the newest versions even when images are cached. */
  readonly refresh?: boolean;
  readonly log?: Log;
}

const MANIFEST = "guest-images.json";

function imagesRoot(cacheDir: string | undefined): string {
  return join(cacheDir ?? defaultCacheDir(), "debian-bookworm-arm64");
}

/** The default guest's images if `pnpm guest-images` has built them (no apt, no network); else null. */
export function cachedGuestImages(cacheDir?: string): GuestImages | null {
  const manifestPath = join(imagesRoot(cacheDir), MANIFEST);
  if (!existsSync(manifestPath)) return null;
  const cached = JSON.parse(readFileSync(manifestPath, "utf8")) as GuestImages;
  return existsSync(cached.kernel) && existsSync(cached.initrd) ? cached : null;
}

/**
 * Returns the default guest's kernel Image and initramfs, fetching and building them on first use.
 * Images are cached by package version; without `refresh`, a cached set is used with no network.
 */
export async function ensureGuestImages(options: EnsureOptions = {}): Promise<GuestImages> {
  const log = options.log ?? (() => {});
  const root = imagesRoot(options.cacheDir);
  const manifestPath = join(root, MANIFEST);
  const cached = options.refresh ? null : cachedGuestImages(options.cacheDir);
  if (cached) {
    log(`cached: ${cached.kernelPackage} ${cached.kernelVersion}, busybox-static ${cached.busyboxVersion}`);
    return cached;
  }
  PrivateApt.check();
  const apt = new PrivateApt(join(root, "apt"), log);
  await apt.update();

  const metaVersion = apt.candidateVersion(KERNEL_METAPACKAGE);
  if (metaVersion === undefined) throw new GuestImagesError(`guest-images: apt knows no ${KERNEL_METAPACKAGE} for arm64; check the system's Debian sources`);
  const kernelPackage = /(linux-image-[0-9][^\s,(]*-cloud-arm64(?:-unsigned)?)/.exec(apt.depends(KERNEL_METAPACKAGE, metaVersion))?.[1];
  if (kernelPackage === undefined) throw new GuestImagesError(`guest-images: ${KERNEL_METAPACKAGE} ${metaVersion} depends on no linux-image-*-cloud-arm64 package`);
  const kernelVersion = apt.candidateVersion(kernelPackage) ?? metaVersion;
  const busyboxVersion = apt.candidateVersion(BUSYBOX_PACKAGE);
  if (busyboxVersion === undefined) throw new GuestImagesError(`guest-images: apt knows no ${BUSYBOX_PACKAGE} for arm64`);

  const kernel = await kernelImage(apt, root, kernelPackage, kernelVersion, log);
  const initrd = await busyboxInitrd(apt, root, busyboxVersion, log);
  const images: GuestImages = { kernel, initrd, kernelPackage, kernelVersion, busyboxVersion };
  writeFileSync(manifestPath, JSON.stringify(images, null, 2) + "\n");
  return images;
}

/**
 * Adds the kernel's System.map to the default guest: Debian ships a stub in the kernel package and
 * the real one in `<kernel package>-dbg` (262 MB for 6.1 cloud-arm64), which is downloaded, from
 * which only `usr/lib/debug/boot/System.map-*` is extracted, and which is then deleted.
 */
export async function ensureKernelSymbols(options: EnsureOptions = {}): Promise<GuestImages & { readonly systemMap: string }> {
  const log = options.log ?? (() => {});
  const images = await ensureGuestImages(options);
  if (images.systemMap !== undefined && existsSync(images.systemMap)) return { ...images, systemMap: images.systemMap };
  const root = imagesRoot(options.cacheDir);
  const systemMap = join(dirname(images.kernel), "System.map");
  if (!existsSync(systemMap)) {
    PrivateApt.check();
    const apt = new PrivateApt(join(root, "apt"), log);
    const dbg = `${images.kernelPackage}-dbg`;
    if (apt.candidateVersion(dbg) !== images.kernelVersion) await apt.update();
    if (apt.candidateVersion(dbg) !== images.kernelVersion) {
      throw new GuestImagesError(`guest-images: apt has no ${dbg}=${images.kernelVersion} (the kernel's symbols); try --refresh for a newer kernel`);
    }
    const deb = await fetchDeb(apt, root, dbg, images.kernelVersion);
    const release = images.kernelPackage.replace(/^linux-image-/, "");
    log(`extracting System.map-${release} from ${deb}`);
    extractDebMember(deb, `./usr/lib/debug/boot/System.map-${release}`, `${systemMap}.tmp`);
    renameSync(`${systemMap}.tmp`, systemMap);
    rmSync(deb);
  }
  const withSymbols = { ...images, systemMap };
  writeFileSync(join(root, MANIFEST), JSON.stringify(withSymbols, null, 2) + "\n");
  return withSymbols;
}

async function kernelImage(apt: PrivateApt, root: string, pkg: string, version: string, log: Log): Promise<string> {
  const dir = join(root, `${pkg}_${safeVersion(version)}`);
  const image = join(dir, "Image");
  if (existsSync(image)) return image;
  const deb = await fetchDeb(apt, root, pkg, version);
  log(`extracting the kernel from ${deb}`);
  const tree = join(dir, "deb");
  extractDeb(deb, tree);
  const vmlinuz = readdirSync(join(tree, "boot")).find((f) => f.startsWith("vmlinuz-"));
  if (vmlinuz === undefined) throw new GuestImagesError(`guest-images: ${deb} has no boot/vmlinuz-*`);
  // The cloud flavour's vmlinuz is an uncompressed arm64 Image; keep the config beside it.
  renameSync(join(tree, "boot", vmlinuz), image);
  return image;
}

async function busyboxInitrd(apt: PrivateApt, root: string, version: string, log: Log): Promise<string> {
  const initrd = join(root, `initramfs-busybox_${safeVersion(version)}.cpio.gz`);
  if (existsSync(initrd)) return initrd;
  const deb = await fetchDeb(apt, root, BUSYBOX_PACKAGE, version);
  extractDeb(deb, busyboxTree(root, version));
  const binaryPath = busyboxBinaryPath(root, version);
  const busybox = readFileSync(binaryPath);
  const applets = busyboxAppletNames(busybox, binaryPath);
  log(`building the initramfs: busybox ${version} with ${applets.length} applets`);
  const gz = await buildBusyboxInitramfs({ busybox, applets });
  writeFileSync(`${initrd}.tmp`, gz);
  renameSync(`${initrd}.tmp`, initrd);
  log(`wrote ${initrd} (${gz.length} bytes)`);
  return initrd;
}

async function fetchDeb(apt: PrivateApt, root: string, pkg: string, version: string): Promise<string> {
  const dir = join(root, "debs");
  mkdirSync(dir, { recursive: true });
  // apt names the file pkg_version_arm64.deb with ':' escaped as %3a.
  const find = () => readdirSync(dir).find((f) => f.startsWith(`${pkg}_`) && f.includes(version.replace(":", "%3a")) && f.endsWith(".deb"));
  const existing = find();
  if (existing !== undefined) return join(dir, existing);
  await apt.download(pkg, version, dir);
  const downloaded = find();
  if (downloaded === undefined) throw new GuestImagesError(`guest-images: apt-get download ${pkg}=${version} left no .deb in ${dir}`);
  return join(dir, downloaded);
}

/** A package version as it appears in cache file names. */
function safeVersion(version: string): string {
  return version.replace(/[^A-Za-z0-9.+~-]/g, "_");
}

function busyboxTree(root: string, version: string): string {
  return join(root, `busybox_${safeVersion(version)}`);
}

/** Where the cached busybox binary of `version` is, under the images' folder `root`. */
export function busyboxBinaryPath(root: string, version: string): string {
  return join(busyboxTree(root, version), "bin", "busybox");
}
