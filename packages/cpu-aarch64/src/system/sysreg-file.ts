/**
 * The EL1 system register file of one CPU: MRS/MSR/SYS/MSR-immediate with the architecture's
 * access checks (EL0 rules from SCTLR_EL1/CNTKCTL_EL1, CPACR_EL1.FPEN, HCR_EL2-style traps),
 * the values behind them, and the hypervisor's view (by name and by seL4_VCPUReg index).
 * PSTATE, the stack pointers, FPCR/FPSR and the EL0 thread pointers stay in the core and are
 * reached through {@link SysregHost}; the timer registers are delegated to a {@link GenericTimer}.
 */
import { CpuError } from "../core/errors.js";
import type { GicSystemRegisterPort, IccRegisterInfo } from "../gicv3/icc-registers.js";
import type { GenericTimer } from "../timer/generic-timer.js";
import {
  CORTEX_A53,
  ID_REG,
  breakpointCount,
  hasDit,
  hasMte,
  hasPan,
  hasSsbs,
  hasUao,
  isIdSpace,
  readCcsidr,
  readIdRegister,
  watchpointCount,
  type CpuModelData,
} from "./cpu-model.js";
import type { PendingInterrupts } from "./exceptions.js";
import { NO_HYP_TRAPS, undefinedInstruction, type HypTrapConfig, type SystemException } from "./hyp-traps.js";
import { esrFpAccess, esrSysregTrapForKey } from "./syndrome.js";
import { genericSysregName, sysregKey } from "./sysreg-key.js";
import {
  SCTLR,
  buildSysregTable,
  sysregEntry,
  type ComputedRegister,
  type HostRegister,
  type SysOpName,
  type SysregEntry,
} from "./sysreg-table.js";

/** The core's side of the registers it keeps itself. */
export interface SysregHost {
  /** Current value of a register the core holds (DAIF as DAIF[9:6], NZCV as NZCV[31:28]). */
  readHost(name: HostRegister): bigint;
  /**
   * Optional, for MRS without a BigInt: writes the value `readHost` gives as its low and high
   * 32-bit halves to `out[at]` and `out[at + 1]`. Without it these registers take the BigInt path.
   */
  readHostHalves?(name: HostRegister, out: Uint32Array, at: number): void;
  /** Stores a value that already has the register's write mask applied. */
  writeHost(name: HostRegister, value: bigint): void;
  /** Interrupt lines EL1 sees now (after IMO/FMO routing), for ISR_EL1. */
  pendingInterrupts(): PendingInterrupts;
}

/** Result of a guest access. */
export type SysregOutcome =
  /** Completed: the value read, or the value now held after a write. */
  | { kind: "done"; name: string; value: bigint }
  /** A SYS operation passed its checks; the core performs it with Xt as the operand. */
  | { kind: "op"; op: SysOpName; operand: bigint }
  | SystemException;

/** Options of {@link SysregFile}. */
export interface SysregFileOptions {
  host: SysregHost;
  timer: GenericTimer;
  /** Default {@link CORTEX_A53}. */
  model?: CpuModelData;
  /** CPU index, for the reset value of VMPIDR_EL2 (what MPIDR_EL1 reads). Default 0. */
  cpuIndex?: number;
  /** HCR_EL2-style traps; default {@link NO_HYP_TRAPS}. Can be changed later via `hypTraps`. */
  hypTraps?: HypTrapConfig;
  /**
   * The GICv3 CPU interface behind the ICC_* system registers. With it, ID_AA64PFR0_EL1.GIC
   * reads 1 and ICC_* accesses at EL1 reach it; without it (a GICv2 machine) they are UNDEFINED.
   */
  gic?: GicSystemRegisterPort;
}

