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
      return ok([vcpu.readReg(Number(field))]);
    }
    case InvocationLabel.ARMVCPUWriteReg: {
      if (ctx.args.length < 2) return truncatedMessage("ARMVCPUWriteReg: truncated message");
      const field = arg(ctx, 0);
      if (field >= BigInt(seL4_VCPUReg_Num)) return invalidArgument(1, `ARMVCPUWriteReg: invalid register ${field}`);
      vcpu.writeReg(Number(field), arg(ctx, 1));
      ctx.kernel.wfiSleep.wake(vcpu.tcb);
      return ok();
    }
    case InvocationLabel.ARMVCPUAckVPPI: {
      if (ctx.args.length < 1) return truncatedMessage("ARMVCPUAckVPPI: truncated message");
      const irq = arg(ctx, 0);
      if (irq !== BigInt(VTIMER_PPI)) return invalidArgument(0, `ARMVCPUAckVPPI: IRQ ${irq} is not a VPPI`);
      vcpu.vppiMasked.delete(VTIMER_PPI);
      // A timer output still asserted fires at the VCPU's next restore: a guest asleep in WFI runs to take it.
      ctx.kernel.wfiSleep.wake(vcpu.tcb);
      return ok();
    }
    default:
      return illegalOperation("VCPU: illegal operation");
  }
}

function injectIrq(ctx: InvocationContext, cap: VcpuCap): InvocationResult {
  if (ctx.args.length < 1) return truncatedMessage("ARMVCPUInjectIRQ: truncated message");
  const word = arg(ctx, 0);
  const field = (shift: bigint, mask: bigint) => Number((word >> shift) & mask);
  const result = ctx.kernel.vcpus.injectIrq(cap.obj, field(0n, 0xffffn), field(16n, 0xffn), field(24n, 0xffn), field(32n, 0xffn));
  switch (result.kind) {
    case "ok":
      // A list register became pending: it wakes a guest asleep in WFI.
      ctx.kernel.wfiSleep.wake(cap.obj.tcb);
      return ok();
    case "rangeError":
      return rangeError(result.min, result.max, `ARMVCPUInjectIRQ: ${result.message}`);
    case "deleteFirst":
      return fail(seL4_Error.seL4_DeleteFirst, `ARMVCPUInjectIRQ: ${result.message}`);
  }
}
