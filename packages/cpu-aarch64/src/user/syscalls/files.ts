import {
  EACCES,
  EBADF,
  EINVAL,
  EISDIR,
  EMFILE,
  ENOENT,
  ENOTDIR,
  ENOTTY,
  ERANGE,
  ESPIPE,
  SyscallErrno,
  errnoFromHostCode,
} from "../errno.js";
import type { OpenFile } from "../file-table.js";
import { MAX_OPEN_FILES } from "../file-table.js";
import { readCString, readGuest, toAddress, writeGuest } from "../guest-access.js";
import type { HostStat } from "../host-fs.js";
import type { LinuxUserState } from "../process-state.js";
import { S_IFCHR, S_IFDIR, S_IFIFO, encodeStat } from "../stat.js";
import type { SyscallDefinition } from "./types.js";
import { int32, int64, size } from "./types.js";

/** openat's "relative to the current directory" descriptor. */
export const AT_FDCWD = -100;
const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_EMPTY_PATH = 0x1000;
const O_ACCMODE = 3;
const O_CREAT = 0o100;
const O_TRUNC = 0o1000;
const O_DIRECTORY = 0o40000; // arm64 value (arch/arm64/include/uapi/asm/fcntl.h)
const O_CLOEXEC = 0o2000000;
const O_WRONLY = 1;
const O_RDWR = 2;
const F_DUPFD = 0;
const F_GETFD = 1;
const F_SETFD = 2;
const F_GETFL = 3;
const F_SETFL = 4;
const F_DUPFD_CLOEXEC = 1030;
const FD_CLOEXEC = 1;
const TCGETS = 0x5401;
const TIOCGWINSZ = 0x5413;
const MAX_IO_CHUNK = 1 << 20;
const IOV_MAX = 1024;

/** Runs a host file-system call, turning its Node.js error code into a guest errno. */
function host<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw new SyscallErrno(errnoFromHostCode((error as { code?: unknown }).code));
  }
}

function fileOf(state: LinuxUserState, fd: number): OpenFile {
  const file = state.files.get(fd);
  if (file === undefined) throw new SyscallErrno(EBADF);
  return file;
}

function isTerminal(state: LinuxUserState, stream: 0 | 1 | 2): boolean {
  return state.io.isTerminal?.(stream) ?? false;
}

/** Reads up to `length` bytes from an open file into a fresh buffer (may return fewer). */
function readFile(state: LinuxUserState, file: OpenFile, length: number): Uint8Array {
  const buffer = new Uint8Array(Math.min(length, MAX_IO_CHUNK));
  if (file.kind === "stdio") {
    if (file.stream !== 0) throw new SyscallErrno(EBADF);
    return buffer.subarray(0, state.io.readStdin(buffer));
  }
  if (file.isDirectory) throw new SyscallErrno(EISDIR);
  const count = host(() => state.hostFs!.read(file.handle, buffer, file.position));
  file.position += count;
  return buffer.subarray(0, count);
}

function writeFile(state: LinuxUserState, file: OpenFile, bytes: Uint8Array): number {
  if (file.kind !== "stdio" || file.stream === 0) throw new SyscallErrno(EBADF);
  state.io.write(file.stream, bytes);
  return bytes.length;
}

/** Resolves a path argument against `dirfd` the way the *at syscalls do. */
function resolvePath(state: LinuxUserState, dirfd: number, path: string): string {
  if (state.hostFs === null) throw new SyscallErrno(ENOENT);
  if (path.startsWith("/")) return path;
  if (dirfd === AT_FDCWD) return state.hostFs.resolve(state.cwd, path);
  const dir = fileOf(state, dirfd);
  if (dir.kind !== "host" || !dir.isDirectory) throw new SyscallErrno(ENOTDIR);
  return state.hostFs.resolve(dir.path, path);
}