/** seL4_VCPUReg order (seL4 ≥ 14.0, spec sel4-kernel.md §3); index 13 was ISR before 14.0. */
export const SEL4_VCPU_REGS = [
  "SCTLR_EL1",
  "CPACR_EL1",
  "TTBR0_EL1",
  "TTBR1_EL1",
  "TCR_EL1",
  "MAIR_EL1",
  "AMAIR_EL1",
  "CONTEXTIDR_EL1",
  "ACTLR_EL1",
  "AFSR0_EL1",
  "AFSR1_EL1",
  "ESR_EL1",
  "FAR_EL1",
  "PAR_EL1",
  "VBAR_EL1",
  "TPIDR_EL1",
  "VMPIDR_EL2",
  "SP_EL1",
  "ELR_EL1",
  "SPSR_EL1",
  "CNTV_CTL_EL0",
  "CNTV_CVAL_EL0",
  "CNTVOFF_EL2",
  "CNTKCTL_EL1",
] as const;

/** Registers whose writes change how addresses translate (the core flushes its TLB on them). */
export const TRANSLATION_REGISTERS: ReadonlySet<string> = new Set([
  "SCTLR_EL1",
  "TTBR0_EL1",
  "TTBR1_EL1",
  "TCR_EL1",
  "MAIR_EL1",
]);

const CPACR_FPEN_SHIFT = 20n;
const ISR_A = 1n << 8n;
const ISR_I = 1n << 7n;
const ISR_F = 1n << 6n;
const DCZID_DZP = 1n << 4n;
/** OSLSR_EL1.OSLM = 0b10 (bit 3): the OS lock is implemented. OSLK is bit 1. */
const OSLSR_OSLM = 0x8n;
const U64 = (1n << 64n) - 1n;
/** ID_AA64PFR0_EL1.GIC [27:24] = 1: the GICv3/v4 system register interface is implemented. */
const PFR0_GIC_SYSREGS = 1n << 24n;

/**
 * A register MRS can copy as two 32-bit halves: its entry, and where the value lives: the host's
 * register `host`, or else `words[at]` (low) and `words[at + 1]` (high). One shape for every
 * kind (`words` unused for a host register) keeps the per-MRS property loads monomorphic.
 */
interface HalvesRead {
  readonly entry: SysregEntry;
  readonly host: HostRegister | null;
  readonly words: Uint32Array;
  readonly at: number;
}

/** MSR (immediate) PSTATE fields, keyed by op1 << 3 | op2. */
const PSTATE_FIELD = { SPSel: (0 << 3) | 5, DAIFSet: (3 << 3) | 6, DAIFClr: (3 << 3) | 7 } as const;

/** One CPU's EL1 system registers. No module state: make one per CPU. */
export class SysregFile {
  /** HCR_EL2-style trap configuration; the hypervisor changes it when it switches VCPUs. */
  hypTraps: HypTrapConfig;
  private readonly host: SysregHost;
  private readonly timer: GenericTimer;
  private readonly model: CpuModelData;
  private readonly cpuIndex: number;
  private readonly gic: GicSystemRegisterPort | undefined;
  private readonly table: ReadonlyMap<number, SysregEntry>;
  private readonly byName: ReadonlyMap<string, SysregEntry>;
  /** Values of the "stored" registers, indexed through `slot`. */
  private readonly values: BigUint64Array;
  private readonly slot: ReadonlyMap<number, number>;
  /** The named ID registers' values (fixed by the model), in table order. */
  private readonly idValues: BigUint64Array;
  /** The table's entries by key (an array: a Map lookup costs more per MSR and SYS). */
  private readonly byKey: readonly (SysregEntry | undefined)[];
  /** The registers `readHalves` serves, by key (an array: a Map lookup costs more per MRS). */
  private readonly halvesReads: readonly (HalvesRead | undefined)[];
  /** Where `spSelIsZero` has the host put SPSel. */
  private readonly scratch = new Uint32Array(2);

