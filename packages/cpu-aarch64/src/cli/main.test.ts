import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { UserIo } from "../user/io.js";
import { runCli } from "./main.js";

const bin = (name: string): string => fileURLToPath(new URL(`../user/fixtures/bin/${name}`, import.meta.url));

/** A UserIo that records every write in order, tagged with its fd. */
function recordingIo(stdin = ""): { io: UserIo; writes: Array<[number, string]> } {
  const writes: Array<[number, string]> = [];
  const input = new TextEncoder().encode(stdin);
  let offset = 0;
  return {
    writes,
    io: {
      readStdin: (buffer) => {
        const n = Math.min(buffer.length, input.length - offset);
        buffer.set(input.subarray(offset, offset + n));
        offset += n;
        return n;
      },
      write: (fd, bytes) => writes.push([fd, new TextDecoder().decode(bytes)]),
    },
  };
}

describe("runCli", () => {
  it("runs the program with the given environment and returns its status", () => {
    const { io, writes } = recordingIo();
    expect(runCli(["user", bin("args"), "x"], io, { HOME: "/nowhere" })).toBe(2);
    expect(writes).toEqual([
      [1, bin("args")],
      [1, "\n"],
      [1, "x"],
      [1, "\n"],
    ]);
  });

  it("keeps strace lines and guest output in order, stats last", () => {
    const { io, writes } = recordingIo("abc");
    expect(runCli(["user", "--strace", "--stats", bin("cat")], io, {})).toBe(0);
    const text = writes.map(([fd, t]) => `${fd}:${t}`).join("");
    expect(text).toMatch(
      /^2:read\(0, 0x[0-9a-f]+, 64\) = 3\n1:abc2:write\(1, "abc", 3\) = 3\nread\(0, 0x[0-9a-f]+, 64\) = 0\nexit_group\(0\) = \?\n2:sel4ts-aarch64: \d+ instructions retired/,
    );
  });

  it("returns 2 with one line for a usage error", () => {
    const { io, writes } = recordingIo();
    expect(runCli(["user"], io, {})).toBe(2);
    expect(writes).toEqual([[2, "sel4ts-aarch64: missing FILE (see sel4ts-aarch64 --help)\n"]]);
  });
});
