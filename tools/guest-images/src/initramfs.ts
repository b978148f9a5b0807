// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no types; this declares them for importers too
/// <reference path="./cpio-stream.d.ts" />
import type { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { pack } from "cpio-stream";
import type { CpioHeader } from "cpio-stream";

/** The /init the default initramfs runs: mounts the kernel's file systems and starts a shell. */
export const DEFAULT_INIT_SCRIPT = `#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "sel4ts initramfs: busybox shell (poweroff -f to stop)"
exec setsid cttyhack sh
`;

/** What goes into a busybox initramfs. */
export interface BusyboxInitramfsOptions {
  /** The static busybox binary (arm64). */
  readonly busybox: Uint8Array;
  /** Applet names; each becomes a symlink /bin/NAME -> busybox. */
  readonly applets: readonly string[];
  /** The /init script; default {@link DEFAULT_INIT_SCRIPT}. */
  readonly init?: string;
  /** Modification time written into every entry (seconds); default 0, so builds are reproducible. */
  readonly mtimeSeconds?: number;
  /** More files, e.g. a test's programs or kernel modules; their parent directories are added. */
  readonly extraFiles?: readonly ExtraFile[];
}

/** A file added to the initramfs: `path` is relative to / (no leading slash), `mode` defaults to 0o644. */
export interface ExtraFile {
  readonly path: string;
  readonly data: Uint8Array;
  readonly mode?: number;
}

const DIRECTORIES = ["bin", "dev", "etc", "proc", "root", "sbin", "sys", "tmp", "usr", "usr/bin", "usr/sbin"];

/** One entry of the archive, before cpio encoding. */
export type InitramfsEntry =
  | { readonly kind: "directory"; readonly name: string; readonly mode: number }
  | { readonly kind: "file"; readonly name: string; readonly mode: number; readonly data: Uint8Array }
  | { readonly kind: "symlink"; readonly name: string; readonly target: string }
  | { readonly kind: "character-device"; readonly name: string; readonly mode: number; readonly major: number; readonly minor: number };

/** The entries of a busybox initramfs, in archive order (parents before children). */
export function busyboxInitramfsEntries(options: BusyboxInitramfsOptions): InitramfsEntry[] {
  const entries: InitramfsEntry[] = DIRECTORIES.map((name) => ({ kind: "directory", name, mode: name === "tmp" ? 0o1777 : 0o755 }));
  // The kernel opens /dev/console for init's stdio before /init can mount devtmpfs.
  entries.push({ kind: "character-device", name: "dev/console", mode: 0o600, major: 5, minor: 1 });
  entries.push({ kind: "file", name: "bin/busybox", mode: 0o755, data: options.busybox });
  for (const applet of options.applets) {
    if (applet === "busybox" || !/^[A-Za-z0-9_.[-]+$/.test(applet)) continue;
    entries.push({ kind: "symlink", name: `bin/${applet}`, target: "busybox" });
  }
  entries.push({ kind: "file", name: "init", mode: 0o755, data: new TextEncoder().encode(options.init ?? DEFAULT_INIT_SCRIPT) });
  const taken = new Set(entries.map((e) => e.name));
  for (const file of options.extraFiles ?? []) {
    const path = file.path.replace(/^\/+/, "");
    if (path === "" || path.split("/").some((part) => part === "" || part === "." || part === "..")) {
      throw new Error(`initramfs: extra file path "${file.path}" must be a plain relative path such as "usr/bin/tool"`);
    }
    if (taken.has(path)) throw new Error(`initramfs: extra file "${path}" is already in the archive (pass init through the init option)`);
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (!taken.has(dir)) {
        entries.push({ kind: "directory", name: dir, mode: 0o755 });
        taken.add(dir);
      }
    }
    entries.push({ kind: "file", name: path, mode: file.mode ?? 0o644, data: file.data });
    taken.add(path);
  }
  return entries;
}

/** Writes entries as a newc ("070701") cpio archive, the format the kernel's initramfs unpacker reads. */
export async function writeNewcCpio(entries: readonly InitramfsEntry[], mtimeSeconds = 0): Promise<Uint8Array> {
  const archive = pack({ format: "newc" });
  const collected = collect(archive);
  const mtime = new Date(mtimeSeconds * 1000);
  for (const entry of entries) {
    const header: CpioHeader = { name: entry.name, uid: 0, gid: 0, mtime, dev: 1 };
    let body: Uint8Array | undefined;
    switch (entry.kind) {
      case "directory":
        Object.assign(header, { type: "directory", mode: entry.mode, nlink: 2 });
        break;
      case "file":
        Object.assign(header, { type: "file", mode: entry.mode });
        body = entry.data;
        break;
      case "symlink":
        Object.assign(header, { type: "symlink", mode: 0o777, linkname: entry.target });
        break;
      case "character-device":
        Object.assign(header, { type: "character-device", mode: entry.mode, rdevmajor: entry.major, rdevminor: entry.minor });
        break;
    }
    await new Promise<void>((resolve, reject) => {
      archive.entry(header, body === undefined ? undefined : Buffer.from(body.buffer, body.byteOffset, body.byteLength), (error) =>
        error ? reject(error) : resolve()
      );
    });
  }
  archive.finalize();
  return collected;
}

/** Builds the gzip'd newc initramfs of a busybox system. */
export async function buildBusyboxInitramfs(options: BusyboxInitramfsOptions): Promise<Uint8Array> {
  const cpio = await writeNewcCpio(busyboxInitramfsEntries(options), options.mtimeSeconds ?? 0);
  return gzipSync(cpio, { level: 9 });
}

async function collect(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
