/**
 * libmicrokit's `main` and `handler_loop` (libmicrokit/src/main.c): run `init`, tell the monitor
 * when a passive PD is ready, then wait on the input cap with the PD's reply object and dispatch
 * each badge to `fault`, `protected` or `notified`.
 */
import { seL4_MessageInfo_new, type Box } from "@sel4ts/sel4-kernel-sim";
import { MicrokitCrash, type MicrokitPd } from "./libmicrokit.js";
import { MicrokitSlots as S, decodeBadge } from "./layout.js";
import type { MicrokitEntryPoints, MicrokitProgram, microkit_msginfo } from "./program.js";

/**
 * A CPtr whose lookup fails in every PD's CSpace: root slot 0 is the Microkit CNode, whose
 * 49-bit guard is 0, and bit 57 is not. A failed lookup is a CapFault (a null cap would only be
 * an error returned to the caller).
 */
const CRASH_CPTR = 1n << 57n;

/** Runs a PD: its program's `init`, then the Microkit event loop, forever. */
export async function microkitMain(microkit: MicrokitPd, program: MicrokitProgram): Promise<never> {
  try {
    const entries = program(microkit);
    await entries.init();
    if (microkit.microkit_passive) {
      // Ready: the monitor moves the PD's scheduling context to its notification.
      microkit.microkit_have_signal = true;
      microkit.microkit_signal_msg = seL4_MessageInfo_new(0, 0, 0, 0);
      microkit.microkit_signal_cap = S.MONITOR_EP;
    }
    return await handlerLoop(microkit, entries);
  } catch (error) {
    return crash(microkit, error);
  }
}

/**
 * A PD that crashes (microkit_internal_crash, or an entry point that throws) takes a real seL4
 * fault, which its parent's `fault` or the monitor receives: a C PD faults on address `err`; a
 * TypeScript PD has no pointers, so it invokes an empty slot (a CapFault whose address is
 * CRASH_CPTR | err << 9). Replying to the fault retries the invocation, so it faults again until
 * the parent restarts or stops it.
 */
async function crash(microkit: MicrokitPd, error: unknown): Promise<never> {
  const code = error instanceof MicrokitCrash ? error.error : 0;
  if (!(error instanceof MicrokitCrash)) {
    const message = error instanceof Error ? error.message : String(error);
    microkit.microkit_dbg_puts(`${microkit.microkit_name}: entry point threw: ${message}\n`);
  }
  for (;;) await microkit.sel4.seL4_Call(CRASH_CPTR | (BigInt(code & 0xffff) << 9n), seL4_MessageInfo_new(0, 0, 0, 0));
}

function missing(microkit: MicrokitPd, entry: string): never {
  microkit.microkit_dbg_puts(`${microkit.microkit_name} is missing the '${entry}' entry point\n`);
  return microkit.microkit_internal_crash(0);
}

async function deferredFlush(microkit: MicrokitPd): Promise<void> {
  if (microkit.microkit_have_signal) {
    await microkit.sel4.seL4_Send(microkit.microkit_signal_cap, microkit.microkit_signal_msg);
    microkit.microkit_have_signal = false;
  }
}

async function handlerLoop(microkit: MicrokitPd, entries: MicrokitEntryPoints): Promise<never> {
  const { sel4 } = microkit;
  let haveReply = false;
  let replyTag: microkit_msginfo = seL4_MessageInfo_new(0, 0, 0, 0);
  const replyBox: Box<microkit_msginfo> = { value: replyTag };

  // Acknowledge every IRQ once at start (seL4 issue 1536), as libmicrokit does.
  for (let irqs = microkit.microkit_irqs, id = 0; irqs !== 0n; irqs >>= 1n, id++) {
    if (irqs & 1n) microkit.microkit_irq_ack(id);
  }

  for (;;) {
    const badge: Box<bigint> = { value: 0n };
    let tag: microkit_msginfo;
    if (haveReply) {
      if (microkit.microkit_have_signal) await deferredFlush(microkit);
      tag = await sel4.seL4_ReplyRecv(S.INPUT_CAP, replyTag, badge, S.REPLY_CAP);
    } else if (microkit.microkit_have_signal) {
      tag = await sel4.seL4_NBSendRecv(microkit.microkit_signal_cap, microkit.microkit_signal_msg, S.INPUT_CAP, badge, S.REPLY_CAP);
      microkit.microkit_have_signal = false;
    } else {
      tag = await sel4.seL4_Recv(S.INPUT_CAP, badge, S.REPLY_CAP);
    }

    haveReply = false;
    const event = decodeBadge(badge.value);
    switch (event.kind) {
      case "fault": {
        if (!entries.fault) missing(microkit, "fault");
        replyBox.value = replyTag;
        if (await entries.fault(event.child, tag, replyBox)) haveReply = true;
        replyTag = replyBox.value;
        break;
      }
      case "protected":
        if (!entries.protected) missing(microkit, "protected");
        haveReply = true;
        replyTag = await entries.protected(event.channel, tag);
        break;
      case "notified":
        for (const channel of event.channels) await entries.notified(channel);
        break;
    }
  }
}
