import type { CallStackNext, ReplyRecord, TcbRecord } from "./structures";

export type { CallStackNext } from "./structures";

/**
 * An MCS reply object. While a server waits in Recv with it, `tcb` is the server; once a Call
 * arrives, `tcb` is the caller blocked on the reply. Replies made through a scheduling-context
 * donation form a stack (prev = older, next = newer or the context itself).
 */
export class Reply implements ReplyRecord {
  tcb: TcbRecord | null = null;
  prev: ReplyRecord | null = null;
  next: CallStackNext = null;

  /** Creates a reply object at `paddr`. */
  constructor(readonly paddr: number) {}
}
