import { seL4_VCPUReg_Num } from "../constants/boot";
import { seL4_Error } from "../constants/errors";
import { InvocationLabel } from "../constants/labels";
import type { Cap } from "../cspace/cap";
import { VTIMER_PPI } from "../objects/vcpu";
import { associateVcpu } from "../vcpu/vcpu-binding";
import { arg, extraCap, type InvocationContext } from "./context";
import { fail, illegalOperation, invalidArgument, ok, rangeError, truncatedMessage, type InvocationResult } from "./result";

type VcpuCap = Extract<Cap, { kind: "vcpu" }>;

/** decodeARMVCPUInvocation: SetTCB, InjectIRQ, ReadRegs, WriteRegs, AckVPPI. */
export function invokeVcpu(ctx: InvocationContext, cap: VcpuCap): InvocationResult {
  const vcpu = cap.obj;
  switch (ctx.label as InvocationLabel) {
    case InvocationLabel.ARMVCPUSetTCB: {
      const tcb = extraCap(ctx, 0);
      if (!tcb || tcb.kind !== "tcb") return illegalOperation("ARMVCPUSetTCB: not a TCB cap");
      associateVcpu(vcpu, tcb.obj);
      return ok();
    }
    case InvocationLabel.ARMVCPUInjectIRQ:
      return injectIrq(ctx, cap);
    case InvocationLabel.ARMVCPUReadReg: {
      if (ctx.args.length < 1) return truncatedMessage("ARMVCPUReadReg: truncated message");
      const field = arg(ctx, 0);
      if (field >= BigInt(seL4_VCPUReg_Num)) return invalidArgument(1, `ARMVCPUReadReg: invalid register ${field}`);
      return ok([vcpu.regs[Number(field)]!]);
    }
    case InvocationLabel.ARMVCPUWriteReg: {
      if (ctx.args.length < 2) return truncatedMessage("ARMVCPUWriteReg: truncated message");
      const field = arg(ctx, 0);
      if (field >= BigInt(seL4_VCPUReg_Num)) return invalidArgument(1, `ARMVCPUWriteReg: invalid register ${field}`);
      vcpu.regs[Number(field)] = arg(ctx, 1);
      return ok();
    }
    case InvocationLabel.ARMVCPUAckVPPI: {
      if (ctx.args.length < 1) return truncatedMessage("ARMVCPUAckVPPI: truncated message");
      const irq = arg(ctx, 0);
      if (irq !== BigInt(VTIMER_PPI)) return invalidArgument(0, `ARMVCPUAckVPPI: IRQ ${irq} is not a VPPI`);
      vcpu.vppiMasked.delete(VTIMER_PPI);
      return ok();
    }
    default:
      return illegalOperation("VCPU: illegal operation");
  }
}

function injectIrq(ctx: InvocationContext, cap: VcpuCap): InvocationResult {
  if (ctx.args.length < 1) return truncatedMessage("ARMVCPUInjectIRQ: truncated message");
  const word = arg(ctx, 0);
  const virq = Number(word & 0xffffn);
  const priority = Number((word >> 16n) & 0xffn);
  const group = Number((word >> 24n) & 0xffn);
  const index = Number((word >> 32n) & 0xffn);
  const lrs = cap.obj.listRegisters;
  if (virq > 1023) return rangeError(0, 1023, `ARMVCPUInjectIRQ: virq ${virq} out of range`);
  if (priority > 31) return rangeError(0, 31, `ARMVCPUInjectIRQ: priority ${priority} out of range`);
  if (group > 1) return rangeError(0, 1, `ARMVCPUInjectIRQ: group ${group} out of range`);
  if (index >= lrs.length) return rangeError(0, lrs.length - 1, `ARMVCPUInjectIRQ: list register ${index} out of range`);
  const lr = lrs[index]!;
  if (lr.state === "active" || lr.state === "pendingActive") {
    return fail(seL4_Error.seL4_DeleteFirst, `ARMVCPUInjectIRQ: list register ${index} holds an active virq`);
  }
  Object.assign(lr, { virq, priority, group, state: "pending", eoiMaintenance: true });
  return ok();
}
