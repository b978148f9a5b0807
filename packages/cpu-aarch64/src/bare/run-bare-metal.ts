/**
 * The bare-metal test machine (SYSTEM.md, "Bare-metal runner"): RAM at 0x40000000, a PL011
 * transmitter at 0x09000000, PSCI over HVC (and SMC for SYSTEM_OFF), one system-level CPU
 * starting at EL1h with the MMU off and DAIF masked. What `sel4ts-aarch64 bare` runs.
 */
import { Cpu } from "../core/cpu.js";
import type { JitOptions } from "../core/cpu.js";
import { CpuError } from "../core/errors.js";
import type { CpuExit } from "../core/exits.js";
import { disassemble } from "../disasm/index.js";
import { GuestMemory } from "../memory/guest-memory.js";
import { NO_HYP_TRAPS } from "../system/hyp-traps.js";
import { esrUndefined } from "../system/syndrome.js";
import { Pl011Transmitter } from "./pl011.js";
import { psciCall } from "./psci.js";

/** Where the machine's RAM starts. */
export const BARE_RAM_BASE = 0x4000_0000;
/** The PL011's base address. */
export const BARE_UART_BASE = 0x0900_0000;
/** Default RAM size: 128 MiB. */
export const BARE_DEFAULT_MEM_SIZE = 128 * 1024 * 1024;
/** Default instruction limit. */
export const BARE_DEFAULT_MAX_INSTRUCTIONS = 1_000_000_000;
const SLICE = 1_000_000;
const SMALL_SLICE = 10_000;
const PAGE = 4096;

/** Options of {@link runBareMetal}. */
export interface RunBareMetalOptions {
  /** Raw image bytes, copied to `loadAddress`. */
  image: Uint8Array;
  loadAddress: number;
  /** Entry point; default `loadAddress`. */
  entry?: number;
  /** A flattened device tree placed in RAM; x0 holds its address (else 0). */
  dtb?: Uint8Array;
  /** RAM size in bytes (multiple of 4 KiB); default 128 MiB. */
  memSize?: number;
  /** The run fails after this many instructions; default 10^9. */
  maxInstructions?: number;
  /** Receives each byte the guest transmits. */
  uart?: (byte: number) => void;
  /** Receives one line per instruction executed: PC, encoding and disassembly (slow). */
  trace?: (line: string) => void;
  /** Run hot code as translated blocks (CpuOptions.jit; default true, false interprets every instruction). */
  jit?: boolean | JitOptions;
  /** Called with the core before it runs (e.g. to hook a QEMU trace comparison into `cpu.traceHook`). */
  observe?: (cpu: Cpu) => void;
  /** Checked every 10 000 instructions when given: true ends the run (exit code 1, reason "stopped"). */
  until?: () => boolean;
}

/** Result of {@link runBareMetal}. */
export interface BareMetalResult {
  /** 0 after PSCI SYSTEM_OFF (or SYSTEM_RESET); 1 when the guest could not go on. */
  exitCode: number;
  /** Everything transmitted on the UART. */
  uart: Uint8Array;
  instructions: number;
  /** Why the run ended: "PSCI SYSTEM_OFF", or a report of what went wrong. */
  reason: string;
}

function hex(value: bigint | number): string {
  return `0x${value.toString(16).padStart(16, "0")}`;
}

function checkLayout(options: RunBareMetalOptions, memSize: number): void {
  if (!Number.isInteger(memSize) || memSize <= 0 || memSize % PAGE !== 0) {
    throw new CpuError(`runBareMetal: memSize ${memSize} is not a positive multiple of 4 KiB`);
  }
  const at = options.loadAddress - BARE_RAM_BASE;
  if (!Number.isInteger(at) || at < 0 || at + options.image.length > memSize) {
    throw new CpuError(
      `runBareMetal: image of ${options.image.length} bytes at 0x${options.loadAddress.toString(16)} does not fit in RAM ` +
        `0x${BARE_RAM_BASE.toString(16)}+0x${memSize.toString(16)}`,
    );
  }
}

/** Places the DTB at the start of RAM, or in the last 2 MiB-aligned slot when the image is there. */
function placeDtb(dtb: Uint8Array, options: RunBareMetalOptions, memSize: number): number {
  const imageStart = options.loadAddress;
  const imageEnd = imageStart + options.image.length;
  const candidates = [BARE_RAM_BASE, BARE_RAM_BASE + memSize - Math.ceil(dtb.length / 0x200000) * 0x200000];
  for (const at of candidates) {
    if (at >= BARE_RAM_BASE && (at + dtb.length <= imageStart || at >= imageEnd)) return at;
  }
  throw new CpuError(`runBareMetal: no room in RAM for a DTB of ${dtb.length} bytes beside the image`);
}

/** A multi-line report of why the guest cannot go on: the exit, decoded ESRs, PC and code. */
function crashReport(cpu: Cpu, memory: GuestMemory, headline: string): string {
  const lines = [headline];
  const pc = cpu.getPC();
  lines.push(`  pc ${hex(pc)}: ${instructionAt(memory, pc)}`);
  const last = cpu.lastException;
  if (last !== null) {
    lines.push(
      `  last exception taken to EL1: ${last.kind} at vector ${hex(last.vector)}, ELR ${hex(last.elr)}` +
        (last.far === null ? "" : `, FAR ${hex(last.far)}`),
      `    ESR 0x${last.esr.toString(16).padStart(8, "0")} ${cpu.describeEsr(last.esr)}`,
      `    at ${hex(last.elr)}: ${instructionAt(memory, last.elr)}`,
    );
  }
  const pstate = cpu.getPstate();
  lines.push(
    `  PSTATE EL${pstate.el}${pstate.el === 1 ? (pstate.spSel ? "h" : "t") : "t"} DAIF=0x${pstate.daif.toString(16)} ` +
      `VBAR_EL1 ${hex(cpu.readSystemRegister("VBAR_EL1"))} SCTLR_EL1 ${hex(cpu.readSystemRegister("SCTLR_EL1"))}`,
  );
  return lines.join("\n");
}

