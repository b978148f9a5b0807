import { seL4_FastMessageRegisters, seL4_UserContextWords } from "../constants/boot";
import { seL4_Error } from "../constants/errors";
import { InvocationLabel as L } from "../constants/labels";
import { REG_MR0, smallWordOr, USER_CONTEXT_NAMES, userContextToWords, wordsToUserContext, type seL4_UserContext } from "../objects/user-context";
import { IPCBUF_MSG } from "../ipc/ipc-buffer";
import { KernelSimError } from "../errors";
import { Sel4Base, toWord as w, type seL4_CPtr } from "./sel4-base";

/** seL4_TCB_SetFlags return value. */
export interface seL4_TCB_SetFlags_t {
  readonly error: seL4_Error;
  readonly flags: bigint;
}

type Word6 = [seL4_CPtr, seL4_CPtr, seL4_CPtr, seL4_CPtr, seL4_CPtr, seL4_CPtr];

const n = (v: number | bigint | boolean): bigint => (typeof v === "boolean" ? (v ? 1n : 0n) : w(v));

/** libsel4's Untyped, CNode and TCB invocations (synchronous; they return seL4_Error). */
export class Sel4Objects extends Sel4Base {
  /** seL4_Untyped_Retype. */
  seL4_Untyped_Retype(service: seL4_CPtr, type: number, size_bits: number, root: seL4_CPtr, node_index: seL4_CPtr, node_depth: number, node_offset: number, num_objects: number): seL4_Error {
    return this.invoke(service, L.UntypedRetype, [n(type), n(size_bits), n(node_index), n(node_depth), n(node_offset), n(num_objects)], [root]);
  }

  /** seL4_CNode_Revoke. */
  seL4_CNode_Revoke(service: seL4_CPtr, index: seL4_CPtr, depth: number): seL4_Error {
    return this.invoke(service, L.CNodeRevoke, [n(index), n(depth)]);
  }

  /** seL4_CNode_Delete. */
  seL4_CNode_Delete(service: seL4_CPtr, index: seL4_CPtr, depth: number): seL4_Error {
    return this.invoke(service, L.CNodeDelete, [n(index), n(depth)]);
  }

  /** seL4_CNode_CancelBadgedSends. */
  seL4_CNode_CancelBadgedSends(service: seL4_CPtr, index: seL4_CPtr, depth: number): seL4_Error {
    return this.invoke(service, L.CNodeCancelBadgedSends, [n(index), n(depth)]);
  }

  /** seL4_CNode_Copy. */
  seL4_CNode_Copy(service: seL4_CPtr, dest_index: seL4_CPtr, dest_depth: number, src_root: seL4_CPtr, src_index: seL4_CPtr, src_depth: number, rights: number): seL4_Error {
    return this.invoke(service, L.CNodeCopy, [n(dest_index), n(dest_depth), n(src_index), n(src_depth), n(rights)], [src_root]);
  }

  /** seL4_CNode_Mint. */
  seL4_CNode_Mint(service: seL4_CPtr, dest_index: seL4_CPtr, dest_depth: number, src_root: seL4_CPtr, src_index: seL4_CPtr, src_depth: number, rights: number, badge: bigint | number): seL4_Error {
    return this.invoke(service, L.CNodeMint, [n(dest_index), n(dest_depth), n(src_index), n(src_depth), n(rights), n(badge)], [src_root]);
  }

  /** seL4_CNode_Move. */
  seL4_CNode_Move(service: seL4_CPtr, dest_index: seL4_CPtr, dest_depth: number, src_root: seL4_CPtr, src_index: seL4_CPtr, src_depth: number): seL4_Error {
    return this.invoke(service, L.CNodeMove, [n(dest_index), n(dest_depth), n(src_index), n(src_depth)], [src_root]);
  }

  /** seL4_CNode_Mutate. */
  seL4_CNode_Mutate(service: seL4_CPtr, dest_index: seL4_CPtr, dest_depth: number, src_root: seL4_CPtr, src_index: seL4_CPtr, src_depth: number, badge: bigint | number): seL4_Error {
    return this.invoke(service, L.CNodeMutate, [n(dest_index), n(dest_depth), n(src_index), n(src_depth), n(badge)], [src_root]);
  }

  /** seL4_CNode_Rotate. */
  seL4_CNode_Rotate(
    service: seL4_CPtr, dest_index: seL4_CPtr, dest_depth: number, dest_badge: bigint | number,
    pivot_root: seL4_CPtr, pivot_index: seL4_CPtr, pivot_depth: number, pivot_badge: bigint | number,
    src_root: seL4_CPtr, src_index: seL4_CPtr, src_depth: number,
  ): seL4_Error {
    return this.invoke(
      service,
      L.CNodeRotate,
      [n(dest_index), n(dest_depth), n(dest_badge), n(pivot_index), n(pivot_depth), n(pivot_badge), n(src_index), n(src_depth)],
      [pivot_root, src_root],
    );
  }