function stdioStat(state: LinuxUserState, stream: 0 | 1 | 2): HostStat {
  const terminal = isTerminal(state, stream);
  return {
    dev: terminal ? 0x16n : 0xcn,
    ino: BigInt(3 + stream),
    mode: terminal ? S_IFCHR | 0o620 : S_IFIFO | 0o600,
    nlink: 1,
    uid: state.identity.uid,
    gid: state.identity.gid,
    rdev: terminal ? 0x8800n : 0n,
    size: 0n,
    blksize: terminal ? 1024 : 4096,
    blocks: 0n,
    atimeNs: 0n,
    mtimeNs: 0n,
    ctimeNs: 0n,
  };
}

function statOfFile(state: LinuxUserState, file: OpenFile): HostStat {
  return file.kind === "stdio" ? stdioStat(state, file.stream) : host(() => state.hostFs!.fstat(file.handle));
}

/** Gathers the iovec array at `iov` into [base, length] pairs. */
function readIovecs(state: LinuxUserState, iov: bigint, count: number): Array<[number, number]> {
  if (count < 0 || count > IOV_MAX) throw new SyscallErrno(EINVAL);
  const raw = readGuest(state.memory, toAddress(iov), count * 16);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const result: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    result.push([toAddress(view.getBigUint64(i * 16, true)), size(view.getBigUint64(i * 16 + 8, true))]);
  }
  return result;
}

function sys_read(state: LinuxUserState, [fd, buf, count]: readonly bigint[]): number {
  const file = fileOf(state, int32(fd));
  const address = toAddress(buf!);
  const bytes = readFile(state, file, size(count));
  writeGuest(state.memory, address, bytes);
  return bytes.length;
}

function sys_write(state: LinuxUserState, [fd, buf, count]: readonly bigint[]): number {
  const file = fileOf(state, int32(fd));
  return writeFile(state, file, readGuest(state.memory, toAddress(buf!), size(count)));
}

function sys_readv(state: LinuxUserState, [fd, iov, count]: readonly bigint[]): number {
  const file = fileOf(state, int32(fd));
  let total = 0;
  for (const [base, length] of readIovecs(state, iov!, int32(count))) {
    if (length === 0) continue;
    const bytes = readFile(state, file, length);
    writeGuest(state.memory, base, bytes);
    total += bytes.length;
    if (bytes.length < length) break;
  }
  return total;
}

function sys_writev(state: LinuxUserState, [fd, iov, count]: readonly bigint[]): number {
  const file = fileOf(state, int32(fd));
  const parts = readIovecs(state, iov!, int32(count)).map(([base, length]) => readGuest(state.memory, base, length));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return writeFile(state, file, all);
}

function sys_openat(state: LinuxUserState, [dirfd, pathname, flags]: readonly bigint[]): number {
  const path = readCString(state.memory, toAddress(pathname!));
  const openFlags = int32(flags);
  if (path === "") return -ENOENT;
  // Host files are read-only to the guest.
  if ((openFlags & O_ACCMODE) !== 0 || (openFlags & (O_CREAT | O_TRUNC)) !== 0) return -EACCES;
  const resolved = resolvePath(state, int32(dirfd), path);
  const hostFs = state.hostFs!;
  const handle = host(() => hostFs.open(resolved));
  let isDirectory: boolean;
  try {
    isDirectory = (host(() => hostFs.fstat(handle)).mode & 0o170000) === S_IFDIR;
  } catch (error) {
    hostFs.close(handle);
    throw error;
  }
  if ((openFlags & O_DIRECTORY) !== 0 && !isDirectory) {
    hostFs.close(handle);
    return -ENOTDIR;
  }
  const file: OpenFile = { kind: "host", handle, position: 0, path: resolved, isDirectory };
  const fd = state.files.allocate(file, 0, (openFlags & O_CLOEXEC) !== 0);
  if (fd === null) {
    hostFs.close(handle);
    return -EMFILE;
  }
  return fd;
}

function sys_pread64(state: LinuxUserState, [fd, buf, count, offset]: readonly bigint[]): number {
  const file = fileOf(state, int32(fd));
  if (file.kind === "stdio") return -ESPIPE;
  const position = int64(offset);
  if (position < 0n) return -EINVAL;
  if (file.isDirectory) return -EISDIR;
  const buffer = new Uint8Array(Math.min(size(count), MAX_IO_CHUNK));
  const read = host(() => state.hostFs!.read(file.handle, buffer, Number(position)));
  writeGuest(state.memory, toAddress(buf!), buffer.subarray(0, read));
  return read;
}

