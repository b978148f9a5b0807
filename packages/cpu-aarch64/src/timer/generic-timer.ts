/**
 * The Arm generic timer of one CPU as EL1/EL0 see it: the physical and virtual counters, the EL1
 * physical timer (CNTP_*) and the virtual timer (CNTV_*), CNTKCTL_EL1 and the hypervisor's
 * CNTVOFF_EL2. Time is supplied by the owner ({@link GenericTimer.setCounter}); the timer only
 * compares. Outputs are level lines, as the GIC sees PPIs 30 (physical) and 27 (virtual).
 */
import { CNTFRQ_HZ } from "./virtual-time.js";

/** Registers {@link GenericTimer.read} and {@link GenericTimer.write} accept. */
export type GenericTimerRegister =
  | "CNTFRQ"
  | "CNTPCT"
  | "CNTVCT"
  | "CNTP_CTL"
  | "CNTP_CVAL"
  | "CNTP_TVAL"
  | "CNTV_CTL"
  | "CNTV_CVAL"
  | "CNTV_TVAL"
  | "CNTKCTL"
  | "CNTVOFF";

/** CNTx_CTL bits. */
export const TIMER_CTL = { ENABLE: 1n, IMASK: 2n, ISTATUS: 4n } as const;

/** CNTKCTL_EL1 fields (EL0 access enables and the event stream). */
export const CNTKCTL = {
  EL0PCTEN: 1n << 0n,
  EL0VCTEN: 1n << 1n,
  EVNTEN: 1n << 2n,
  EVNTDIR: 1n << 3n,
  /** EVNTI[7:4]: the counter bit whose transition generates an event. */
  EVNTI_SHIFT: 4n,
  EL0VTEN: 1n << 8n,
  EL0PTEN: 1n << 9n,
  /** Bits that hold state without FEAT_ECV. */
  WRITABLE: 0x3ffn,
} as const;

/** The named state a VCPU switch saves and restores (seL4 saves the CNTV_* and CNTKCTL ones). */
export interface GenericTimerState {
  CNTV_CTL: bigint;
  CNTV_CVAL: bigint;
  CNTVOFF: bigint;
  CNTKCTL: bigint;
  CNTP_CTL: bigint;
  CNTP_CVAL: bigint;
}

/** Options of {@link GenericTimer}. */
export interface GenericTimerOptions {
  /** CNTFRQ_EL0 value; default 62.5 MHz. */
  frequencyHz?: number;
}

const U64 = (1n << 64n) - 1n;
const CTL_WRITABLE = TIMER_CTL.ENABLE | TIMER_CTL.IMASK;

/** One comparator: control bits and compare value, against the counter it watches. */
interface Comparator {
  ctl: bigint;
  cval: bigint;
}

function firing(c: Comparator, count: bigint): boolean {
  return (c.ctl & TIMER_CTL.ENABLE) !== 0n && count >= c.cval;
}

function outputLevel(c: Comparator, count: bigint): boolean {
  return firing(c, count) && (c.ctl & TIMER_CTL.IMASK) === 0n;
}

/** Ticks from `count` until an enabled, unmasked, not yet firing comparator fires; else null. */
function ticksUntilOutput(c: Comparator, count: bigint): bigint | null {
  if ((c.ctl & (TIMER_CTL.ENABLE | TIMER_CTL.IMASK)) !== TIMER_CTL.ENABLE || count >= c.cval) return null;
  return c.cval - count;
}

/** The generic timer of one CPU (no module state: make one per CPU). */
export class GenericTimer {
  private frequency: bigint;
  private physicalCount = 0n;
  private offset = 0n;
  private kctl = 0n;
  private readonly physical: Comparator = { ctl: 0n, cval: 0n };
  private readonly virtual: Comparator = { ctl: 0n, cval: 0n };

  /** Creates a timer with all registers zero (disabled) and the counter at 0. */
  constructor(options: GenericTimerOptions = {}) {
    this.frequency = BigInt(options.frequencyHz ?? CNTFRQ_HZ);
  }

  /** Virtual time in counter ticks (CNTPCT), supplied by the owner: retired instructions plus skipped idle. */
  setCounter(ticks: bigint): void {
    this.physicalCount = ticks & U64;
  }

  /** CNTPCT: the physical count. */
  get counter(): bigint {
    return this.physicalCount;
  }

  /** CNTVCT = CNTPCT − CNTVOFF (modulo 2^64). */
  get virtualCounter(): bigint {
    return (this.physicalCount - this.offset) & U64;
  }

  /** Reads a register. TVAL is (CVAL − counter) truncated to its 32 bits; CTL includes ISTATUS. */
  read(reg: GenericTimerRegister): bigint {
    switch (reg) {
      case "CNTFRQ":
        return this.frequency;
      case "CNTPCT":
        return this.physicalCount;
      case "CNTVCT":
        return this.virtualCounter;
      case "CNTP_CTL":
        return this.readCtl(this.physical, this.physicalCount);
      case "CNTV_CTL":
        return this.readCtl(this.virtual, this.virtualCounter);
      case "CNTP_CVAL":
        return this.physical.cval;
      case "CNTV_CVAL":
        return this.virtual.cval;
      case "CNTP_TVAL":
        return BigInt.asUintN(32, this.physical.cval - this.physicalCount);
      case "CNTV_TVAL":
        return BigInt.asUintN(32, this.virtual.cval - this.virtualCounter);
      case "CNTKCTL":
        return this.kctl;
      case "CNTVOFF":
        return this.offset;
    }
  }

