/** Why `Cpu.run` stopped. Addresses and PCs are exact 64-bit values. */
export type CpuExit =
  | { kind: "budget" }
  /** PC is already past the SVC. */
  | { kind: "svc"; imm16: number }
  | { kind: "brk"; imm16: number; pc: bigint }
  | { kind: "undefined"; pc: bigint; insn: number }
  /** A data access to a hole, without permission, or (alignment: true) a misaligned exclusive. */
  | { kind: "dataAbort"; address: bigint; isWrite: boolean; pc: bigint; alignment?: boolean }
  /** A fetch from a hole or a non-executable page, or (alignment: true) a misaligned PC. */
  | { kind: "instructionAbort"; address: bigint; pc: bigint; alignment?: boolean }
  /** `pc` is the WFI/WFE itself; the CPU's PC is already past it. */
  | { kind: "wfi"; pc: bigint }
  | { kind: "wfe"; pc: bigint };

/** The kinds of CpuExit. */
export type CpuExitKind = CpuExit["kind"];
