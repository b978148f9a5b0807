// Test helper (not a test file): a process state over real GuestMemory with a scratch page.
import { GuestMemory } from "../../memory/guest-memory.js";
import { AddressSpace, PROT_READ, PROT_WRITE } from "../address-space.js";
import { nodeHostFileSystem } from "../host-fs.js";
import type { UserIo } from "../io.js";
import { BufferedUserIo } from "../io.js";
import { LinuxUserState } from "../process-state.js";
import { dispatchSyscall } from "./dispatch.js";
import { SYSCALLS } from "./table.js";

/** Where tests put syscall arguments: 16 KiB of RW memory. */
export const SCRATCH = 0x10000;

/** A process state for syscall tests; `call` invokes a syscall by name and returns x0 as a signed number. */
export function createHarness(options: { stdin?: string; io?: UserIo; seed?: number; cwd?: string } = {}) {
  const memory = new GuestMemory();
  const space = new AddressSpace(memory);
  space.map(SCRATCH, 0x4000, PROT_READ | PROT_WRITE);
  space.map(0x400000, 0x1000, PROT_READ | PROT_WRITE);
  const buffered = new BufferedUserIo(new TextEncoder().encode(options.stdin ?? ""));
  let instructions = 0;
  const state = new LinuxUserState({
    space,
    io: options.io ?? buffered,
    hostFs: nodeHostFileSystem(),
    cwd: options.cwd ?? process.cwd(),
    execPath: "/opt/prog",
    seed: options.seed ?? 1,
    clock: "virtual",
    instructionsRetired: () => instructions,
    brkStart: 0x401000,
  });
  const straceLines: string[] = [];
  const call = (name: string, ...args: Array<number | bigint>): number => {
    const number = [...SYSCALLS.values()].find((d) => d.name === name)?.number;
    if (number === undefined) throw new Error(`no syscall ${name}`);
    return callNumber(number, ...args);
  };
  const callNumber = (number: number, ...args: Array<number | bigint>): number => {
    const raw = args.map((a) => BigInt.asUintN(64, BigInt(a)));
    while (raw.length < 6) raw.push(0n);
    return Number(BigInt.asIntN(64, dispatchSyscall(state, number, raw, (line) => straceLines.push(line))));
  };
  const putString = (addr: number, text: string): number => {
    memory.write(addr, new TextEncoder().encode(`${text}\0`));
    return addr;
  };
  const u64 = (addr: number): bigint => new DataView(memory.read(addr, 8).buffer).getBigUint64(0, true);
  return {
    memory,
    state,
    io: buffered,
    call,
    callNumber,
    putString,
    u64,
    straceLines,
    advance: (n: number) => {
      instructions += n;
    },
  };
}
