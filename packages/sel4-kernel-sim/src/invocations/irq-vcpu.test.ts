import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_CanRead } from "../constants/rights";
import { seL4_VCPUReg, SCTLR_EL1_VM, type Vcpu } from "../objects/vcpu";
import { errorMRs, runRoot } from "../test-support/root-task-kit";

const ROOT = S.seL4_CapInitThreadCNode;
const IRQ_CONTROL = S.seL4_CapIRQControl;

describe("IRQ invocations", () => {
  it("IRQControl_Get checks range, reservation and claims; handlers deliver once until Ack", async () => {
    const badges: bigint[] = [];
    const kernel = await runRoot(async (sel4, kit, k) => {
      const h = kit.next++;
      expect(sel4.seL4_IRQControl_Get(IRQ_CONTROL, 160, ROOT, h, 64)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([0n, 159n]);
      expect(sel4.seL4_IRQControl_Get(IRQ_CONTROL, 26, ROOT, h, 64)).toBe(E.seL4_RevokeFirst);
      expect(sel4.seL4_IRQControl_Get(IRQ_CONTROL, 33, ROOT, h, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_IRQControl_Get(IRQ_CONTROL, 33, ROOT, kit.next, 64)).toBe(E.seL4_RevokeFirst);
      const ntfn = kit.make(T.seL4_NotificationObject);
      const recvOnly = kit.next++;
      sel4.seL4_CNode_Mint(ROOT, recvOnly, 64, ROOT, ntfn, 64, seL4_CanRead, 0n);
      expect(sel4.seL4_IRQHandler_SetNotification(h, recvOnly)).toBe(E.seL4_InvalidCapability);
      const badged = kit.next++;
      sel4.seL4_CNode_Mint(ROOT, badged, 64, ROOT, ntfn, 64, 3, 0x10n);
      expect(sel4.seL4_IRQHandler_SetNotification(h, badged)).toBe(E.seL4_NoError);
      const fire = () => k.raiseIrq(33);
      fire();
      fire(); // masked until Ack: stays pending
      const b = { value: 0n };
      await sel4.seL4_Wait(ntfn, b);
      badges.push(b.value);
      await sel4.seL4_Poll(ntfn, b);
      badges.push(b.value); // nothing yet: 0
      expect(sel4.seL4_IRQHandler_Ack(h)).toBe(E.seL4_NoError); // the pending one arrives
      await sel4.seL4_Poll(ntfn, b);
      badges.push(b.value);
      expect(sel4.seL4_IRQHandler_Ack(h)).toBe(E.seL4_NoError);
      await sel4.seL4_Poll(ntfn, b);
      badges.push(b.value); // nothing pending: 0
      // Deleting the handler frees the IRQ for another Get.
      expect(sel4.seL4_CNode_Delete(ROOT, h, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_IRQControl_GetTrigger(IRQ_CONTROL, 33, 1, ROOT, h, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_IRQHandler_Clear(h)).toBe(E.seL4_NoError);
    });
    expect(badges).toEqual([0x10n, 0n, 0x10n, 0n]);
    expect(kernel.irqs.line(33).trigger).toBe(1);
  });
});

describe("VCPU invocations", () => {
  it("SetTCB, register access, InjectIRQ and AckVPPI with seL4's checks", async () => {
    let first: Vcpu | null = null;
    const kernel = await runRoot((sel4, kit, k) => {
      const vcpu = kit.make(T.seL4_ARM_VCPUObject);
      const tcb = kit.make(T.seL4_TCBObject);
      expect(sel4.seL4_ARM_VCPU_SetTCB(vcpu, kit.make(T.seL4_EndpointObject))).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_ARM_VCPU_SetTCB(vcpu, tcb)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_VCPU_ReadRegs(vcpu, seL4_VCPUReg.seL4_VCPUReg_SCTLR)).toEqual({ error: E.seL4_NoError, value: SCTLR_EL1_VM });
      expect(sel4.seL4_ARM_VCPU_ReadRegs(vcpu, 24).error).toBe(E.seL4_InvalidArgument);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      expect(sel4.seL4_ARM_VCPU_WriteRegs(vcpu, seL4_VCPUReg.seL4_VCPUReg_VBAR, 0x8000_0000n)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_VCPU_ReadRegs(vcpu, seL4_VCPUReg.seL4_VCPUReg_VBAR).value).toBe(0x8000_0000n);
      expect(sel4.seL4_ARM_VCPU_WriteRegs(vcpu, 30, 0)).toBe(E.seL4_InvalidArgument);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(vcpu, 1024, 0, 0, 0)).toBe(E.seL4_RangeError);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(vcpu, 33, 32, 0, 0)).toBe(E.seL4_RangeError);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(vcpu, 33, 0, 2, 0)).toBe(E.seL4_RangeError);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(vcpu, 33, 0, 0, 4)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([0n, 3n]);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(vcpu, 33, 5, 1, 2)).toBe(E.seL4_NoError);
      // An LR whose virq the guest has activated cannot be overwritten.
      first = [...k.tcbs].find((t) => t.vcpu)!.vcpu!;
      first.listRegisters[1]!.state = "active";
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(vcpu, 34, 0, 0, 1)).toBe(E.seL4_DeleteFirst);
      expect(sel4.seL4_ARM_VCPU_AckVPPI(vcpu, 26)).toBe(E.seL4_InvalidArgument);
      expect(sel4.seL4_ARM_VCPU_AckVPPI(vcpu, 27)).toBe(E.seL4_NoError);
      // Binding a second VCPU to the same TCB dissolves the first binding.
      const vcpu2 = kit.make(T.seL4_ARM_VCPUObject);
      expect(sel4.seL4_ARM_VCPU_SetTCB(vcpu2, tcb)).toBe(E.seL4_NoError);
    });
    const bound = [...kernel.tcbs].filter((t) => t.vcpu !== null);
    expect(bound).toHaveLength(1);
    expect(bound[0]!.vcpu).not.toBe(first);
    expect(first!.tcb).toBeNull();
    expect(first!.listRegisters[2]).toEqual({ virq: 33, priority: 5, group: 1, state: "pending", eoiMaintenance: true });
  });
});