function duplicate(state: LinuxUserState, fd: number, from: number, cloexec: boolean): number {
  const file = fileOf(state, fd);
  if (from < 0 || from >= MAX_OPEN_FILES) return -EINVAL;
  return state.files.allocate(file, from, cloexec) ?? -EMFILE;
}

function sys_dup(state: LinuxUserState, [fd]: readonly bigint[]): number {
  return duplicate(state, int32(fd), 0, false);
}

function sys_dup3(state: LinuxUserState, [oldfd, newfd, flags]: readonly bigint[]): number {
  const file = fileOf(state, int32(oldfd));
  const target = int32(newfd);
  if (target === int32(oldfd) || (int32(flags) & ~O_CLOEXEC) !== 0) return -EINVAL;
  if (target < 0 || target >= MAX_OPEN_FILES) return -EBADF;
  state.files.install(target, file, (int32(flags) & O_CLOEXEC) !== 0);
  return target;
}

function sys_fcntl(state: LinuxUserState, [fd, cmd, arg]: readonly bigint[]): number {
  const descriptor = int32(fd);
  const file = fileOf(state, descriptor);
  switch (int32(cmd)) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      return duplicate(state, descriptor, int32(arg), int32(cmd) === F_DUPFD_CLOEXEC);
    case F_GETFD:
      return state.files.isCloseOnExec(descriptor) ? FD_CLOEXEC : 0;
    case F_SETFD:
      state.files.setCloseOnExec(descriptor, (int32(arg) & FD_CLOEXEC) !== 0);
      return 0;
    case F_GETFL:
      // Host files are O_RDONLY (0); a terminal is read-write; otherwise stdin reads, stdout/stderr write.
      if (file.kind === "host") return 0;
      if (isTerminal(state, file.stream)) return O_RDWR;
      return file.stream === 0 ? 0 : O_WRONLY;
    case F_SETFL:
      return 0; // O_APPEND/O_NONBLOCK/…: nothing here blocks or appends differently
    default:
      return -EINVAL;
  }
}

function sys_close(state: LinuxUserState, [fd]: readonly bigint[]): number {
  return state.files.close(int32(fd)) ? 0 : -EBADF;
}

function sys_lseek(state: LinuxUserState, [fd, offset, whence]: readonly bigint[]): number {
  const file = fileOf(state, int32(fd));
  if (file.kind === "stdio") return -ESPIPE;
  const delta = Number(int64(offset));
  const base = [0, file.position, Number(statOfFile(state, file).size)][int32(whence)];
  if (base === undefined) return -EINVAL;
  const position = base + delta;
  if (position < 0) return -EINVAL;
  file.position = position;
  return position;
}

function sys_fstat(state: LinuxUserState, [fd, statbuf]: readonly bigint[]): number {
  const stat = statOfFile(state, fileOf(state, int32(fd)));
  writeGuest(state.memory, toAddress(statbuf!), encodeStat(stat));
  return 0;
}

function sys_newfstatat(state: LinuxUserState, [dirfd, pathname, statbuf, flags]: readonly bigint[]): number {
  const path = readCString(state.memory, toAddress(pathname!));
  const atFlags = int32(flags);
  let stat: HostStat;
  if (path === "") {
    if ((atFlags & AT_EMPTY_PATH) === 0) return -ENOENT;
    const fd = int32(dirfd);
    if (fd === AT_FDCWD) {
      if (state.hostFs === null) return -ENOENT;
      stat = host(() => state.hostFs!.stat(state.cwd, true));
    } else {
      stat = statOfFile(state, fileOf(state, fd));
    }
  } else {
    const resolved = resolvePath(state, int32(dirfd), path);
    stat = host(() => state.hostFs!.stat(resolved, (atFlags & AT_SYMLINK_NOFOLLOW) === 0));
  }
  writeGuest(state.memory, toAddress(statbuf!), encodeStat(stat));
  return 0;
}