  /** seL4_CNode_SaveCaller. */
  seL4_CNode_SaveCaller(service: seL4_CPtr, index: seL4_CPtr, depth: number): seL4_Error {
    return this.invoke(service, L.CNodeSaveCaller, [n(index), n(depth)]);
  }

  /** seL4_TCB_ReadRegisters: fills `regs` with the first `count` UserContext words. */
  seL4_TCB_ReadRegisters(service: seL4_CPtr, suspend_source: boolean, arch_flags: number, count: number, regs: seL4_UserContext): seL4_Error {
    const mrs = this.tcb.regs;
    mrs[REG_MR0] = n(suspend_source) | (n(arch_flags) << 8n);
    mrs[REG_MR0 + 1] = n(count);
    const buffer = this.buffer();
    const error = this.invokeMarshalled(service, L.TCBReadRegisters, 2, 0, buffer);
    if (error === seL4_Error.seL4_NoError) {
      // The reply: MR0-3 in x2-x5, the rest in the IPC buffer (as the libsel4 stub reads them).
      const words = Math.min(count, seL4_UserContextWords);
      const whole = words === seL4_UserContextWords && buffer !== null;
      const inRegisters = whole ? seL4_FastMessageRegisters : words;
      for (let i = 0; i < inRegisters; i++) {
        regs[USER_CONTEXT_NAMES[i]!] = i < seL4_FastMessageRegisters ? smallWordOr(mrs, this.tcb.regHalves, REG_MR0 + i) : buffer ? buffer.words[IPCBUF_MSG + i]! : 0n;
      }
      if (whole) wordsToUserContext(buffer.words, IPCBUF_MSG + seL4_FastMessageRegisters, regs, seL4_FastMessageRegisters, buffer.halves);
    }
    return error;
  }

  /** seL4_TCB_WriteRegisters: writes the first `count` UserContext words of `regs`. */
  seL4_TCB_WriteRegisters(service: seL4_CPtr, resume_target: boolean, arch_flags: number, count: number, regs: seL4_UserContext): seL4_Error {
    const words = Math.min(count, seL4_UserContextWords);
    const buffer = this.invocationBuffer(2 + words, 0);
    const mrs = this.tcb.regs;
    mrs[REG_MR0] = n(resume_target) | (n(arch_flags) << 8n);
    mrs[REG_MR0 + 1] = n(count);
    // MR2.. are the registers, straight from the record into x4-x5 and the IPC buffer as the libsel4 stub writes them.
    const inRegisters = Math.min(words, seL4_FastMessageRegisters - 2);
    for (let i = 0; i < inRegisters; i++) mrs[REG_MR0 + 2 + i] = regs[USER_CONTEXT_NAMES[i]!];
    if (words === seL4_UserContextWords) userContextToWords(regs, buffer!.words, IPCBUF_MSG + seL4_FastMessageRegisters, inRegisters);
    else for (let i = inRegisters; i < words; i++) buffer!.words[IPCBUF_MSG + 2 + i] = regs[USER_CONTEXT_NAMES[i]!];
    return this.invokeMarshalled(service, L.TCBWriteRegisters, 2 + words, 0, buffer);
  }

  /** seL4_TCB_CopyRegisters. */
  seL4_TCB_CopyRegisters(service: seL4_CPtr, source: seL4_CPtr, suspend_source: boolean, resume_target: boolean, transfer_frame: boolean, transfer_integer: boolean, arch_flags: number): seL4_Error {
    const flags = n(suspend_source) | (n(resume_target) << 1n) | (n(transfer_frame) << 2n) | (n(transfer_integer) << 3n) | (n(arch_flags) << 8n);
    return this.invoke(service, L.TCBCopyRegisters, [flags], [source]);
  }

  /** seL4_TCB_Configure (non-MCS: with the fault endpoint CPtr first). */
  seL4_TCB_Configure(service: seL4_CPtr, fault_ep: seL4_CPtr, cspace_root: seL4_CPtr, cspace_root_data: bigint | number, vspace_root: seL4_CPtr, vspace_root_data: bigint | number, buffer: number | bigint, bufferFrame: seL4_CPtr): seL4_Error;
  /** seL4_TCB_Configure (MCS: no fault endpoint; use SetSchedParams/SetSpace for it). */
  seL4_TCB_Configure(service: seL4_CPtr, cspace_root: seL4_CPtr, cspace_root_data: bigint | number, vspace_root: seL4_CPtr, vspace_root_data: bigint | number, buffer: number | bigint, bufferFrame: seL4_CPtr): seL4_Error;
  seL4_TCB_Configure(service: seL4_CPtr, ...args: (seL4_CPtr | bigint | number)[]): seL4_Error {
    if (this.isMCS) {
      const [cspace_root, cspace_root_data, vspace_root, vspace_root_data, buffer, bufferFrame] = this.arity("seL4_TCB_Configure", args, 6, 7) as Word6;
      return this.invoke(service, L.TCBConfigure, [n(cspace_root_data), n(vspace_root_data), n(buffer)], [cspace_root, vspace_root, bufferFrame]);
    }
    const [fault_ep, cspace_root, cspace_root_data, vspace_root, vspace_root_data, buffer, bufferFrame] = this.arity("seL4_TCB_Configure", args, 7, 6) as [...Word6, seL4_CPtr];
    return this.invoke(service, L.TCBConfigure, [n(fault_ep), n(cspace_root_data), n(vspace_root_data), n(buffer)], [cspace_root, vspace_root, bufferFrame]);
  }