  /** Creates the file with every stored register at its reset value. */
  constructor(options: SysregFileOptions) {
    this.host = options.host;
    this.timer = options.timer;
    this.model = options.model ?? CORTEX_A53;
    this.cpuIndex = options.cpuIndex ?? 0;
    this.hypTraps = options.hypTraps ?? NO_HYP_TRAPS;
    this.gic = options.gic;
    rejectUnimplementedFeatures(this.model);
    this.table = buildSysregTable(breakpointCount(this.model), watchpointCount(this.model), this.gic !== undefined);
    this.byName = new Map([...this.table.values()].map((e) => [e.name, e]));
    const byKey = new Array<SysregEntry | undefined>(1 << 16).fill(undefined);
    for (const e of this.table.values()) byKey[e.key] = e;
    this.byKey = byKey;
    const slot = new Map<number, number>();
    for (const e of this.table.values()) if (e.storage.kind === "stored") slot.set(e.key, slot.size);
    this.slot = slot;
    this.values = new BigUint64Array(slot.size);
    this.reset();
    const ids = [...this.table.values()].filter((e) => e.storage.kind === "id");
    this.idValues = BigUint64Array.from(ids, (e) => this.idValue(e.key));
    this.halvesReads = this.buildHalvesReads(ids);
  }

  /** What `readHalves` needs per key: stored, host (when the host copies halves) and named ID registers. */
  private buildHalvesReads(ids: readonly SysregEntry[]): (HalvesRead | undefined)[] {
    const reads = new Array<HalvesRead | undefined>(1 << 16).fill(undefined);
    const valueHalves = new Uint32Array(this.values.buffer);
    const idHalves = new Uint32Array(this.idValues.buffer);
    for (const entry of this.table.values()) {
      if (entry.access === "wo") continue;
      const s = entry.storage;
      if (s.kind === "stored") {
        reads[entry.key] = { entry, host: null, words: valueHalves, at: 2 * this.slot.get(entry.key)! };
      } else if (s.kind === "host" && this.host.readHostHalves !== undefined) {
        reads[entry.key] = { entry, host: s.name, words: valueHalves, at: 0 };
      }
    }
    ids.forEach((entry, i) => (reads[entry.key] = { entry, host: null, words: idHalves, at: 2 * i }));
    return reads;
  }

  /** Puts every stored register back to its reset value (VMPIDR_EL2 = the model's MPIDR). */
  reset(): void {
    for (const e of this.table.values()) {
      if (e.storage.kind === "stored") this.values[this.slot.get(e.key)!] = e.storage.reset;
    }
    this.store("VMPIDR_EL2", readIdRegister(this.model, ID_REG.MPIDR_EL1, this.cpuIndex)!);
  }

  /** MRS Xt, <reg> (or SYSL) executed at `el`. */
  read(key: number, el: 0 | 1, rt: number): SysregOutcome {
    const entry = this.entryFor(key);
    if (entry === undefined || entry.access === "wo") return undefinedInstruction();
    const refused = this.checkAccess(entry, el, rt, true);
    if (refused !== null) return refused;
    return { kind: "done", name: entry.name, value: this.readEntry(entry, el) };
  }

  /**
   * MRS Xt, <reg> at `el` without an outcome or a BigInt, for registers held as 64-bit words
   * (stored, the host's, named ID registers): when `read` would complete, writes the value's low
   * and high halves to `out[2 * rt]` and `out[2 * rt + 1]` (nothing for XZR) and returns true.
   * Returns false with nothing written when the caller must use `read` (any refusal, any other
   * register), so exceptions and their syndromes come from one place.
   */
  readHalves(key: number, el: 0 | 1, rt: number, out: Uint32Array): boolean {
    const read = this.halvesReads[key];
    if (read === undefined || this.checkAccess(read.entry, el, rt, true) !== null) return false;
    if (rt === 31) return true;
    if (read.host !== null) {
      this.host.readHostHalves!(read.host, out, 2 * rt);
    } else {
      out[2 * rt] = read.words[read.at]!;
      out[2 * rt + 1] = read.words[read.at + 1]!;
    }
    return true;
  }

  /** MSR <reg>, Xt or SYS <op>, Xt executed at `el`; `value` is Xt. */
  write(key: number, el: 0 | 1, rt: number, value: bigint): SysregOutcome {
    const entry = this.entryFor(key);
    if (entry === undefined || entry.access === "ro") return undefinedInstruction();
    const refused = this.checkAccess(entry, el, rt, false);
    if (refused !== null) return refused;
    if (entry.storage.kind === "op") return { kind: "op", op: entry.storage.op, operand: value & U64 };
    this.writeEntry(entry, value & U64);
    return { kind: "done", name: entry.name, value: this.readEntry(entry, el) };
  }

