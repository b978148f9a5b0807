import { ThreadState } from "../constants/thread-state";
import type { ObjectTables, SchedulerPort } from "../kernel-ports";

/** A thread state's name as seL4's debug dump prints it. */
export function describeThreadState(state: ThreadState): string {
  switch (state) {
    case ThreadState.Inactive:
      return "inactive";
    case ThreadState.Running:
      return "running";
    case ThreadState.Restart:
      return "restart";
    case ThreadState.BlockedOnReceive:
      return "blocked on recv";
    case ThreadState.BlockedOnSend:
      return "blocked on send";
    case ThreadState.BlockedOnReply:
      return "blocked on reply";
    case ThreadState.BlockedOnNotification:
      return "blocked on ntfn";
    case ThreadState.Idle:
      return "idle";
  }
}

/** The text of seL4_DebugDumpScheduler: one row per TCB (name, state, priority, core). */
export function formatSchedulerDump(kernel: SchedulerPort & Pick<ObjectTables, "tcbs">): string {
  const rows = [...kernel.tcbs].map((tcb) => {
    const name = tcb.name.padEnd(40).slice(0, 40);
    const state = describeThreadState(tcb.state).padEnd(20);
    const current = tcb === kernel.scheduler.current ? "*" : " ";
    return `${current}${name}\t${state}\t${String(tcb.priority).padStart(3)}\t0`;
  });
  const rule = "-".repeat(80);
  return `Dumping all tcbs!\n${rule}\n Name                                    \tState               \tPrio\tCore\n${rule}\n${rows.join("\n")}\n`;
}
