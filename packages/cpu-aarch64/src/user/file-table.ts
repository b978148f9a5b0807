import type { HostFileSystem } from "./host-fs.js";

/**
 * An open file description. Descriptors made by dup/fcntl share one object, and with it the
 * file position, as in Linux.
 */
export type OpenFile =
  | { kind: "stdio"; stream: 0 | 1 | 2 }
  | { kind: "host"; handle: number; position: number; path: string; isDirectory: boolean };

/** The highest number of descriptors a process may hold (RLIMIT_NOFILE soft limit). */
export const MAX_OPEN_FILES = 1024;

/** A process's file descriptor table: 0, 1 and 2 start as the standard streams. */
export class FileTable {
  private readonly entries = new Map<number, OpenFile>([
    [0, { kind: "stdio", stream: 0 }],
    [1, { kind: "stdio", stream: 1 }],
    [2, { kind: "stdio", stream: 2 }],
  ]);
  /** Descriptors with FD_CLOEXEC set (reported back by F_GETFD; there is no exec). */
  private readonly closeOnExec = new Set<number>();

  /** @param hostFs closes host handles when their last descriptor goes away */
  constructor(private readonly hostFs: HostFileSystem | null) {}

  /** The open file behind `fd`, if any. */
  get(fd: number): OpenFile | undefined {
    return this.entries.get(fd);
  }

  /**
   * Installs `file` at the lowest free descriptor >= `from`, as open(2) and F_DUPFD do;
   * null when the table is full.
   */
  allocate(file: OpenFile, from = 0, cloexec = false): number | null {
    for (let fd = from; fd < MAX_OPEN_FILES; fd++) {
      if (!this.entries.has(fd)) {
        this.install(fd, file, cloexec);
        return fd;
      }
    }
    return null;
  }

  /** Makes `fd` refer to `file` (closing what it referred to before), as dup3 does. */
  install(fd: number, file: OpenFile, cloexec = false): void {
    if (this.entries.get(fd) !== file) this.close(fd);
    this.entries.set(fd, file);
    this.setCloseOnExec(fd, cloexec);
  }

  /** Whether FD_CLOEXEC is set on `fd`. */
  isCloseOnExec(fd: number): boolean {
    return this.closeOnExec.has(fd);
  }

  /** Sets or clears FD_CLOEXEC on `fd`. */
  setCloseOnExec(fd: number, value: boolean): void {
    if (value) this.closeOnExec.add(fd);
    else this.closeOnExec.delete(fd);
  }

  /** Closes `fd` (the host file when no other descriptor shares it); false when it was not open. */
  close(fd: number): boolean {
    const file = this.entries.get(fd);
    if (file === undefined) return false;
    this.entries.delete(fd);
    this.closeOnExec.delete(fd);
    const stillShared = [...this.entries.values()].includes(file);
    if (file.kind === "host" && !stillShared) this.hostFs?.close(file.handle);
    return true;
  }

  /** Closes every descriptor (the process is gone). */
  closeAll(): void {
    for (const fd of [...this.entries.keys()]) this.close(fd);
  }
}
