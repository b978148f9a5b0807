import { describe, expect, it } from "vitest";
import { ConsoleOutput } from "./console-output.js";

function collect(capacity?: number) {
  const writes: string[] = [];
  const out = new ConsoleOutput((text) => writes.push(text), capacity);
  const push = (text: string) => {
    for (const char of text) out.push(char.charCodeAt(0));
  };
  return { writes, out, push };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("ConsoleOutput", () => {
  it("writes a whole line at its newline, not byte by byte", () => {
    const { writes, push } = collect();
    push("Booting Linux\nRun /init\n");
    expect(writes).toEqual(["Booting Linux\n", "Run /init\n"]);
  });

  it("writes a line without a newline (a prompt) on the next turn of the event loop", async () => {
    const { writes, push } = collect();
    push("done\n~ # ");
    expect(writes).toEqual(["done\n"]);
    await turn();
    expect(writes).toEqual(["done\n", "~ # "]);
    await turn();
    expect(writes).toHaveLength(2); // nothing held, nothing written twice
  });

  it("writes what it holds on flush, and a flush with nothing held writes nothing", () => {
    const { writes, out, push } = collect();
    out.flush();
    push("panic: ");
    out.flush();
    expect(writes).toEqual(["panic: "]);
  });

  it("writes a full buffer without waiting for a newline", () => {
    const { writes, push } = collect(4);
    push("abcdefg");
    expect(writes).toEqual(["abcd"]);
  });

  it("keeps every byte value as one latin1 character", () => {
    const { writes, out } = collect();
    for (const byte of [0x1b, 0x5b, 0xe9, 0xff]) out.push(byte);
    out.flush();
    expect([...writes.join("")].map((c) => c.charCodeAt(0))).toEqual([0x1b, 0x5b, 0xe9, 0xff]);
  });

  it("refuses a capacity that is not a positive whole number", () => {
    expect(() => new ConsoleOutput(() => {}, 0)).toThrow(/capacity 0/);
  });
});
