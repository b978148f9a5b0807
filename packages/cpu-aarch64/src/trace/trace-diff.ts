/**
 * Lock-step comparison of a running core against a QEMU instruction trace: before each instruction
 * the core's state is compared with QEMU's next state, and the first difference is reported with
 * both register files. Browser-safe; the trace comes from any step source (the Node entry reads
 * files and FIFOs).
 */
import type { Cpu } from "../core/cpu.js";
import { disassemble } from "../disasm/index.js";
import { packSpsr } from "../system/exceptions.js";
import type { QemuTraceStep, TraceState } from "./qemu-trace.js";

/** Where the comparison stands. */
export type TraceDiffStatus = "syncing" | "matching" | "diverged" | "trace-ended" | "no-sync";

/** The first step where the core and QEMU disagree. */
export interface TraceDivergence {
  /** Instructions that matched before this one (after the sync point). */
  readonly matched: number;
  readonly ours: TraceState;
  readonly qemu: QemuTraceStep;
  /** Names of the registers that differ (PC, X00..X30, SP, PSTATE, FPCR, FPSR, Q00..Q31). */
  readonly differing: readonly string[];
  /** The instruction both ran last (whose result differs), when there was one. */
  readonly previous: { readonly pc: bigint; readonly insn: number } | null;
}

/** Options of {@link TraceDiff}. */
export interface TraceDiffOptions {
  /** QEMU steps skipped at most while looking for the core's first PC (QEMU's boot stub runs first); default 1 000 000. */
  readonly maxSyncSkip?: number;
  /**
   * After an MRS of an identification register (op0=3, op1=0, CRn=0) whose result alone differs,
   * take QEMU's value into the core and go on (default true): the models differ on purpose where
   * the core lacks a feature QEMU has (AArch32, PMU), and the guest's path should stay comparable.
   * Each one is listed in {@link TraceDiff.adoptedIdReads} and in the report.
   */
  readonly adoptIdRegisterReads?: boolean;
  /**
   * The same for an MRS of any system register (default false): to look past a known difference in
   * a stored register or the counters (QEMU's follow the host clock). Listed like the ID reads.
   */
  readonly adoptSystemRegisterReads?: boolean;
  /** Names a code address for reports (e.g. a kernel symbol from System.map). */
  readonly symbolize?: (pc: bigint) => string | null;
}

/** The state of `cpu` as the comparer sees it (FP registers only when `withFp`). */
export function cpuTraceState(cpu: Cpu, withFp: boolean): TraceState {
  const x: bigint[] = [];
  for (let i = 0; i < 31; i++) x.push(cpu.getX(i));
  const base = { pc: cpu.getPC(), x, sp: cpu.getSP(), pstate: cpu.level === "system" ? packSpsr(cpu.getPstate()) : cpu.getNZCV() };
  if (!withFp) return base;
  const q: bigint[] = [];
  for (let i = 0; i < 32; i++) q.push(cpu.getV(i));
  return { ...base, fpcr: cpu.getFPCR(), fpsr: cpu.getFPSR(), q };
}

const NZCV_MASK = 0xf000_0000;
const reg = (i: number): string => `X${String(i).padStart(2, "0")}`;
const vreg = (i: number): string => `Q${String(i).padStart(2, "0")}`;

/** Names of the registers whose values differ between `a` and `b` (FP only where `b` has them). */
export function differingRegisters(a: TraceState, b: TraceState): string[] {
  const out: string[] = [];
  if (a.pc !== b.pc) out.push("PC");
  for (let i = 0; i < 31; i++) if (a.x[i] !== b.x[i]) out.push(reg(i));
  if (a.sp !== b.sp) out.push("SP");
  if (a.pstate >>> 0 !== b.pstate >>> 0) out.push("PSTATE");
  if (b.fpcr !== undefined && a.fpcr !== undefined && a.fpcr !== b.fpcr) out.push("FPCR");
  if (b.fpsr !== undefined && a.fpsr !== undefined && a.fpsr !== b.fpsr) out.push("FPSR");
  if (b.q !== undefined && a.q !== undefined) for (let i = 0; i < 32; i++) if (a.q[i] !== b.q[i]) out.push(vreg(i));
  return out;
}