  /**
   * Writes a register. CTL keeps ENABLE and IMASK (ISTATUS is read-only); TVAL sets
   * CVAL = counter + SignExtend(TVAL[31:0]); the counters are read-only and ignore writes.
   */
  write(reg: GenericTimerRegister, value: bigint): void {
    switch (reg) {
      case "CNTFRQ":
        this.frequency = value & 0xffffffffn;
        return;
      case "CNTPCT":
      case "CNTVCT":
        return;
      case "CNTP_CTL":
        this.physical.ctl = value & CTL_WRITABLE;
        return;
      case "CNTV_CTL":
        this.virtual.ctl = value & CTL_WRITABLE;
        return;
      case "CNTP_CVAL":
        this.physical.cval = value & U64;
        return;
      case "CNTV_CVAL":
        this.virtual.cval = value & U64;
        return;
      case "CNTP_TVAL":
        this.physical.cval = (this.physicalCount + BigInt.asIntN(32, value)) & U64;
        return;
      case "CNTV_TVAL":
        this.virtual.cval = (this.virtualCounter + BigInt.asIntN(32, value)) & U64;
        return;
      case "CNTKCTL":
        this.kctl = value & CNTKCTL.WRITABLE;
        return;
      case "CNTVOFF":
        this.offset = value & U64;
        return;
    }
  }

  /** The virtual timer's interrupt output (PPI 27): ENABLE && ISTATUS && !IMASK. */
  get virtualIrqLevel(): boolean {
    return outputLevel(this.virtual, this.virtualCounter);
  }

  /** The EL1 physical timer's interrupt output (PPI 30): ENABLE && ISTATUS && !IMASK. */
  get physicalIrqLevel(): boolean {
    return outputLevel(this.physical, this.physicalCount);
  }

  /**
   * Physical counter value at which an interrupt output next rises, or null when none will
   * without a register write: how WFI skips idle time. Outputs fall only on register writes.
   */
  nextDeadline(): bigint | null {
    const candidates = [
      ticksUntilOutput(this.physical, this.physicalCount),
      ticksUntilOutput(this.virtual, this.virtualCounter),
    ];
    return this.earliest(candidates);
  }

  /**
   * Physical counter value at which the virtual timer's output next rises (CNTV_CTL ENABLE set,
   * IMASK clear, CNTVCT not yet at CNTV_CVAL), or null: what wakes a guest sleeping in WFI.
   */
  nextVirtualDeadline(): bigint | null {
    return this.earliest([ticksUntilOutput(this.virtual, this.virtualCounter)]);
  }

  /**
   * Physical counter value of the next event-stream event (CNTKCTL.EVNTEN: a transition of
   * CNTVCT bit EVNTI, rising if EVNTDIR = 0, falling if 1), or null when the stream is off.
   * Such an event wakes WFE.
   */
  nextEventStreamDeadline(): bigint | null {
    if ((this.kctl & CNTKCTL.EVNTEN) === 0n) return null;
    const bitIndex = (this.kctl >> CNTKCTL.EVNTI_SHIFT) & 0xfn;
    const half = 1n << bitIndex;
    const period = half << 1n;
    const v = this.virtualCounter;
    const phase = v % period;
    const target = (this.kctl & CNTKCTL.EVNTDIR) === 0n ? half : period; // rising edge at `half`, falling at wrap
    const delta = phase < target ? target - phase : target + period - phase;
    return this.earliest([delta]);
  }

  /** Saves the named timer state (not the counter, which is the owner's). */
  save(): GenericTimerState {
    return {
      CNTV_CTL: this.virtual.ctl,
      CNTV_CVAL: this.virtual.cval,
      CNTVOFF: this.offset,
      CNTKCTL: this.kctl,
      CNTP_CTL: this.physical.ctl,
      CNTP_CVAL: this.physical.cval,
    };
  }

  /** Restores state made by {@link save} (values are masked as register writes are). */
  restore(state: GenericTimerState): void {
    this.write("CNTV_CTL", state.CNTV_CTL);
    this.write("CNTV_CVAL", state.CNTV_CVAL);
    this.write("CNTVOFF", state.CNTVOFF);
    this.write("CNTKCTL", state.CNTKCTL);
    this.write("CNTP_CTL", state.CNTP_CTL);
    this.write("CNTP_CVAL", state.CNTP_CVAL);
  }

  private readCtl(c: Comparator, count: bigint): bigint {
    return firing(c, count) ? c.ctl | TIMER_CTL.ISTATUS : c.ctl;
  }

  /** The earliest of some tick distances from now, as a physical counter value (null past 2^64). */
  private earliest(distances: readonly (bigint | null)[]): bigint | null {
    let best: bigint | null = null;
    for (const d of distances) if (d !== null && (best === null || d < best)) best = d;
    if (best === null) return null;
    const at = this.physicalCount + best;
    return at > U64 ? null : at;
  }
}