  /**
   * SYS <op>, Xt executed at `el`, checked as `write` checks it but without the operand: the
   * operation once the access checks pass, the refusal otherwise, or null when the encoding names
   * a register rather than an operation (then `write` decides).
   */
  operation(key: number, el: 0 | 1, rt: number): SysOpName | SysregOutcome | null {
    const entry = this.entryFor(key);
    if (entry === undefined || entry.access === "ro") return undefinedInstruction();
    if (entry.storage.kind !== "op") return null;
    return this.checkAccess(entry, el, rt, false) ?? entry.storage.op;
  }

  /**
   * MSR <pstatefield>, #imm (op0 = 0, CRn = 4; `crm` is the immediate): DAIFSet, DAIFClr
   * (EL0 only with SCTLR_EL1.UMA, else EC 0x18 to EL1) and SPSel (EL1 only). PAN, UAO, SSBS,
   * DIT and TCO are UNDEFINED: the model does not advertise them.
   */
  msrImmediate(op1: number, op2: number, crm: number, el: 0 | 1): SysregOutcome {
    const field = ((op1 & 7) << 3) | (op2 & 7);
    if (field === PSTATE_FIELD.SPSel) {
      if (el === 0) return undefinedInstruction();
      this.host.writeHost("SPSel", BigInt(crm & 1));
      return { kind: "done", name: "SPSel", value: BigInt(crm & 1) };
    }
    if (field !== PSTATE_FIELD.DAIFSet && field !== PSTATE_FIELD.DAIFClr) return undefinedInstruction();
    if (el === 0 && (this.stored("SCTLR_EL1") & SCTLR.UMA) === 0n) {
      return this.trapToEl1(sysregKey(0, op1, 4, crm, op2), 31, false);
    }
    const bits = BigInt(crm & 0xf) << 6n;
    const daif = this.host.readHost("DAIF");
    const next = field === PSTATE_FIELD.DAIFSet ? daif | bits : daif & ~bits;
    this.host.writeHost("DAIF", next);
    return { kind: "done", name: "DAIF", value: next };
  }

  /** The hypervisor's or debugger's read of a register by name: no access checks. */
  get(name: string): bigint {
    return this.readEntry(this.named(name), 1);
  }

  /** The hypervisor's or debugger's write by name: no access checks, write masks applied. */
  set(name: string, value: bigint): void {
    this.writeEntry(this.named(name), value & U64);
  }

  /** seL4_ARM_VCPU_ReadRegs: the register at seL4_VCPUReg `index` (0 SCTLR … 23 CNTKCTL_EL1). */
  readVcpuReg(index: number): bigint {
    return this.get(vcpuRegName(index));
  }

  /** seL4_ARM_VCPU_WriteRegs: writes the register at seL4_VCPUReg `index`. */
  writeVcpuReg(index: number, value: bigint): void {
    this.set(vcpuRegName(index), value);
  }

  /** Inputs of stage-1 translation (the MMU's TranslationRegime). */
  translationRegime(): { sctlr: bigint; tcr: bigint; ttbr0: bigint; ttbr1: bigint; mair: bigint } {
    return {
      sctlr: this.stored("SCTLR_EL1"),
      tcr: this.stored("TCR_EL1"),
      ttbr0: this.stored("TTBR0_EL1"),
      ttbr1: this.stored("TTBR1_EL1"),
      mair: this.stored("MAIR_EL1"),
    };
  }

  /** The name of an encoding: its table name, else the generic `S3_0_C15_C0_0` form. */
  nameOf(key: number): string {
    return this.byKey[key]?.name ?? genericSysregName(key);
  }

  private entryFor(key: number): SysregEntry | undefined {
    const entry = this.byKey[key];
    if (entry !== undefined) return entry;
    if (!isIdSpace(key)) return undefined;
    // Unnamed encodings of the ID space read as zero (6.1 reads them unconditionally).
    return sysregEntry({ name: genericSysregName(key), storage: { kind: "id" }, access: "ro", el0: "undefined" }, key);
  }

