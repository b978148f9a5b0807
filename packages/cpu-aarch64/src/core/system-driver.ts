/**
 * `Cpu.run` for a system-level core: runs the interpreter in slices that end at the next timer
 * deadline, and between slices delivers interrupts, wakes WFI/WFE and reports what the host must
 * decide (interrupts for the hypervisor, idle, timer output changes). The interpreter loop itself
 * is the user-level one; exceptions are taken inside it by the handlers.
 */
import type { CpuExit } from "./exits.js";
import type { CoreState } from "./state.js";
import { SYSTEM_EVENT } from "./system-level.js";
import type { SystemLevel } from "./system-level.js";

const BUDGET_EXIT: CpuExit = Object.freeze({ kind: "budget" });
/** Stops in a row without a retired instruction after which the guest is declared stuck. */
const MAX_STALLS = 64;

/** Runs at most `budget` instructions of a system-level core. */
export function runSystemLevel(
  system: SystemLevel,
  s: CoreState,
  budget: number,
  interpret: (budget: number) => CpuExit,
): CpuExit {
  const end = s.retired + budget;
  let stalls = 0;
  for (;;) {
    if (!system.timerToIrq) {
      system.syncCounter();
      const levels = system.timerLevels();
      if (levels !== system.reportedTimerLevels) {
        system.reportedTimerLevels = levels;
        return { kind: "timer", virtual: (levels & 1) !== 0, physical: (levels & 2) !== 0 };
      }
    }
    const lines = system.routedLines();
    const el2 = lines.el2;
    if (el2.irq || el2.fiq || el2.serror) return { kind: "interrupt", irq: el2.irq, fiq: el2.fiq, serror: el2.serror };
    if (system.waiting !== "none") {
      if (!system.wakes()) return { kind: "idle", wakeAt: system.wakeAt() };
      system.waiting = "none";
    }
    system.takeInterrupt(lines.el1);
    if (s.retired >= end) return BUDGET_EXIT;
    if (s.pcHigh || s.pc % 4 !== 0) {
      if (s.pcHigh) system.unreachablePc();
      else system.pcAlignment();
      continue;
    }
    const toDeadline = system.instructionsToDeadline();
    const slice = toDeadline === null ? end - s.retired : Math.min(end - s.retired, toDeadline);
    const before = s.retired;
    const exit = interpret(slice);
    if (exit === SYSTEM_EVENT || exit.kind === "budget") {
      stalls = s.retired === before ? stalls + 1 : 0;
      if (stalls > MAX_STALLS) {
        const last = system.lastException;
        return { kind: "exceptionLoop", esr: last?.esr ?? 0, elr: last?.elr ?? 0n, far: last?.far ?? null, pc: s.pcBig() };
      }
      continue;
    }
    return exit;
  }
}