function instructionAt(memory: GuestMemory, address: bigint): string {
  if (address >= 1n << 53n || !memory.isMapped(Number(address))) return "(not in physical memory)";
  const bytes = memory.read(Number(address), 4);
  const word = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  return `${word.toString(16).padStart(8, "0")}  ${disassemble(word, address)}`;
}

/** How one exit ends the run (a result) or lets it go on (null). */
function handleExit(cpu: Cpu, memory: GuestMemory, exit: CpuExit): { exitCode: number; reason: string } | null {
  switch (exit.kind) {
    case "budget":
      return null;
    case "hvc":
    case "smc": {
      const outcome = psciCall(Number(cpu.getX(0) & 0xffffffffn));
      if (outcome.kind === "off") return { exitCode: 0, reason: "PSCI SYSTEM_OFF" };
      if (outcome.kind === "reset") return { exitCode: 0, reason: "PSCI SYSTEM_RESET" };
      if (exit.kind === "smc") {
        // QEMU's virt machine has its PSCI conduit on HVC: any other SMC is UNDEFINED at EL1.
        cpu.injectException("sync", { esr: esrUndefined(), elr: exit.pc });
        return null;
      }
      cpu.setX(0, outcome.x0);
      return null;
    }
    case "idle":
      return cpu.skipIdle() ? null : { exitCode: 1, reason: crashReport(cpu, memory, "WFI/WFE with nothing that could wake it") };
    case "vmFault":
      return {
        exitCode: 1,
        reason: crashReport(
          cpu,
          memory,
          `${exit.instruction ? "instruction fetch from" : "data access to"} physical address 0x${exit.ipa.toString(16)} ` +
            `where nothing is mapped (VA ${hex(exit.far)}; ${cpu.describeEsr(exit.esr)})`,
        ),
      };
    case "exceptionLoop":
      return { exitCode: 1, reason: crashReport(cpu, memory, "the exception vector cannot be fetched: the guest is stuck in a loop of exceptions") };
    default:
      return { exitCode: 1, reason: crashReport(cpu, memory, `unexpected exit ${exit.kind}`) };
  }
}

/** RAM sizes above this are mapped as sparse RAM. */
const DENSE_RAM_LIMIT = 1 << 30;

/**
 * Runs a bare-metal AArch64 image on the test machine until PSCI SYSTEM_OFF, a fault the guest
 * cannot handle, or `maxInstructions`. Never throws for guest behaviour; throws CpuError when the
 * image or DTB does not fit in RAM.
 */
export function runBareMetal(options: RunBareMetalOptions): BareMetalResult {
  const memSize = options.memSize ?? BARE_DEFAULT_MEM_SIZE;
  const maxInstructions = options.maxInstructions ?? BARE_DEFAULT_MAX_INSTRUCTIONS;
  checkLayout(options, memSize);
  const memory = new GuestMemory();
  // Up to 1 GiB in one buffer; more (QEMU's virt takes 8G and beyond) as sparse RAM, made 2 MiB at
  // a time when touched, because one ArrayBuffer cannot hold more than 4 GiB.
  if (memSize <= DENSE_RAM_LIMIT) memory.mapRam(BARE_RAM_BASE, memSize);
  else memory.mapSparseRam(BARE_RAM_BASE, memSize);
  memory.write(options.loadAddress, options.image);
  const transmitted: number[] = [];
  memory.mapDevice(
    BARE_UART_BASE,
    PAGE,
    new Pl011Transmitter((byte) => {
      transmitted.push(byte);
      options.uart?.(byte);
    }),
  );
  // SMC traps to the machine (TSC) so that SYSTEM_OFF works over SMC too; other SMCs are UNDEFINED.
  const cpu = new Cpu({ memory, level: "system", hypTraps: { ...NO_HYP_TRAPS, tsc: true }, jit: options.jit });
  let dtbAddress = 0;
  if (options.dtb !== undefined) {
    dtbAddress = placeDtb(options.dtb, options, memSize);
    memory.write(dtbAddress, options.dtb);
  }
  cpu.setX(0, BigInt(dtbAddress));
  cpu.setPC(BigInt(options.entry ?? options.loadAddress));
  const trace = options.trace;
  if (trace !== undefined) {
    cpu.traceHook = (pc, insn) =>
      trace(`${pc.toString(16).padStart(16, "0")}  ${insn.toString(16).padStart(8, "0")}  ${disassemble(insn, pc)}`);
  }
  options.observe?.(cpu);
  const until = options.until;
  const slice = until === undefined ? SLICE : SMALL_SLICE;
  const finish = (exitCode: number, reason: string): BareMetalResult => ({
    exitCode,
    uart: Uint8Array.from(transmitted),
    instructions: cpu.instructionsRetired,
    reason,
  });
  for (;;) {
    const remaining = maxInstructions - cpu.instructionsRetired;
    if (remaining <= 0) {
      return finish(1, crashReport(cpu, memory, `still running after ${maxInstructions} instructions`));
    }
    const ended = handleExit(cpu, memory, cpu.run(Math.min(slice, remaining)));
    if (ended !== null) return finish(ended.exitCode, ended.reason);
    if (until?.()) return finish(1, "stopped");
  }
}
