import type * as nodeFs from "node:fs";
import type { BigIntStats } from "node:fs";
import type * as nodePath from "node:path";

/** File metadata in the units Linux's `struct stat` uses. */
export interface HostStat {
  dev: bigint;
  ino: bigint;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: bigint;
  size: bigint;
  blksize: number;
  blocks: bigint;
  atimeNs: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

/**
 * Read-only access to the host's files for openat/read/fstat/readlinkat. Methods throw an error
 * whose `code` is a Node.js-style errno name ("ENOENT") when the host refuses.
 */
export interface HostFileSystem {
  /** Opens `path` read-only and returns a host handle. */
  open(path: string): number;
  /** Reads into `buffer` from `position`; returns the count (0 at end of file). */
  read(handle: number, buffer: Uint8Array, position: number): number;
  fstat(handle: number): HostStat;
  /** stat (or lstat when `followSymlinks` is false) of a path. */
  stat(path: string, followSymlinks: boolean): HostStat;
  readlink(path: string): string;
  close(handle: number): void;
  /** Joins `path` onto `base` when it is relative. */
  resolve(base: string, path: string): string;
}

type NodeFs = typeof nodeFs;
type NodePath = typeof nodePath;

function fromNodeStats(s: BigIntStats): HostStat {
  return {
    dev: s.dev,
    ino: s.ino,
    mode: Number(s.mode),
    nlink: Number(s.nlink),
    uid: Number(s.uid),
    gid: Number(s.gid),
    rdev: s.rdev,
    size: s.size,
    blksize: Number(s.blksize),
    blocks: s.blocks,
    atimeNs: s.atimeNs,
    mtimeNs: s.mtimeNs,
    ctimeNs: s.ctimeNs,
  };
}

/** The host file system over Node's synchronous `fs` and `path` modules. */
export function createNodeHostFileSystem(fs: NodeFs, path: NodePath): HostFileSystem {
  return {
    open: (p) => fs.openSync(p, "r"),
    read: (handle, buffer, position) => fs.readSync(handle, buffer, 0, buffer.length, position),
    fstat: (handle) => fromNodeStats(fs.fstatSync(handle, { bigint: true })),
    stat: (p, follow) => fromNodeStats(follow ? fs.statSync(p, { bigint: true }) : fs.lstatSync(p, { bigint: true })),
    readlink: (p) => fs.readlinkSync(p),
    close: (handle) => fs.closeSync(handle),
    resolve: (base, p) => path.resolve(base, p),
  };
}

/**
 * The host's real file system, found through `process.getBuiltinModule` (Node >= 20.16) so that
 * `node:fs` stays out of the module graph for bundlers; null when not on such a Node (a browser,
 * or an older Node: pass `createNodeHostFileSystem(fs, path)` as `hostFs` there).
 */
export function nodeHostFileSystem(): HostFileSystem | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.("node:fs") as NodeFs | undefined;
  const path = proc?.getBuiltinModule?.("node:path") as NodePath | undefined;
  if (fs === undefined || path === undefined) return null;
  return createNodeHostFileSystem(fs, path);
}
