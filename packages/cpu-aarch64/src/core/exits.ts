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
  | { kind: "wfe"; pc: bigint }
  // ---- system level (level: "system"): exits to the hypervisor; ESRs are ESR_EL2 values ----
  /**
   * Stage-2 fault: a data access (`instruction` false) or fetch to an IPA with nothing mapped (or
   * without the permission). PC is at the instruction (seL4 VMFault: IP, Addr = IPA, FSR = esr).
   */
  | { kind: "vmFault"; instruction: boolean; ipa: number; far: bigint; esr: number; pc: bigint }
  /** HVC (EC 0x16): `pc` is the HVC; the CPU's PC is already past it, as ELR_EL2 would be. */
  | { kind: "hvc"; imm16: number; esr: number; pc: bigint }
  /** SMC trapped by `hypTraps.tsc` (EC 0x17): PC at the SMC (the host steps past it). */
  | { kind: "smc"; imm16: number; esr: number; pc: bigint }
  /** WFI/WFE trapped by `hypTraps.twi/twe` (EC 0x01): PC at the instruction. */
  | { kind: "wfxTrap"; isWfe: boolean; esr: number; pc: bigint }
  /** MSR/MRS/SYS trapped by `hypTraps.tvm/trvm` (EC 0x18): PC at the instruction. */
  | { kind: "sysregTrap"; esr: number; pc: bigint }
  /**
   * An FP/AdvSIMD instruction or FPCR/FPSR access trapped by `hypTraps.tfp` (CPTR_EL2.TFP, EC
   * 0x07): PC at the instruction. The host enables FP (clears `tfp`) and runs again.
   */
  | { kind: "fpTrap"; esr: number; pc: bigint }
  /** A physical interrupt routed to the hypervisor (IMO/FMO) is pending. */
  | { kind: "interrupt"; irq: boolean; fiq: boolean; serror: boolean }
  /**
   * WFI/WFE is waiting with nothing to wake it. `wakeAt` is the counter value of the next timer
   * deadline (null: none); `cpu.skipIdle()` jumps virtual time there. Running again re-checks.
   */
  | { kind: "idle"; wakeAt: bigint | null }
  /** With `timerToIrq: false`: a timer output changed level (read `cpu.timer`). */
  | { kind: "timer"; virtual: boolean; physical: boolean }
  /** Fetching an exception vector faulted at once: the guest cannot make progress. */
  | { kind: "exceptionLoop"; esr: number; elr: bigint; far: bigint | null; pc: bigint };

/** The kinds of CpuExit. */
export type CpuExitKind = CpuExit["kind"];