/**
 * Compares a core with a QEMU trace one instruction at a time. Call {@link step} before each
 * instruction of the core (e.g. from `cpu.traceHook`); it stops comparing at the first divergence
 * or when the trace ends.
 *
 * Sync: QEMU runs its boot stub before the guest's entry point, so the trace is skipped up to the
 * first step at the core's first PC. Registers that differ there are the boot stub's leftovers
 * (QEMU's stub leaves the entry address in x4, for instance, and its reset state has Z set): X0-X30,
 * SP and NZCV are taken from QEMU into the core and listed in {@link adoptedAtSync}. A core instruction repeated without retiring (a
 * hypervisor restarts it after mapping a page) is compared once. At an exception vector, NZCV
 * differing alone is QEMU's way of taking exceptions (it clears NZCV; the Arm ARM keeps it): QEMU's
 * value is taken and counted in {@link nzcvAdoptedAtVectors}.
 */
export class TraceDiff {
  #status: TraceDiffStatus = "syncing";
  #matched = 0;
  #divergence: TraceDivergence | null = null;
  #previous: { pc: bigint; retired: number } | null = null;
  #lastMatched: { pc: bigint; insn: number } | null = null;
  #withFp = false;
  #skipped = 0;
  /** System register reads whose value was taken from QEMU (TraceDiffOptions.adoptIdRegisterReads, adoptSystemRegisterReads). */
  readonly adoptedIdReads: { pc: bigint; instruction: string; ours: bigint; qemu: bigint }[] = [];
  /** Exception entries where QEMU's cleared NZCV was taken into the core (see {@link step}). */
  nzcvAdoptedAtVectors = 0;
  /** Registers taken from QEMU at the sync point, with both values. */
  readonly adoptedAtSync: { name: string; ours: bigint; qemu: bigint }[] = [];

  constructor(
    private readonly next: () => QemuTraceStep | null,
    private readonly options: TraceDiffOptions = {},
  ) {}

  get status(): TraceDiffStatus {
    return this.#status;
  }

  /** Instructions that matched after the sync point. */
  get matched(): number {
    return this.#matched;
  }

  /** QEMU steps skipped before the sync point. */
  get skipped(): number {
    return this.#skipped;
  }

  get divergence(): TraceDivergence | null {
    return this.#divergence;
  }

  /** True while steps are still compared. */
  get active(): boolean {
    return this.#status === "syncing" || this.#status === "matching";
  }

