// A VCPU guest on a GICv3 qemu-virt board: its ICC_* system registers reach the CPU's ICH_*
// virtual interface; seL4_ARM_VCPU_InjectIRQ writes list registers as seL4's vgic_v3 does
// (pending, Group, Priority [55:48], EOI [41], vINTID), and the guest's EOI raises the
// maintenance interrupt that becomes a VGICMaintenance fault (IHI 0069 §12.4, seL4 manual §7).
import { describe, expect, it } from "vitest";
import type { Sel4 } from "../api/sel4";
import { QemuVirtBoard } from "../board/qemu-virt-board";
import { GicV3VcpuInterface } from "../board/gic/gic-v3-vcpu-interface";
import { seL4_Error as E } from "../constants/errors";
import { seL4_FaultType as F } from "../constants/faults";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_MessageInfo_new } from "../message-info";
import { emptyUserContext } from "../objects/user-context";
import { HVC0, assemble, b, movz } from "../test-support/a64";
import { createGuest } from "../test-support/guest-kit";
import { runRoot } from "../test-support/root-task-kit";

/** MRS/MSR Xt of an op0 = 3 register: 1101 0101 00 L 1 1 op1 CRn CRm op2 Rt. */
const sysreg = (l: number, op1: number, crn: number, crm: number, op2: number, rt: number): number =>
  (0xd5180000 | (l << 21) | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5) | rt) >>> 0;
const MSR_PMR = (rt: number) => sysreg(0, 0, 4, 6, 0, rt);
const MSR_IGRPEN1 = (rt: number) => sysreg(0, 0, 12, 12, 7, rt);
const MRS_IAR1 = (rt: number) => sysreg(1, 0, 12, 12, 0, rt);
const MSR_EOIR1 = (rt: number) => sysreg(0, 0, 12, 12, 1, rt);
const MSR_SGI1R = (rt: number) => sysreg(0, 0, 12, 11, 5, rt);
const MRS_PFR0 = (rt: number) => sysreg(1, 0, 0, 4, 0, rt);

async function receiveFault(sel4: Sel4, ep: number, count: number): Promise<{ label: F; mrs: bigint[] }> {
  const info = await sel4.seL4_Recv(ep, null);
  return { label: info.label as F, mrs: Array.from({ length: count }, (_, i) => sel4.seL4_GetMR(i)) };
}

describe("qemu-virt with gicVersion 3", () => {
  it("has the GICv3 memory map: distributor 0x0800_0000, redistributors 0x080A_0000, no GICC/GICV/GICH", () => {
    const board = new QemuVirtBoard({ gicVersion: 3, ramSize: 16 << 20 });
    expect(board.region("gic-distributor")).toMatchObject({ base: 0x0800_0000, size: 0x1_0000 });
    expect(board.region("gic-redistributor")).toMatchObject({ base: 0x080a_0000, size: 0xf6_0000 });
    expect(board.region("gic-cpu-interface")).toBeUndefined();
    expect(board.region("gic-hypervisor-interface")).toBeUndefined();
    expect(board.gicV3Interfaces).toHaveLength(1);
    expect(board.numListRegisters).toBe(4);
    expect(() => new QemuVirtBoard({ gicVersion: 4 as 3 })).toThrow(/gicVersion 4 must be 2 or 3/);
  });

  it("InjectIRQ writes seL4's GICv3 list register layout; VCPU switches save and restore the ICH state", async () => {
    const board = new QemuVirtBoard({ gicVersion: 3, ramSize: 64 << 20 });
    await runRoot(
      (sel4, kit, k) => {
        const a = kit.make(T.seL4_ARM_VCPUObject);
        const b2 = kit.make(T.seL4_ARM_VCPUObject);
        const vgic = k.vcpus.vgic as GicV3VcpuInterface;
        expect(vgic).toBeInstanceOf(GicV3VcpuInterface);
        expect(sel4.seL4_ARM_VCPU_InjectIRQ(a, 33, 5, 1, 1)).toBe(E.seL4_NoError);
        // State pending (1) [63:62], Group 1 [60], Priority 5 [55:48], EOI [41], vINTID 33.
        expect(vgic.readListRegister(1)).toBe((1n << 62n) | (1n << 60n) | (5n << 48n) | (1n << 41n) | 33n);
        expect(vgic.cpuInterface.readIch("ICH_HCR_EL2") & 1n).toBe(1n); // vcpu_init turned En on
        expect(sel4.seL4_ARM_VCPU_InjectIRQ(b2, 40, 0, 0, 1)).toBe(E.seL4_NoError);
        expect(vgic.listRegister(1).virtualId).toBe(40);
        expect(sel4.seL4_ARM_VCPU_InjectIRQ(a, 34, 0, 1, 0)).toBe(E.seL4_NoError);
        expect([vgic.listRegister(0).virtualId, vgic.listRegister(1).virtualId]).toEqual([34, 33]);
        expect(sel4.seL4_ARM_VCPU_InjectIRQ(a, 34, 32, 1, 0)).toBe(E.seL4_RangeError);
        expect(sel4.seL4_ARM_VCPU_InjectIRQ(a, 34, 0, 1, 4)).toBe(E.seL4_RangeError);
      },
      { platform: board },
    );
  });

  it("a guest acknowledges through ICC_IAR1_EL1, its EOIR1 is a VGICMaintenance fault; SGI1R traps as a VCPUFault", async () => {
    const board = new QemuVirtBoard({ gicVersion: 3, ramSize: 64 << 20 });
    const seen: string[] = [];
    await runRoot(
      async (sel4, kit) => {
        const code = [
          MRS_PFR0(9),
          movz(1, 0xf0),
          MSR_PMR(1),
          movz(1, 1),
          MSR_IGRPEN1(1),
          movz(7, 42),
          HVC0, // "ready": the VMM injects and skips the HVC
          MRS_IAR1(2),
          MSR_EOIR1(2),
          movz(3, 7),
          MSR_SGI1R(3),
          b(0),
        ];
        const guest = createGuest(sel4, kit, assemble(code));
        const ready = await receiveFault(sel4, guest.faultEp, 13);
        expect(sel4.seL4_ARM_VCPU_InjectIRQ(guest.vcpu, 48, 0, 1, 2)).toBe(E.seL4_NoError);
        sel4.seL4_SetMR(8, ready.mrs[8]! + 4n);
        await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 9));
        const maintenance = await receiveFault(sel4, guest.faultEp, 1);
        seen.push(`label ${maintenance.label} lr ${maintenance.mrs[0]}`);
        await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
        const trap = await receiveFault(sel4, guest.faultEp, 1);
        seen.push(`label ${trap.label} ec 0x${(Number(trap.mrs[0]) >>> 26).toString(16)}`);
        const regs = emptyUserContext();
        sel4.seL4_TCB_ReadRegisters(guest.tcb, true, 0, 36, regs);
        seen.push(`iar ${regs.x2} pfr0.gic ${(regs.x9 >> 24n) & 0xfn}`);
      },
      { platform: board },
    );
    expect(seen).toEqual([`label ${F.seL4_Fault_VGICMaintenance} lr 2`, `label ${F.seL4_Fault_VCPUFault} ec 0x18`, "iar 48 pfr0.gic 1"]);
  });
});