  private named(name: string): SysregEntry {
    const entry = this.byName.get(name);
    if (entry === undefined) throw new CpuError(`unknown system register ${JSON.stringify(name)}`);
    return entry;
  }

  /** The exception an access raises, or null when it may proceed. Order: EL0 rules, EL1 rules, FP. */
  private checkAccess(entry: SysregEntry, el: 0 | 1, rt: number, isRead: boolean): SystemException | null {
    if (entry.hypervisorOnly) return undefinedInstruction();
    if (el === 0) {
      const rule = entry.el0;
      if (rule === "undefined" || (rule === "readOnly" && !isRead)) return undefinedInstruction();
      if (typeof rule === "object") {
        const enabled =
          "trapUnlessSctlr" in rule
            ? (this.stored("SCTLR_EL1") & rule.trapUnlessSctlr) !== 0n
            : (this.timer.read("CNTKCTL") & rule.trapUnlessCntkctl) !== 0n;
        if (!enabled) return this.trapToEl1(entry.key, rt, isRead);
      }
    } else {
      if (entry.needsSpSel1 && this.spSelIsZero()) return undefinedInstruction();
      if (entry.vm && (isRead ? this.hypTraps.trvm : this.hypTraps.tvm)) {
        return { kind: "exception", target: 2, esr: esrSysregTrapForKey(entry.key, rt, isRead), cause: "sysregTrap" };
      }
      if (entry.isGic && entry.storage.kind === "gic") return this.gicAccessCheck(entry.storage.info, entry.key, rt, isRead);
    }
    return entry.fp ? this.fpAccessCheck(el) : null;
  }

  /**
   * ICC_* at EL1: with the register's group routed to EL2 (IMO for group 1, FMO for group 0,
   * either for the common ones) it reaches the virtual interface, except the SGI generation
   * registers, whose writes trap to EL2 (EC 0x18); otherwise it needs a physical interface.
   */
  private gicAccessCheck(info: IccRegisterInfo, key: number, rt: number, isRead: boolean): SystemException | null {
    if (this.routedToVirtual(info)) {
      return info.trapsWhenVirtual
        ? { kind: "exception", target: 2, esr: esrSysregTrapForKey(key, rt, isRead), cause: "sysregTrap" }
        : null;
    }
    return this.gic?.readPhysical && this.gic.writePhysical ? null : undefinedInstruction();
  }

  private routedToVirtual(info: IccRegisterInfo): boolean {
    const { imo, fmo } = this.hypTraps;
    return info.group === "group1" ? imo : info.group === "group0" ? fmo : imo || fmo;
  }

  /**
   * The trap an FP/AdvSIMD instruction or FPCR/FPSR access at `el` takes, or null when FP is
   * enabled: CPACR_EL1.FPEN (to EL1) is checked before the hypervisor's CPTR_EL2.TFP (to EL2).
   */
  fpAccessCheck(el: 0 | 1): SystemException | null {
    if (!this.fpEnabled(el)) return { kind: "exception", target: 1, esr: esrFpAccess(), cause: "fpAccess" };
    if (this.hypTraps.tfp) return { kind: "exception", target: 2, esr: esrFpAccess(), cause: "fpAccess" };
    return null;
  }

  /** CPACR_EL1.FPEN: 0b11 enables EL0 and EL1, 0b01 only EL1, 0b00/0b10 neither. */
  private fpEnabled(el: 0 | 1): boolean {
    const fpen = (this.stored("CPACR_EL1") >> CPACR_FPEN_SHIFT) & 3n;
    return el === 0 ? fpen === 3n : (fpen & 1n) === 1n;
  }

  private trapToEl1(key: number, rt: number, isRead: boolean): SystemException {
    return { kind: "exception", target: 1, esr: esrSysregTrapForKey(key, rt, isRead), cause: "sysregTrap" };
  }

