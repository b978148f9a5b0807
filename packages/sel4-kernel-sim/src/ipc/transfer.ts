import { seL4_FastMessageRegisters, seL4_MsgMaxExtraCaps } from "../constants/boot";
import { deriveCap } from "../cspace/derive";
import { insertDerived } from "../cspace/cdt";
import { lookupSlot, lookupSlotForCNodeOp } from "../cspace/lookup";
import type { LookupFault } from "../cspace/lookup-fault";
import type { Slot } from "../cspace/slot";
import type { KernelContext } from "../kernel-context";
import { clampLength, loadMessageInfoLabel, messageInfoExtraCaps, messageInfoLength, storeMessageInfo } from "../message-info";
import type { Endpoint } from "../objects/endpoint";
import type { Tcb } from "../objects/tcb";
import { REG_MR0, REG_X0, REG_X1 } from "../objects/user-context";
import { faultMessage } from "./fault-message";
import {
  IPCBUF_CAPS_OR_BADGES,
  IPCBUF_RECEIVE_CNODE,
  IPCBUF_RECEIVE_DEPTH,
  IPCBUF_MSG,
  IPCBUF_RECEIVE_INDEX,
  lookupIpcBuffer,
  setMRs,
  type IpcBuffer,
} from "./ipc-buffer";

/** The extra caps of a message, or the CPtr whose lookup failed. */
export type ExtraCapsResult =
  | { readonly ok: true; readonly slots: readonly Slot[] }
  | { readonly ok: false; readonly cptr: bigint; readonly fault: LookupFault };

const NO_EXTRA_CAPS: ExtraCapsResult = Object.freeze({ ok: true, slots: Object.freeze([]) });

/** lookupExtraCaps: resolves the message's caps_or_badges CPtrs in the sender's CSpace. */
export function lookupExtraCaps(tcb: Tcb, buffer: IpcBuffer | null, extraCaps: number): ExtraCapsResult {
  if (!buffer || extraCaps === 0) return NO_EXTRA_CAPS;
  const slots: Slot[] = [];
  for (let i = 0; i < Math.min(extraCaps, seL4_MsgMaxExtraCaps); i++) {
    const cptr = buffer.word(IPCBUF_CAPS_OR_BADGES + i);
    const result = lookupSlot(tcb.cspaceSlot.cap, cptr);
    if (!result.ok) return { ok: false, cptr, fault: result.fault };
    slots.push(result.value.slot);
  }
  return { ok: true, slots };
}

/** doIPCTransfer: a fault message if the sender faulted, else a normal message. */
export function doIpcTransfer(kernel: KernelContext, sender: Tcb, ep: Endpoint | null, badge: bigint, canGrant: boolean, receiver: Tcb): void {
  const receiveBuffer = lookupIpcBuffer(kernel.memory, receiver, true);
  if (sender.fault) {
    const { label, mrs } = faultMessage(sender, kernel.mcs !== null);
    const length = setMRs(receiver, receiveBuffer, mrs);
    storeMessageInfo(receiver.regHalves, REG_X1, label, 0, 0, length);
    receiver.regs[REG_X0] = badge;
    return;
  }
  const sendBuffer = lookupIpcBuffer(kernel.memory, sender, false);
  doNormalTransfer(kernel, sender, sendBuffer, ep, badge, canGrant, receiver, receiveBuffer);
}

function doNormalTransfer(
  kernel: KernelContext,
  sender: Tcb,
  sendBuffer: IpcBuffer | null,
  ep: Endpoint | null,
  badge: bigint,
  canGrant: boolean,
  receiver: Tcb,
  receiveBuffer: IpcBuffer | null,
): void {
  // The tag's length and extraCaps sit in x1's low half (host order: little-endian).
  const tagLow = sender.regHalves[2 * REG_X1]!;
  let caps: readonly Slot[] = [];
  if (canGrant) {
    const extra = lookupExtraCaps(sender, sendBuffer, messageInfoExtraCaps(tagLow));
    if (extra.ok) caps = extra.slots;
  }
  const length = copyMessageRegisters(sender, sendBuffer, receiver, receiveBuffer, clampLength(messageInfoLength(tagLow)));
  const { processed, unwrapped } = transferCaps(kernel, caps, ep, receiver, receiveBuffer);
  storeMessageInfo(receiver.regHalves, REG_X1, loadMessageInfoLabel(sender.regHalves, REG_X1), unwrapped, processed, length);
  receiver.regs[REG_X0] = badge;
}

/** copyMRs: register MRs always; buffer MRs only when both sides have a buffer. */
function copyMessageRegisters(sender: Tcb, sendBuffer: IpcBuffer | null, receiver: Tcb, receiveBuffer: IpcBuffer | null, length: number): number {
  const n = sendBuffer && receiveBuffer ? length : Math.min(length, seL4_FastMessageRegisters);
  if (n <= seL4_FastMessageRegisters) {
    // As 32-bit halves: a word read as a BigInt would be a new one.
    for (let i = 2 * REG_MR0; i < 2 * (REG_MR0 + n); i++) receiver.regHalves[i] = sender.regHalves[i]!;
    return n;
  }
  // Both have buffers: MR0-3 register to register, the rest buffer to buffer, as words.
  receiver.messageRegs.set(sender.messageRegs);
  receiveBuffer!.words.set(sendBuffer!.words.subarray(IPCBUF_MSG + seL4_FastMessageRegisters, IPCBUF_MSG + n), IPCBUF_MSG + seL4_FastMessageRegisters);
  return n;
}

/** getReceiveSlots: the empty slot the receiver named in its buffer, or null. */
function receiveSlot(receiver: Tcb, buffer: IpcBuffer): Slot | null {
  const root = lookupSlot(receiver.cspaceSlot.cap, buffer.word(IPCBUF_RECEIVE_CNODE));
  if (!root.ok) return null;
  const depth = Number(buffer.word(IPCBUF_RECEIVE_DEPTH));
  if (depth < 1 || depth > 64) return null;
  const target = lookupSlotForCNodeOp(root.value.slot.cap, buffer.word(IPCBUF_RECEIVE_INDEX), depth);
  if (!target.ok || target.value.slot.cap) return null;
  return target.value.slot;
}

const NOTHING_TRANSFERRED = Object.freeze({ processed: 0, unwrapped: 0 });

/** transferCaps: unwraps caps to the same endpoint, copies at most one other cap; stops at a failure. */
function transferCaps(
  kernel: KernelContext,
  caps: readonly Slot[],
  ep: Endpoint | null,
  receiver: Tcb,
  buffer: IpcBuffer | null,
): { processed: number; unwrapped: number } {
  let processed = 0;
  let unwrapped = 0;
  if (caps.length === 0 || !buffer) return NOTHING_TRANSFERRED;
  let dest = receiveSlot(receiver, buffer);
  for (const slot of caps) {
    const cap = slot.cap;
    if (cap && cap.kind === "endpoint" && cap.obj === ep) {
      buffer.setWord(IPCBUF_CAPS_OR_BADGES + processed, cap.badge);
      unwrapped |= 1 << processed;
    } else {
      if (!dest || !cap) break;
      const derived = deriveCap(slot);
      if (!derived.ok || !derived.cap) break;
      insertDerived(kernel, derived.cap, slot, dest);
      dest = null;
    }
    processed++;
  }
  return { processed, unwrapped };
}
