import type { HostStat } from "./host-fs.js";

/** Size of `struct stat` on arm64 (the asm-generic layout). */
export const STAT_SIZE = 128;
/** File type bits of st_mode. */
export const S_IFIFO = 0o010000;
/** Character device. */
export const S_IFCHR = 0o020000;
/** Directory. */
export const S_IFDIR = 0o040000;
/** Regular file. */
export const S_IFREG = 0o100000;

const NS_PER_SECOND = 1_000_000_000n;

/** Encodes host metadata as the arm64 `struct stat` (asm-generic/stat.h, 128 bytes). */
export function encodeStat(stat: HostStat): Uint8Array {
  const bytes = new Uint8Array(STAT_SIZE);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, stat.dev, true);
  view.setBigUint64(8, stat.ino, true);
  view.setUint32(16, stat.mode, true);
  view.setUint32(20, stat.nlink, true);
  view.setUint32(24, stat.uid, true);
  view.setUint32(28, stat.gid, true);
  view.setBigUint64(32, stat.rdev, true);
  view.setBigInt64(48, stat.size, true);
  view.setInt32(56, stat.blksize, true);
  view.setBigInt64(64, stat.blocks, true);
  const times = [stat.atimeNs, stat.mtimeNs, stat.ctimeNs];
  times.forEach((ns, i) => {
    view.setBigInt64(72 + i * 16, ns / NS_PER_SECOND, true);
    view.setBigInt64(80 + i * 16, ns % NS_PER_SECOND, true);
  });
  return bytes;
}
