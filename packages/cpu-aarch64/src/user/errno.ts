/** Linux errno values (asm-generic/errno-base.h, errno.h), as the syscall layer returns them negated. */
export const EPERM = 1;
/** No such file or directory. */
export const ENOENT = 2;
/** No such process. */
export const ESRCH = 3;
/** Interrupted system call. */
export const EINTR = 4;
/** I/O error. */
export const EIO = 5;
/** Bad file descriptor. */
export const EBADF = 9;
/** Try again. */
export const EAGAIN = 11;
/** Out of memory. */
export const ENOMEM = 12;
/** Permission denied. */
export const EACCES = 13;
/** Bad address. */
export const EFAULT = 14;
/** File exists. */
export const EEXIST = 17;
/** No such device. */
export const ENODEV = 19;
/** Not a directory. */
export const ENOTDIR = 20;
/** Is a directory. */
export const EISDIR = 21;
/** Invalid argument. */
export const EINVAL = 22;
/** Too many open files. */
export const EMFILE = 24;
/** Not a typewriter. */
export const ENOTTY = 25;
/** Illegal seek. */
export const ESPIPE = 29;
/** Read-only file system. */
export const EROFS = 30;
/** Result out of range. */
export const ERANGE = 34;
/** File name too long. */
export const ENAMETOOLONG = 36;
/** Function not implemented. */
export const ENOSYS = 38;
/** Too many symbolic links. */
export const ELOOP = 40;
/** Value too large for defined data type. */
export const EOVERFLOW = 75;
/** Connection timed out (futex waits with a timeout). */
export const ETIMEDOUT = 110;

/** Names and strace-style descriptions, by errno. */
export const ERRNO_NAMES: ReadonlyMap<number, readonly [name: string, text: string]> = new Map([
  [EPERM, ["EPERM", "Operation not permitted"]],
  [ENOENT, ["ENOENT", "No such file or directory"]],
  [ESRCH, ["ESRCH", "No such process"]],
  [EINTR, ["EINTR", "Interrupted system call"]],
  [EIO, ["EIO", "Input/output error"]],
  [EBADF, ["EBADF", "Bad file descriptor"]],
  [EAGAIN, ["EAGAIN", "Resource temporarily unavailable"]],
  [ENOMEM, ["ENOMEM", "Cannot allocate memory"]],
  [EACCES, ["EACCES", "Permission denied"]],
  [EFAULT, ["EFAULT", "Bad address"]],
  [EEXIST, ["EEXIST", "File exists"]],
  [ENODEV, ["ENODEV", "No such device"]],
  [ENOTDIR, ["ENOTDIR", "Not a directory"]],
  [EISDIR, ["EISDIR", "Is a directory"]],
  [EINVAL, ["EINVAL", "Invalid argument"]],
  [EMFILE, ["EMFILE", "Too many open files"]],
  [ENOTTY, ["ENOTTY", "Inappropriate ioctl for device"]],
  [ESPIPE, ["ESPIPE", "Illegal seek"]],
  [EROFS, ["EROFS", "Read-only file system"]],
  [ERANGE, ["ERANGE", "Numerical result out of range"]],
  [ENAMETOOLONG, ["ENAMETOOLONG", "File name too long"]],
  [ENOSYS, ["ENOSYS", "Function not implemented"]],
  [ELOOP, ["ELOOP", "Too many levels of symbolic links"]],
  [EOVERFLOW, ["EOVERFLOW", "Value too large for defined data type"]],
  [ETIMEDOUT, ["ETIMEDOUT", "Connection timed out"]],
]);

/** Maps a Node.js error code ("ENOENT") to the Linux errno; unknown codes become EIO. */
export function errnoFromHostCode(code: unknown): number {
  for (const [errno, [name]] of ERRNO_NAMES) if (name === code) return errno;
  return EIO;
}

/**
 * Thrown inside a syscall handler to return `-errno` to the guest (for example EFAULT from a
 * guest-memory helper). Internal to the syscall layer: the dispatcher always catches it.
 */
export class SyscallErrno extends Error {
  /** @param errno positive Linux errno */
  constructor(readonly errno: number) {
    super(`errno ${errno}`);
  }
}
