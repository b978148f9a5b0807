import { describe, expect, it } from "vitest";
import { GuestMemory } from "../memory/guest-memory.js";
import { STACK_SIZE, STACK_TOP } from "./layout.js";
import { AT_EXECFN, AT_NULL, AT_PAGESZ, AT_PLATFORM, AT_RANDOM, writeInitialStack } from "./stack.js";

function readU64(memory: GuestMemory, addr: number): number {
  return Number(new DataView(memory.read(addr, 8).buffer).getBigUint64(0, true));
}

function readString(memory: GuestMemory, addr: number): string {
  let end = addr;
  while (memory.read(end, 1)[0] !== 0) end++;
  return new TextDecoder().decode(memory.read(addr, end - addr));
}

describe("writeInitialStack", () => {
  const memory = new GuestMemory();
  memory.mapRam(STACK_TOP - STACK_SIZE, STACK_SIZE);
  const random = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
  const stack = writeInitialStack(memory, STACK_TOP, {
    argv: ["prog", "first arg", ""],
    env: ["HOME=/root", "LANG=C"],
    execFn: "/bin/prog",
    platform: "aarch64",
    random,
    auxv: [[AT_PAGESZ, 4096]],
  });

  it("puts argc at a 16-byte aligned SP, then argv, envp and auxv", () => {
    expect(stack.sp % 16).toBe(0);
    expect(readU64(memory, stack.sp)).toBe(3);
    const argv = [0, 1, 2].map((i) => readString(memory, readU64(memory, stack.sp + 8 + i * 8)));
    expect(argv).toEqual(["prog", "first arg", ""]);
    expect(readU64(memory, stack.sp + 32)).toBe(0);
    expect(stack.envpAddress).toBe(stack.sp + 40);
    expect(readString(memory, readU64(memory, stack.envpAddress))).toBe("HOME=/root");
    expect(readString(memory, readU64(memory, stack.envpAddress + 8))).toBe("LANG=C");
    expect(readU64(memory, stack.envpAddress + 16)).toBe(0);
  });

  it("ends auxv with AT_NULL and points AT_RANDOM/AT_EXECFN/AT_PLATFORM at their data", () => {
    const auxv = new Map<number, number>();
    let at = stack.auxvAddress;
    for (;;) {
      const type = readU64(memory, at);
      auxv.set(type, readU64(memory, at + 8));
      at += 16;
      if (type === AT_NULL) break;
    }
    expect(auxv.get(AT_PAGESZ)).toBe(4096);
    expect(memory.read(auxv.get(AT_RANDOM)!, 16)).toEqual(random);
    expect(readString(memory, auxv.get(AT_EXECFN)!)).toBe("/bin/prog");
    expect(readString(memory, auxv.get(AT_PLATFORM)!)).toBe("aarch64");
  });

  it("keeps the strings above the tables, below the top of the stack", () => {
    expect(stack.execFnAddress + "/bin/prog".length + 1).toBe(STACK_TOP - 8);
    expect(stack.randomAddress).toBeGreaterThan(stack.auxvAddress);
  });
});
