import type { InvocationContext } from "./context";
import { invokeAsidControl, invokeAsidPool } from "./asid";
import { invokeCNode } from "./cnode";
import { invokeFrame } from "./frame";
import { invokeIrqControl, invokeIrqHandler } from "./irq";
import { invokePageTable } from "./page-table";
import { invokeSchedContext } from "./sched-context";
import { invokeSchedControl } from "./sched-control";
import { illegalOperation, invalidCapability, type InvocationResult } from "./result";
import { invokeTcb } from "./tcb";
import { invokeUntyped } from "./untyped";
import { invokeVcpu } from "./vcpu";
import { invokeVSpace } from "./vspace";

/** decodeInvocation for kernel objects (IPC objects are handled by the syscall layer). */
export function decodeInvocation(ctx: InvocationContext): InvocationResult {
  const cap = ctx.cap;
  switch (cap.kind) {
    case "untyped":
      return invokeUntyped(ctx, cap);
    case "cnode":
      return invokeCNode(ctx, cap);
    case "tcb":
      return invokeTcb(ctx, cap);
    case "frame":
      return invokeFrame(ctx, cap);
    case "pageTable":
      return invokePageTable(ctx, cap);
    case "vspace":
      return invokeVSpace(ctx, cap);
    case "asidControl":
      return invokeAsidControl(ctx);
    case "asidPool":
      return invokeAsidPool(ctx, cap);
    case "irqControl":
      return invokeIrqControl(ctx);
    case "irqHandler":
      return invokeIrqHandler(ctx, cap);
    case "vcpu":
      return invokeVcpu(ctx, cap);
    case "schedControl":
      return invokeSchedControl(ctx, cap);
    case "schedContext":
      return invokeSchedContext(ctx, cap);
    case "domain":
      return illegalOperation("Domain: only one domain is configured");
    case "endpoint":
    case "notification":
    case "reply":
    case "replyObject":
      return invalidCapability(0, `${cap.kind} caps are invoked by IPC, not as kernel objects`);
  }
}