function sys_readlinkat(state: LinuxUserState, [dirfd, pathname, buf, bufsiz]: readonly bigint[]): number {
  const path = readCString(state.memory, toAddress(pathname!));
  const limit = int32(bufsiz);
  if (limit <= 0) return -EINVAL;
  const target =
    path === "/proc/self/exe"
      ? state.execPath
      : host(() => state.hostFs?.readlink(resolvePath(state, int32(dirfd), path)) ?? "");
  const bytes = new TextEncoder().encode(target).subarray(0, limit);
  writeGuest(state.memory, toAddress(buf!), bytes);
  return bytes.length;
}

function sys_getcwd(state: LinuxUserState, [buf, length]: readonly bigint[]): number {
  const bytes = new TextEncoder().encode(`${state.cwd}\0`);
  if (size(length) < bytes.length) return -ERANGE;
  writeGuest(state.memory, toAddress(buf!), bytes);
  return bytes.length;
}

function sys_ioctl(state: LinuxUserState, [fd, request, arg]: readonly bigint[]): number {
  const file = fileOf(state, int32(fd));
  if (file.kind !== "stdio" || !isTerminal(state, file.stream)) return -ENOTTY;
  const code = Number(BigInt.asUintN(32, request!));
  if (code === TCGETS) {
    // struct termios (36 bytes): a cooked terminal: ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD,
    // ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN.
    const termios = new Uint8Array(36);
    const view = new DataView(termios.buffer);
    view.setUint32(0, 0x0500, true);
    view.setUint32(4, 0x0005, true);
    view.setUint32(8, 0x00bf, true);
    view.setUint32(12, 0x8a3b, true);
    termios.set([3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0], 17);
    writeGuest(state.memory, toAddress(arg!), termios);
    return 0;
  }
  if (code === TIOCGWINSZ) {
    const terminal = state.io.terminalSize?.(file.stream) ?? { rows: 24, columns: 80 };
    const winsize = new Uint8Array(8);
    const view = new DataView(winsize.buffer);
    view.setUint16(0, terminal.rows, true);
    view.setUint16(2, terminal.columns, true);
    writeGuest(state.memory, toAddress(arg!), winsize);
    return 0;
  }
  return -ENOTTY;
}

/** File and descriptor syscalls. */
export const FILE_SYSCALLS: readonly SyscallDefinition[] = [
  { number: 17, name: "getcwd", args: ["x", "u"], result: "d", handler: sys_getcwd },
  { number: 23, name: "dup", args: ["fd"], result: "d", handler: sys_dup },
  { number: 24, name: "dup3", args: ["fd", "fd", "x"], result: "d", handler: sys_dup3 },
  { number: 25, name: "fcntl", args: ["fd", "d", "x"], result: "d", handler: sys_fcntl },
  { number: 29, name: "ioctl", args: ["fd", "x", "x"], result: "d", handler: sys_ioctl },
  { number: 56, name: "openat", args: ["fd", "path", "x", "x"], result: "d", handler: sys_openat },
  { number: 57, name: "close", args: ["fd"], result: "d", handler: sys_close },
  { number: 62, name: "lseek", args: ["fd", "d", "d"], result: "d", handler: sys_lseek },
  { number: 63, name: "read", args: ["fd", "x", "u"], result: "d", handler: sys_read },
  { number: 64, name: "write", args: ["fd", "wbuf", "u"], result: "d", handler: sys_write },
  { number: 65, name: "readv", args: ["fd", "x", "d"], result: "d", handler: sys_readv },
  { number: 66, name: "writev", args: ["fd", "x", "d"], result: "d", handler: sys_writev },
  { number: 67, name: "pread64", args: ["fd", "x", "u", "d"], result: "d", handler: sys_pread64 },
  { number: 78, name: "readlinkat", args: ["fd", "path", "x", "d"], result: "d", handler: sys_readlinkat },
  { number: 79, name: "newfstatat", args: ["fd", "path", "x", "x"], result: "d", handler: sys_newfstatat },
  { number: 80, name: "fstat", args: ["fd", "x"], result: "d", handler: sys_fstat },
];