  private readEntry(entry: SysregEntry, el: 0 | 1): bigint {
    const s = entry.storage;
    switch (s.kind) {
      case "stored":
        return this.values[this.slot.get(entry.key)!]!;
      case "raz":
        return 0n;
      case "id":
        return this.idValue(entry.key);
      case "gic":
        return this.routedToVirtual(s.info) ? this.gic!.readVirtual(s.info.name) : this.gic!.readPhysical!(s.info.name);
      case "computed":
        return this.compute(s.what, el);
      case "host":
        return this.host.readHost(s.name);
      case "timer":
        return this.timer.read(s.name);
      case "op":
        throw new CpuError(`${entry.name} is an operation, not a register`);
    }
  }

  /** PSTATE.SPSel = 0 (checked by every MRS/MSR of SP_EL0 at EL1: without a BigInt when the host can). */
  private spSelIsZero(): boolean {
    if (this.host.readHostHalves === undefined) return this.host.readHost("SPSel") === 0n;
    this.host.readHostHalves("SPSel", this.scratch, 0);
    return this.scratch[0] === 0;
  }

  private idValue(key: number): bigint {
    const value = readIdRegister(this.model, key, this.cpuIndex) ?? 0n;
    return key === ID_REG.ID_AA64PFR0_EL1 && this.gic ? value | PFR0_GIC_SYSREGS : value;
  }

  private writeEntry(entry: SysregEntry, value: bigint): void {
    const s = entry.storage;
    switch (s.kind) {
      case "stored":
        this.values[this.slot.get(entry.key)!] = value & s.writable;
        return;
      case "raz":
        return;
      case "host":
        this.host.writeHost(s.name, value & s.writable);
        return;
      case "timer":
        this.timer.write(s.name, value);
        return;
      case "gic":
        if (this.routedToVirtual(s.info)) this.gic!.writeVirtual(s.info.name, value);
        else this.gic!.writePhysical!(s.info.name, value);
        return;
      default:
        throw new CpuError(`${entry.name} is read-only`);
    }
  }

  private compute(what: ComputedRegister, el: 0 | 1): bigint {
    switch (what) {
      case "CurrentEL":
        return BigInt(el << 2);
      case "ISR": {
        const lines = this.host.pendingInterrupts();
        return (lines.serror ? ISR_A : 0n) | (lines.irq ? ISR_I : 0n) | (lines.fiq ? ISR_F : 0n);
      }
      case "CCSIDR":
        return readCcsidr(this.model, this.stored("CSSELR_EL1"));
      case "DCZID": {
        // DZP reads 1 at EL0 while SCTLR_EL1.DZE = 0 (spec §2).
        const base = readIdRegister(this.model, ID_REG.DCZID_EL0) ?? 0n;
        return el === 0 && (this.stored("SCTLR_EL1") & SCTLR.DZE) === 0n ? base | DCZID_DZP : base;
      }
      case "MPIDR":
        return this.stored("VMPIDR_EL2");
      case "OSLSR":
        return OSLSR_OSLM | ((this.stored("OSLAR_EL1") & 1n) << 1n);
    }
  }

  private stored(name: string): bigint {
    return this.values[this.slot.get(this.named(name).key)!]!;
  }

  private store(name: string, value: bigint): void {
    this.writeEntry(this.named(name), value);
  }
}

function vcpuRegName(index: number): string {
  const name = SEL4_VCPU_REGS[index];
  if (name === undefined)
    throw new CpuError(`seL4_VCPUReg index ${index} is out of range (0..${SEL4_VCPU_REGS.length - 1})`);
  return name;
}

/** The file has no state for these PSTATE features, so a model advertising them is refused. */
function rejectUnimplementedFeatures(model: CpuModelData): void {
  const advertised = [
    ["PAN", hasPan],
    ["UAO", hasUao],
    ["SSBS", hasSsbs],
    ["DIT", hasDit],
    ["MTE", hasMte],
  ] as const;
  for (const [feature, has] of advertised) {
    if (has(model))
      throw new CpuError(
        `CPU model ${model.name} advertises ${feature}, which the system register file does not implement`
      );
  }
}
