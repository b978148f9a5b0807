import type { HostFileSystem } from "./host-fs.js";

/** What a guest file descriptor refers to. */
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

  /** @param hostFs closes host handles when their descriptor goes away */
  constructor(private readonly hostFs: HostFileSystem | null) {}

  /** The open file behind `fd`, if any. */
  get(fd: number): OpenFile | undefined {
    return this.entries.get(fd);
  }

  /** Installs `file` at the lowest free descriptor, as open(2) does; null when the table is full. */
  allocate(file: OpenFile): number | null {
    for (let fd = 0; fd < MAX_OPEN_FILES; fd++) {
      if (!this.entries.has(fd)) {
        this.entries.set(fd, file);
        return fd;
      }
    }
    return null;
  }

  /** Closes `fd`; false when it was not open. */
  close(fd: number): boolean {
    const file = this.entries.get(fd);
    if (file === undefined) return false;
    this.entries.delete(fd);
    if (file.kind === "host") this.hostFs?.close(file.handle);
    return true;
  }

  /** Closes every descriptor (the process is gone). */
  closeAll(): void {
    for (const fd of [...this.entries.keys()]) this.close(fd);
  }
}
