import type { SchedContext } from "./sched-context";
import type { Tcb } from "./tcb";

/** What follows a reply object on the call stack: the next (newer) reply, or the scheduling context at the head. */
export type CallStackNext = { readonly kind: "reply"; readonly reply: Reply } | { readonly kind: "sc"; readonly sc: SchedContext } | null;

/**
 * An MCS reply object. While a server waits in Recv with it, `tcb` is the server; once a Call
 * arrives, `tcb` is the caller blocked on the reply. Replies made through a scheduling-context
 * donation form a stack (prev = older, next = newer or the context itself).
 */
export class Reply {
  tcb: Tcb | null = null;
  prev: Reply | null = null;
  next: CallStackNext = null;

  /** Creates a reply object at `paddr`. */
  constructor(readonly paddr: number) {}
}