  /** Compares the core, about to run `insn` at `pc`; returns true when this step diverged. */
  step(cpu: Cpu, pc: bigint, insn: number): boolean {
    if (!this.active) return false;
    const retired = cpu.instructionsRetired;
    const previous = this.#previous;
    if (previous !== null && previous.pc === pc && previous.retired === retired) return false;
    const qemu = this.#status === "syncing" ? this.#sync(cpu, pc) : this.next();
    if (qemu === null) {
      if (this.#status === "matching") this.#status = "trace-ended";
      return false;
    }
    let ours = cpuTraceState(cpu, qemu.q !== undefined || this.#withFp);
    let differing = differingRegisters(ours, qemu);
    if (differing.length === 1 && differing[0] === "PSTATE" && onlyNzcvDiffers(ours, qemu) && atExceptionVector(cpu, pc)) {
      // QEMU's exception entry writes PSTATE whole (DAIF | mode), clearing NZCV; the Arm ARM's
      // AArch64.TakeException leaves NZCV alone (SPSR holds the old value either way).
      cpu.setNZCV(qemu.pstate & NZCV_MASK);
      this.nzcvAdoptedAtVectors++;
      ours = { ...ours, pstate: (ours.pstate & ~NZCV_MASK) | (qemu.pstate & NZCV_MASK) };
      differing = [];
    }
    if (differing.length === 1 && this.#lastMatched !== null) {
      const rt = this.options.adoptSystemRegisterReads
        ? systemRegisterReadTarget(this.#lastMatched.insn)
        : this.options.adoptIdRegisterReads !== false
          ? idRegisterReadTarget(this.#lastMatched.insn)
          : null;
      if (rt !== null && differing[0] === reg(rt)) {
        this.adoptedIdReads.push({
          pc: this.#lastMatched.pc,
          instruction: disassemble(this.#lastMatched.insn, this.#lastMatched.pc),
          ours: ours.x[rt]!,
          qemu: qemu.x[rt]!,
        });
        cpu.setX(rt, qemu.x[rt]!);
        ours = { ...ours, x: qemu.x };
        differing = [];
      }
    }
    this.#previous = { pc, retired };
    if (differing.length === 0) {
      this.#matched++;
      this.#lastMatched = { pc, insn };
      return false;
    }
    this.#status = "diverged";
    this.#divergence = { matched: this.#matched, ours, qemu, differing, previous: this.#lastMatched };
    return true;
  }

  #sync(cpu: Cpu, pc: bigint): QemuTraceStep | null {
    const limit = this.options.maxSyncSkip ?? 1_000_000;
    for (;;) {
      const qemu = this.next();
      if (qemu === null || this.#skipped >= limit) {
        this.#status = "no-sync";
        return null;
      }
      if (qemu.pc !== pc) {
        this.#skipped++;
        continue;
      }
      this.#status = "matching";
      this.#withFp = qemu.q !== undefined;
      for (let i = 0; i < 31; i++) {
        const ours = cpu.getX(i);
        if (ours !== qemu.x[i]) {
          this.adoptedAtSync.push({ name: reg(i), ours, qemu: qemu.x[i]! });
          cpu.setX(i, qemu.x[i]!);
        }
      }
      if (cpu.getSP() !== qemu.sp) {
        this.adoptedAtSync.push({ name: "SP", ours: cpu.getSP(), qemu: qemu.sp });
        cpu.setSP(qemu.sp);
      }
      const nzcv = qemu.pstate & NZCV_MASK;
      if (cpu.getNZCV() !== nzcv) {
        this.adoptedAtSync.push({ name: "NZCV", ours: BigInt(cpu.getNZCV()), qemu: BigInt(nzcv) });
        cpu.setNZCV(nzcv);
      }
      return qemu;
    }
  }

  /** Call when the core's run has ended: a trace with no step left then counts as matched to its end. */
  finish(): void {
    if (this.#status === "matching" && this.next() === null) this.#status = "trace-ended";
  }

  #nzcvNote(): string {
    const notes: string[] = [];
    if (this.nzcvAdoptedAtVectors) notes.push(`; QEMU's NZCV taken at ${this.nzcvAdoptedAtVectors} exception entries`);
    if (this.adoptedIdReads.length) {
      const reads = this.adoptedIdReads.slice(0, 8).map((r) => `${r.instruction.replace(/\s+/g, " ")} 0x${r.ours.toString(16)} -> 0x${r.qemu.toString(16)}`);
      notes.push(`; QEMU's value taken for ${this.adoptedIdReads.length} ${this.options.adoptSystemRegisterReads ? "system" : "ID"} register reads (${reads.join("; ")}${this.adoptedIdReads.length > 8 ? "; ..." : ""})`);
    }
    return notes.join("");
  }

  /** A multi-line report of where the comparison ended. */
  report(): string {
    const symbol = (pc: bigint): string => {
      const name = this.options.symbolize?.(pc);
      return name ? ` <${name}>` : "";
    };
    const lines: string[] = [];
    const adopted = this.adoptedAtSync.length
      ? `; at the sync point ${this.adoptedAtSync.map((a) => `${a.name} 0x${a.ours.toString(16)} -> 0x${a.qemu.toString(16)}`).join(", ")} were taken from QEMU`
      : "";
    switch (this.#status) {
      case "syncing":
        return "trace-diff: the core ran no instruction";
      case "no-sync":
        return `trace-diff: QEMU's trace never reaches the core's first PC (${this.#skipped} steps read)`;
      case "matching":
        return `trace-diff: ${this.#matched} instructions matched QEMU (the run stopped first; ${this.#skipped} QEMU boot steps skipped${adopted}${this.#nzcvNote()})`;
      case "trace-ended":
        return `trace-diff: all ${this.#matched} instructions of QEMU's trace matched (${this.#skipped} QEMU boot steps skipped${adopted}${this.#nzcvNote()})`;
      case "diverged":
        break;
    }
    const d = this.#divergence!;
    lines.push(
      `trace-diff: first divergence after ${d.matched} matching instructions (QEMU trace line ${d.qemu.line}; ${this.#skipped} QEMU boot steps skipped${adopted}${this.#nzcvNote()})`,
    );
    if (d.previous !== null) {
      lines.push(
        `  last instruction run by both: ${hex(d.previous.pc)}${symbol(d.previous.pc)}  ${d.previous.insn.toString(16).padStart(8, "0")}  ${disassemble(d.previous.insn, d.previous.pc)}`,
      );
    }
    lines.push(`  differing: ${d.differing.join(" ")}`);
    lines.push(`  ${"register".padEnd(8)} ${"sel4ts".padEnd(34)} QEMU`);
    const row = (name: string, ours: string, qemu: string): void => {
      lines.push(`${ours === qemu ? " " : "*"} ${name.padEnd(8)} ${ours.padEnd(34)} ${qemu}`);
    };
    row("PC", hex(d.ours.pc) + symbol(d.ours.pc), hex(d.qemu.pc) + symbol(d.qemu.pc));
    for (let i = 0; i < 31; i++) row(reg(i), hex(d.ours.x[i]!), hex(d.qemu.x[i]!));
    row("SP", hex(d.ours.sp), hex(d.qemu.sp));
    row("PSTATE", hex32(d.ours.pstate), hex32(d.qemu.pstate));
    if (d.qemu.fpcr !== undefined && d.ours.fpcr !== undefined) row("FPCR", hex32(d.ours.fpcr), hex32(d.qemu.fpcr));
    if (d.qemu.fpsr !== undefined && d.ours.fpsr !== undefined) row("FPSR", hex32(d.ours.fpsr), hex32(d.qemu.fpsr));
    if (d.qemu.q !== undefined && d.ours.q !== undefined) {
      for (let i = 0; i < 32; i++) {
        if (d.ours.q[i] !== d.qemu.q[i]) row(vreg(i), d.ours.q[i]!.toString(16).padStart(32, "0"), d.qemu.q[i]!.toString(16).padStart(32, "0"));
      }
    }
    return lines.join("\n");
  }
}

/** Rt of any MRS (op0 = 2 or 3), else null. */
function systemRegisterReadTarget(insn: number): number | null {
  return insn >>> 20 === 0xd53 ? insn & 31 : null;
}

/** Rt of an MRS from the identification space (op0=3, op1=0, CRn=0), else null. */
function idRegisterReadTarget(insn: number): number | null {
  // MRS: 1101 0101 0011 op0[0] op1 CRn CRm op2 Rt, with op0 = 3 → bits 31..19 = 0x1aa7.
  if (insn >>> 19 !== 0x1aa7) return null;
  const op1 = (insn >>> 16) & 7;
  const crn = (insn >>> 12) & 15;
  return op1 === 0 && crn === 0 ? insn & 31 : null;
}

function onlyNzcvDiffers(a: TraceState, b: TraceState): boolean {
  return ((a.pstate ^ b.pstate) & ~NZCV_MASK) === 0;
}

/** True when `pc` is one of the 16 vector entries at VBAR_EL1 (a system-level core). */
function atExceptionVector(cpu: Cpu, pc: bigint): boolean {
  if (cpu.level !== "system") return false;
  const offset = pc - cpu.readSystemRegister("VBAR_EL1");
  return offset >= 0n && offset < 0x800n && offset % 0x80n === 0n;
}

function hex(value: bigint): string {
  return `0x${value.toString(16).padStart(16, "0")}`;
}

function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, "0")}`;
}

/**
 * Hooks `diff` into `cpu.traceHook` (chaining an existing hook): every instruction is compared
 * until the comparison ends, and `onEnd` is called once then (diverged, trace ended, no sync).
 */
export function attachTraceDiff(cpu: Cpu, diff: TraceDiff, onEnd?: (diff: TraceDiff) => void): void {
  const chained = cpu.traceHook;
  let ended = false;
  cpu.traceHook = (pc, insn) => {
    chained?.(pc, insn);
    diff.step(cpu, pc, insn);
    if (!ended && !diff.active) {
      ended = true;
      onEnd?.(diff);
    }
  };
}