  /** Checks an overloaded call's argument count against this kernel's configuration. */
  private arity<T>(call: string, args: T[], expected: number, other: number): T[] {
    if (args.length === expected) return args;
    const kind = this.isMCS ? "MCS" : "non-MCS";
    const hint = args.length === other ? ` (that is the ${this.isMCS ? "non-MCS" : "MCS"} signature)` : "";
    throw new KernelSimError("usage", `${call}: ${args.length + 1} arguments given, the ${kind} signature takes ${expected + 1}${hint}`);
  }

  /** seL4_TCB_SetPriority. */
  seL4_TCB_SetPriority(service: seL4_CPtr, authority: seL4_CPtr, priority: number): seL4_Error {
    return this.invoke(service, L.TCBSetPriority, [n(priority)], [authority]);
  }

  /** seL4_TCB_SetMCPriority. */
  seL4_TCB_SetMCPriority(service: seL4_CPtr, authority: seL4_CPtr, mcp: number): seL4_Error {
    return this.invoke(service, L.TCBSetMCPriority, [n(mcp)], [authority]);
  }

  /** seL4_TCB_SetSchedParams (non-MCS). */
  seL4_TCB_SetSchedParams(service: seL4_CPtr, authority: seL4_CPtr, mcp: number, priority: number): seL4_Error;
  /** seL4_TCB_SetSchedParams (MCS): also binds `sched_context` (0: none) and copies `fault_ep` into the TCB. */
  seL4_TCB_SetSchedParams(service: seL4_CPtr, authority: seL4_CPtr, mcp: number, priority: number, sched_context: seL4_CPtr, fault_ep: seL4_CPtr): seL4_Error;
  seL4_TCB_SetSchedParams(service: seL4_CPtr, authority: seL4_CPtr, mcp: number, priority: number, ...mcsArgs: seL4_CPtr[]): seL4_Error {
    if (this.isMCS) {
      const [sched_context, fault_ep] = this.arity("seL4_TCB_SetSchedParams", mcsArgs, 2, 0) as [seL4_CPtr, seL4_CPtr];
      return this.invoke(service, L.TCBSetSchedParams, [n(mcp), n(priority)], [authority, sched_context, fault_ep]);
    }
    this.arity("seL4_TCB_SetSchedParams", mcsArgs, 0, 2);
    return this.invoke(service, L.TCBSetSchedParams, [n(mcp), n(priority)], [authority]);
  }

  /** seL4_TCB_SetIPCBuffer. */
  seL4_TCB_SetIPCBuffer(service: seL4_CPtr, buffer: number | bigint, bufferFrame: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.TCBSetIPCBuffer, [n(buffer)], [bufferFrame]);
  }

  /** seL4_TCB_SetSpace: non-MCS `fault_ep` is a CPtr looked up at fault time; MCS it is a cap copied into the TCB. */
  seL4_TCB_SetSpace(service: seL4_CPtr, fault_ep: seL4_CPtr, cspace_root: seL4_CPtr, cspace_root_data: bigint | number, vspace_root: seL4_CPtr, vspace_root_data: bigint | number): seL4_Error {
    if (this.isMCS) return this.invoke(service, L.TCBSetSpace, [n(cspace_root_data), n(vspace_root_data)], [fault_ep, cspace_root, vspace_root]);
    return this.invoke(service, L.TCBSetSpace, [n(fault_ep), n(cspace_root_data), n(vspace_root_data)], [cspace_root, vspace_root]);
  }

  /** seL4_TCB_Suspend. */
  seL4_TCB_Suspend(service: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.TCBSuspend, []);
  }

  /** seL4_TCB_Resume. */
  seL4_TCB_Resume(service: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.TCBResume, []);
  }

  /** seL4_TCB_BindNotification. */
  seL4_TCB_BindNotification(service: seL4_CPtr, notification: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.TCBBindNotification, [], [notification]);
  }

  /** seL4_TCB_UnbindNotification. */
  seL4_TCB_UnbindNotification(service: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.TCBUnbindNotification, []);
  }

  /** seL4_TCB_SetTLSBase. */
  seL4_TCB_SetTLSBase(service: seL4_CPtr, tls_base: bigint | number): seL4_Error {
    return this.invoke(service, L.TCBSetTLSBase, [n(tls_base)]);
  }

  /** seL4_TCB_SetFlags: clears then sets flag bits; returns the new flags. */
  seL4_TCB_SetFlags(service: seL4_CPtr, clear: bigint | number, set: bigint | number): seL4_TCB_SetFlags_t {
    const error = this.invoke(service, L.TCBSetFlags, [n(clear), n(set)]);
    return { error, flags: error === seL4_Error.seL4_NoError ? this.replyMR(0) : 0n };
  }
}
