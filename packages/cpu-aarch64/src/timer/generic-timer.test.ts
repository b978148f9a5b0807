import { describe, expect, it } from "vitest";
import { CNTKCTL, GenericTimer, TIMER_CTL } from "./generic-timer.js";

const ENABLE = TIMER_CTL.ENABLE;
const IMASK = TIMER_CTL.IMASK;
const ISTATUS = TIMER_CTL.ISTATUS;
const MAX = (1n << 64n) - 1n;

function timerAt(count: bigint): GenericTimer {
  const t = new GenericTimer();
  t.setCounter(count);
  return t;
}

describe("counters and frequency", () => {
  it("CNTFRQ is 62.5 MHz by default (QEMU virt) and configurable", () => {
    expect(new GenericTimer().read("CNTFRQ")).toBe(62_500_000n);
    expect(new GenericTimer({ frequencyHz: 1_000_000 }).read("CNTFRQ")).toBe(1_000_000n);
  });

  it("CNTVCT = CNTPCT − CNTVOFF, modulo 2^64; counters ignore writes", () => {
    const t = timerAt(1000n);
    t.write("CNTVOFF", 300n);
    expect(t.read("CNTPCT")).toBe(1000n);
    expect(t.read("CNTVCT")).toBe(700n);
    t.write("CNTVOFF", 1001n);
    expect(t.read("CNTVCT")).toBe(MAX);
    t.write("CNTPCT", 5n);
    t.write("CNTVCT", 5n);
    expect(t.read("CNTPCT")).toBe(1000n);
  });
});

describe.each([
  ["virtual", "CNTV_CTL", "CNTV_CVAL", "CNTV_TVAL", "virtualIrqLevel"],
  ["physical", "CNTP_CTL", "CNTP_CVAL", "CNTP_TVAL", "physicalIrqLevel"],
] as const)("the %s timer", (_name, CTL, CVAL, TVAL, LEVEL) => {
  it("ISTATUS = counter ≥ CVAL while enabled; the output is ENABLE && ISTATUS && !IMASK", () => {
    const t = timerAt(99n);
    t.write(CVAL, 100n);
    expect(t.read(CTL)).toBe(0n);
    t.write(CTL, ENABLE);
    expect(t.read(CTL)).toBe(ENABLE);
    expect(t[LEVEL]).toBe(false);
    t.setCounter(100n);
    expect(t.read(CTL)).toBe(ENABLE | ISTATUS);
    expect(t[LEVEL]).toBe(true);
    t.write(CTL, ENABLE | IMASK);
    expect(t.read(CTL)).toBe(ENABLE | IMASK | ISTATUS);
    expect(t[LEVEL]).toBe(false);
    t.write(CTL, 0n); // disabled: no ISTATUS, no output
    expect(t.read(CTL)).toBe(0n);
    expect(t[LEVEL]).toBe(false);
  });

  it("the compare is unsigned 64-bit", () => {
    const t = timerAt(1n);
    t.write(CVAL, 1n << 63n); // negative if compared as signed
    t.write(CTL, ENABLE);
    expect(t[LEVEL]).toBe(false);
    t.setCounter((1n << 63n) + 1n);
    expect(t[LEVEL]).toBe(true);
  });

  it("ISTATUS is read-only and CTL keeps only ENABLE and IMASK", () => {
    const t = timerAt(0n);
    t.write(CVAL, 10n);
    t.write(CTL, 0xffffn);
    expect(t.read(CTL)).toBe(ENABLE | IMASK);
  });

  it("TVAL reads (CVAL − counter) as 32 bits; a write sets CVAL = counter + SignExtend(TVAL)", () => {
    const t = timerAt(1000n);
    t.write(TVAL, 50n);
    expect(t.read(CVAL)).toBe(1050n);
    expect(t.read(TVAL)).toBe(50n);
    t.setCounter(1060n);
    expect(t.read(TVAL)).toBe(0xfffffff6n); // −10: already expired
    t.write(TVAL, 0xffffff9cn); // −100
    expect(t.read(CVAL)).toBe(960n);
    t.write(TVAL, 0x1_0000_0005n); // bits above 31 are ignored
    expect(t.read(CVAL)).toBe(1065n);
  });
});

describe("CNTKCTL", () => {
  it("keeps EL0PCTEN, EL0VCTEN, EVNTEN, EVNTDIR, EVNTI, EL0VTEN, EL0PTEN; the rest is RES0", () => {
    const t = new GenericTimer();
    t.write("CNTKCTL", MAX);
    expect(t.read("CNTKCTL")).toBe(0x3ffn);
    t.write("CNTKCTL", CNTKCTL.EL0VCTEN);
    expect(t.read("CNTKCTL")).toBe(2n);
  });
});

