// cpio-stream ships no types; this declares the part of its API this package uses.
declare module "cpio-stream" {
  import type { Readable, Writable } from "node:stream";

  export interface CpioHeader {
    name: string;
    mode?: number;
    uid?: number;
    gid?: number;
    mtime?: Date;
    size?: number;
    linkname?: string;
    type?: "file" | "directory" | "symlink" | "character-device" | "block-device" | "fifo";
    dev?: number;
    ino?: number;
    nlink?: number;
    devmajor?: number;
    devminor?: number;
    rdevmajor?: number;
    rdevminor?: number;
  }

  export interface Pack extends Readable {
    entry(header: CpioHeader, body?: Uint8Array | string, callback?: (error?: Error) => void): Writable;
    finalize(): void;
  }

  export interface Extract extends Writable {
    on(event: "entry", listener: (header: CpioHeader, stream: Readable, next: () => void) => void): this;
    on(event: "finish", listener: () => void): this;
    on(event: "error", listener: (error: Error) => void): this;
  }

  export function pack(options?: { format?: "newc" | "odc" }): Pack;
  export function extract(): Extract;
}
