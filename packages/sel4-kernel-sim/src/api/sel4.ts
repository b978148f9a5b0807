import { seL4_Error } from "../constants/errors";
import { InvocationLabel as L } from "../constants/labels";
import { KernelSimError } from "../errors";
import type { NativeThreadBody } from "../native/native-executor";
import type { AccessSize, BoardDevice } from "../board/device";
import type { Translation } from "../objects/vspace";
import { Sel4Mcs } from "./sel4-mcs";
import { toWord as w, type seL4_CPtr } from "./sel4-base";

/** seL4_ARM_Page_GetAddress return value. */
export interface seL4_ARM_Page_GetAddress_t {
  readonly error: seL4_Error;
  readonly paddr: number;
}

/** seL4_ARM_VCPU_ReadRegs return value. */
export interface seL4_ARM_VCPU_ReadRegs_t {
  readonly error: seL4_Error;
  readonly value: bigint;
}

const n = (v: number | bigint): bigint => w(v);

/**
 * The libsel4 API of one native thread, under the C names. A thread body receives its own
 * instance, so "the current thread" is always explicit and several kernels can coexist.
 */
export class Sel4 extends Sel4Mcs {
  /** seL4_ARM_Page_Map. */
  seL4_ARM_Page_Map(service: seL4_CPtr, vspace: seL4_CPtr, vaddr: number, rights: number, attr: number): seL4_Error {
    return this.invoke(service, L.ARMPageMap, [n(vaddr), n(rights), n(attr)], [vspace]);
  }