describe("nextDeadline: when an output next rises (how WFI skips idle time)", () => {
  it("is null with nothing armed", () => {
    expect(timerAt(5n).nextDeadline()).toBeNull();
  });

  it("the virtual deadline is CVAL + CNTVOFF in physical ticks", () => {
    const t = timerAt(1000n);
    t.write("CNTVOFF", 400n);
    t.write("CNTV_CVAL", 700n); // virtual counter is 600
    t.write("CNTV_CTL", ENABLE);
    expect(t.nextDeadline()).toBe(1100n);
    t.setCounter(1100n);
    expect(t.virtualIrqLevel).toBe(true);
    expect(t.nextDeadline()).toBeNull(); // already high
  });

  it("takes the earlier of both timers and ignores masked or disabled ones", () => {
    const t = timerAt(0n);
    t.write("CNTV_CVAL", 500n);
    t.write("CNTV_CTL", ENABLE);
    t.write("CNTP_CVAL", 300n);
    t.write("CNTP_CTL", ENABLE);
    expect(t.nextDeadline()).toBe(300n);
    t.write("CNTP_CTL", ENABLE | IMASK);
    expect(t.nextDeadline()).toBe(500n);
    t.write("CNTV_CTL", 0n);
    expect(t.nextDeadline()).toBeNull();
  });

  it("is null when the deadline lies beyond the 64-bit physical counter", () => {
    const t = timerAt(MAX - 10n);
    t.write("CNTVOFF", MAX - 10n); // virtual counter 0
    t.write("CNTV_CVAL", 100n);
    t.write("CNTV_CTL", ENABLE);
    expect(t.nextDeadline()).toBeNull();
  });
});

describe("nextVirtualDeadline: the virtual timer alone (what wakes a vCPU parked in WFI)", () => {
  it("ignores the physical timer and needs ENABLE set and IMASK clear", () => {
    const t = timerAt(200n);
    t.write("CNTP_CVAL", 300n);
    t.write("CNTP_CTL", ENABLE);
    expect(t.nextVirtualDeadline()).toBeNull();
    t.write("CNTVOFF", 100n);
    t.write("CNTV_CVAL", 500n);
    t.write("CNTV_CTL", ENABLE | IMASK);
    expect(t.nextVirtualDeadline()).toBeNull();
    t.write("CNTV_CTL", ENABLE);
    expect(t.nextVirtualDeadline()).toBe(600n); // CVAL + CNTVOFF in physical ticks (virtual counter 100)
    t.setCounter(600n);
    expect(t.nextVirtualDeadline()).toBeNull(); // already firing
  });
});

describe("event stream (CNTKCTL.EVNTEN, EVNTI, EVNTDIR)", () => {
  it("is off unless EVNTEN", () => {
    expect(timerAt(0n).nextEventStreamDeadline()).toBeNull();
  });

  it("fires on a rising (EVNTDIR = 0) or falling (1) edge of CNTVCT bit EVNTI", () => {
    const t = timerAt(0x105n);
    t.write("CNTKCTL", CNTKCTL.EVNTEN | (3n << CNTKCTL.EVNTI_SHIFT)); // bit 3: rises at 8 mod 16
    expect(t.nextEventStreamDeadline()).toBe(0x108n);
    t.setCounter(0x108n);
    expect(t.nextEventStreamDeadline()).toBe(0x118n); // strictly after now
    t.write("CNTKCTL", CNTKCTL.EVNTEN | CNTKCTL.EVNTDIR | (3n << CNTKCTL.EVNTI_SHIFT));
    expect(t.nextEventStreamDeadline()).toBe(0x110n);
  });

  it("follows the virtual counter", () => {
    const t = timerAt(0x1000n);
    t.write("CNTVOFF", 0x1003n); // virtual 0xFFFF…FFFD: bit 2 next rises after the wrap, at virtual 4
    t.write("CNTKCTL", CNTKCTL.EVNTEN | (2n << CNTKCTL.EVNTI_SHIFT));
    expect(t.nextEventStreamDeadline()).toBe(0x1000n + 7n);
  });
});

describe("save/restore (seL4 VCPU switch of CNTV_CTL, CNTV_CVAL, CNTVOFF, CNTKCTL)", () => {
  it("round-trips the named fields and leaves the counter alone", () => {
    const a = timerAt(50n);
    a.write("CNTV_CTL", ENABLE);
    a.write("CNTV_CVAL", 77n);
    a.write("CNTVOFF", 5n);
    a.write("CNTKCTL", 0x302n);
    a.write("CNTP_CTL", ENABLE | IMASK);
    a.write("CNTP_CVAL", 99n);
    const saved = a.save();
    expect(saved).toEqual({
      CNTV_CTL: 1n,
      CNTV_CVAL: 77n,
      CNTVOFF: 5n,
      CNTKCTL: 0x302n,
      CNTP_CTL: 3n,
      CNTP_CVAL: 99n,
    });
    const b = timerAt(1000n);
    b.restore(saved);
    expect(b.save()).toEqual(saved);
    expect(b.read("CNTPCT")).toBe(1000n);
    expect(b.virtualIrqLevel).toBe(true); // 1000 − 5 ≥ 77
  });
});
