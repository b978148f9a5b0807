import type { Tcb } from "../objects/tcb";
import type { Vcpu } from "../objects/vcpu";

/** dissociateVCPUTCB: breaks a VCPU's binding (if any). */
export function dissociateVcpu(vcpu: Vcpu): void {
  if (vcpu.tcb) vcpu.tcb.vcpu = null;
  vcpu.tcb = null;
}

/** associateVCPUTCB: binds 1:1, first dissolving any previous binding of either side. */
export function associateVcpu(vcpu: Vcpu, tcb: Tcb): void {
  if (tcb.vcpu) dissociateVcpu(tcb.vcpu);
  dissociateVcpu(vcpu);
  vcpu.tcb = tcb;
  tcb.vcpu = vcpu;
}