  /** seL4_ARM_Page_Unmap. */
  seL4_ARM_Page_Unmap(service: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.ARMPageUnmap, []);
  }

  /** seL4_ARM_Page_GetAddress. */
  seL4_ARM_Page_GetAddress(service: seL4_CPtr): seL4_ARM_Page_GetAddress_t {
    const error = this.invoke(service, L.ARMPageGetAddress, []);
    return { error, paddr: error === seL4_Error.seL4_NoError ? Number(this.replyMR(0)) : 0 };
  }

  /** seL4_ARM_Page_Clean_Data (offsets within the page). */
  seL4_ARM_Page_Clean_Data(service: seL4_CPtr, start_offset: number, end_offset: number): seL4_Error {
    return this.invoke(service, L.ARMPageClean_Data, [n(start_offset), n(end_offset)]);
  }

  /** seL4_ARM_Page_Invalidate_Data. */
  seL4_ARM_Page_Invalidate_Data(service: seL4_CPtr, start_offset: number, end_offset: number): seL4_Error {
    return this.invoke(service, L.ARMPageInvalidate_Data, [n(start_offset), n(end_offset)]);
  }

  /** seL4_ARM_Page_CleanInvalidate_Data. */
  seL4_ARM_Page_CleanInvalidate_Data(service: seL4_CPtr, start_offset: number, end_offset: number): seL4_Error {
    return this.invoke(service, L.ARMPageCleanInvalidate_Data, [n(start_offset), n(end_offset)]);
  }

  /** seL4_ARM_Page_Unify_Instruction. */
  seL4_ARM_Page_Unify_Instruction(service: seL4_CPtr, start_offset: number, end_offset: number): seL4_Error {
    return this.invoke(service, L.ARMPageUnify_Instruction, [n(start_offset), n(end_offset)]);
  }

  /** seL4_ARM_PageTable_Map. */
  seL4_ARM_PageTable_Map(service: seL4_CPtr, vspace: seL4_CPtr, vaddr: number, attr: number): seL4_Error {
    return this.invoke(service, L.ARMPageTableMap, [n(vaddr), n(attr)], [vspace]);
  }

  /** seL4_ARM_PageTable_Unmap. */
  seL4_ARM_PageTable_Unmap(service: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.ARMPageTableUnmap, []);
  }

  /** seL4_ARM_VSpace_Clean_Data (virtual addresses, within one page). */
  seL4_ARM_VSpace_Clean_Data(service: seL4_CPtr, start: number, end: number): seL4_Error {
    return this.invoke(service, L.ARMVSpaceClean_Data, [n(start), n(end)]);
  }

  /** seL4_ARM_VSpace_Invalidate_Data. */
  seL4_ARM_VSpace_Invalidate_Data(service: seL4_CPtr, start: number, end: number): seL4_Error {
    return this.invoke(service, L.ARMVSpaceInvalidate_Data, [n(start), n(end)]);
  }

  /** seL4_ARM_VSpace_CleanInvalidate_Data. */
  seL4_ARM_VSpace_CleanInvalidate_Data(service: seL4_CPtr, start: number, end: number): seL4_Error {
    return this.invoke(service, L.ARMVSpaceCleanInvalidate_Data, [n(start), n(end)]);
  }

  /** seL4_ARM_VSpace_Unify_Instruction. */
  seL4_ARM_VSpace_Unify_Instruction(service: seL4_CPtr, start: number, end: number): seL4_Error {
    return this.invoke(service, L.ARMVSpaceUnify_Instruction, [n(start), n(end)]);
  }

  /** seL4_ARM_ASIDControl_MakePool. */
  seL4_ARM_ASIDControl_MakePool(service: seL4_CPtr, untyped: seL4_CPtr, root: seL4_CPtr, index: seL4_CPtr, depth: number): seL4_Error {
    return this.invoke(service, L.ARMASIDControlMakePool, [n(index), n(depth)], [untyped, root]);
  }

  /** seL4_ARM_ASIDPool_Assign. */
  seL4_ARM_ASIDPool_Assign(service: seL4_CPtr, vspace: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.ARMASIDPoolAssign, [], [vspace]);
  }

  /** seL4_IRQControl_Get. */
  seL4_IRQControl_Get(service: seL4_CPtr, irq: number, root: seL4_CPtr, index: seL4_CPtr, depth: number): seL4_Error {
    return this.invoke(service, L.IRQIssueIRQHandler, [n(irq), n(index), n(depth)], [root]);
  }

  /** seL4_IRQControl_GetTrigger (trigger: 0 level, 1 edge). */
  seL4_IRQControl_GetTrigger(service: seL4_CPtr, irq: number, trigger: number, root: seL4_CPtr, index: seL4_CPtr, depth: number): seL4_Error {
    return this.invoke(service, L.ARMIRQIssueIRQHandlerTrigger, [n(irq), n(trigger), n(index), n(depth)], [root]);
  }

  /** seL4_IRQHandler_Ack. */
  seL4_IRQHandler_Ack(service: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.IRQAckIRQ, []);
  }

  /** seL4_IRQHandler_SetNotification. */
  seL4_IRQHandler_SetNotification(service: seL4_CPtr, notification: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.IRQSetIRQHandler, [], [notification]);
  }

  /** seL4_IRQHandler_Clear. */
  seL4_IRQHandler_Clear(service: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.IRQClearIRQHandler, []);
  }

  /** seL4_ARM_VCPU_SetTCB. */
  seL4_ARM_VCPU_SetTCB(service: seL4_CPtr, tcb: seL4_CPtr): seL4_Error {
    return this.invoke(service, L.ARMVCPUSetTCB, [], [tcb]);
  }

  /** seL4_ARM_VCPU_InjectIRQ. */
  seL4_ARM_VCPU_InjectIRQ(service: seL4_CPtr, virq: number, priority: number, group: number, index: number): seL4_Error {
    const word = n(virq & 0xffff) | (n(priority & 0xff) << 16n) | (n(group & 0xff) << 24n) | (n(index & 0xff) << 32n);
    return this.invoke(service, L.ARMVCPUInjectIRQ, [word]);
  }

  /** seL4_ARM_VCPU_ReadRegs. */
  seL4_ARM_VCPU_ReadRegs(service: seL4_CPtr, field: number): seL4_ARM_VCPU_ReadRegs_t {
    const error = this.invoke(service, L.ARMVCPUReadReg, [n(field)]);
    return { error, value: error === seL4_Error.seL4_NoError ? this.replyMR(0) : 0n };
  }

  /** seL4_ARM_VCPU_WriteRegs. */
  seL4_ARM_VCPU_WriteRegs(service: seL4_CPtr, field: number, value: bigint | number): seL4_Error {
    return this.invoke(service, L.ARMVCPUWriteReg, [n(field), n(value)]);
  }

  /** seL4_ARM_VCPU_AckVPPI. */
  seL4_ARM_VCPU_AckVPPI(service: seL4_CPtr, irq: number): seL4_Error {
    return this.invoke(service, L.ARMVCPUAckVPPI, [n(irq)]);
  }

  // ---- TypeScript-side helpers (not libsel4) ----

  /**
   * A byte view of memory mapped at `vaddr` in this thread's VSpace (like dereferencing a
   * pointer in C). The range must lie in one mapped RAM frame.
   */
  frameView(vaddr: number, length: number): Uint8Array {
    const page = this.mappedPage(vaddr);
    if (page.frame.isDevice) throw new KernelSimError("memory", `0x${vaddr.toString(16)} is device memory; use deviceRead/deviceWrite`);
    if (page.offset + length > page.frame.size) throw new KernelSimError("memory", `view at 0x${vaddr.toString(16)}+${length} crosses a frame boundary`);
    return this.kernel.memory.bytes(page.frame.paddr + page.offset, length);
  }

  /**
   * A load of `size` bytes from a device frame mapped at `vaddr` in the thread's VSpace: the
   * register access reaches the board's device model, as a load from an uncached mapping would.
   */
  deviceRead(vaddr: number, size: AccessSize): number {
    const { device, offset } = this.mappedDevice(vaddr);
    return device.read(offset, size);
  }

  /** A store of the low `size` bytes of `value` to a device frame mapped at `vaddr` (see {@link deviceRead}). */
  deviceWrite(vaddr: number, size: AccessSize, value: number): void {
    const { device, offset } = this.mappedDevice(vaddr);
    device.write(offset, size, value);
  }

  private mappedPage(vaddr: number): Translation {
    const root = this.tcb.vspaceSlot.cap;
    if (root?.kind !== "vspace") throw new KernelSimError("usage", `thread "${this.tcb.name}" has no VSpace`);
    const page = root.obj.translate(vaddr);
    if (!page) throw new KernelSimError("memory", `nothing is mapped at 0x${vaddr.toString(16)} in "${this.tcb.name}"'s VSpace`);
    return page;
  }

  private mappedDevice(vaddr: number): { device: BoardDevice<unknown>; offset: number } {
    const page = this.mappedPage(vaddr);
    const paddr = page.frame.paddr + page.offset;
    const target = page.frame.isDevice ? this.kernel.deviceAt(paddr) : null;
    if (!target) throw new KernelSimError("memory", `0x${vaddr.toString(16)} (paddr 0x${paddr.toString(16)}) is not a modelled device register`);
    return target;
  }

  /** Registers a native thread body and returns the PC that starts it (write it with TCB_WriteRegisters). */
  nativeEntry(body: NativeThreadBody<Sel4>): bigint {
    return this.kernel.registerNativeEntry(body);
  }
}
