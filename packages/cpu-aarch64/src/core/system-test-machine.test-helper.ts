/**
 * Test fixtures for the system level: a system-level CPU with RAM at 0x40000000, code at its
 * start, a hole everywhere else, and an EL1 vector table whose 16 entries are `hvc #0x100+n`,
 * so that taking an exception shows up as an `hvc` exit naming the vector.
 */
import type { GicSystemRegisterPort } from "../gicv3/icc-registers.js";
import { GuestMemory } from "../memory/guest-memory.js";
import type { HypTrapConfig } from "../system/hyp-traps.js";
import { Cpu } from "./cpu.js";
import type { CpuExit } from "./exits.js";

export const RAM = 0x4000_0000;
export const RAM_SIZE = 0x20_0000;
export const CODE = RAM;
export const VECTORS = RAM + 0x1_0000;
/** Guest-physical address with nothing mapped. */
export const HOLE = 0x0900_0000;
/** `hvc #imm16`. */
export const hvc = (imm16: number): number => (0xd4000002 | (imm16 << 5)) >>> 0;
const VECTOR_MARK = 0x100;

export interface SystemMachine {
  cpu: Cpu;
  memory: GuestMemory;
  ram: Uint8Array;
}

/** A system-level CPU at EL1h running `words` at CODE, with the marker vector table installed. */
export function systemMachine(
  words: readonly number[],
  options: { hypTraps?: HypTrapConfig; timerToIrq?: boolean; gicv3?: GicSystemRegisterPort } = {},
): SystemMachine {
  const memory = new GuestMemory();
  const ram = memory.mapRam(RAM, RAM_SIZE);
  const view = new DataView(ram.buffer, ram.byteOffset, ram.byteLength);
  words.forEach((word, i) => view.setUint32(4 * i, word >>> 0, true));
  for (let n = 0; n < 16; n++) view.setUint32(VECTORS - RAM + n * 0x80, hvc(VECTOR_MARK + n), true);
  const cpu = new Cpu({ memory, level: "system", ...options });
  cpu.writeSystemRegister("VBAR_EL1", BigInt(VECTORS));
  cpu.setPC(BigInt(CODE));
  return { cpu, memory, ram };
}

/** The vector offset (0x000..0x780) an exit reports, or null when it is not a vector marker. */
export function vectorTaken(exit: CpuExit): number | null {
  if (exit.kind !== "hvc" || exit.imm16 < VECTOR_MARK || exit.imm16 >= VECTOR_MARK + 16) return null;
  return (exit.imm16 - VECTOR_MARK) * 0x80;
}

/** ESR_EL1 / ELR_EL1 / SPSR_EL1 / FAR_EL1 after an exception. */
export function exceptionRegisters(cpu: Cpu): { esr: number; elr: bigint; spsr: number; far: bigint } {
  return {
    esr: Number(cpu.readSystemRegister("ESR_EL1")),
    elr: cpu.readSystemRegister("ELR_EL1"),
    spsr: Number(cpu.readSystemRegister("SPSR_EL1")),
    far: cpu.readSystemRegister("FAR_EL1"),
  };
}
