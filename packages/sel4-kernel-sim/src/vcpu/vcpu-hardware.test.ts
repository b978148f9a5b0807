import { describe, expect, it } from "vitest";
import { GICC_REGISTERS as GICC } from "../board/gic/gic-constants";
import { GICH_HCR, GicVirtualInterface } from "../board/gic/gic-virtual-interface";
import { seL4_Error as E } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import type { Vcpu } from "../objects/vcpu";
import { seL4_VCPUReg } from "../objects/vcpu";
import type { Kernel } from "../kernel";
import { runRoot } from "../test-support/root-task-kit";

describe("VCPUs on the board's GIC virtual interface", () => {
  it("InjectIRQ writes the loaded VCPU's list registers on the board; a switch saves one VCPU and restores the other", async () => {
    const seen: string[] = [];
    const kernel = await runRoot((sel4, kit, k) => {
      const a = kit.make(T.seL4_ARM_VCPUObject);
      const b = kit.make(T.seL4_ARM_VCPUObject);
      const vgic = v2(k);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(a, 33, 2, 0, 1)).toBe(E.seL4_NoError);
      seen.push(`board lr1=${vgic.listRegister(1).virtualId} pending=${vgic.listRegister(1).state}`);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(b, 40, 0, 0, 0)).toBe(E.seL4_NoError);
      seen.push(`board lr0=${vgic.listRegister(0).virtualId} lr1=${vgic.listRegister(1).virtualId}`);
      seen.push(`saved a lr1=${vcpuAt(k, a).listRegisters[1]!.virq} loaded=${vcpuAt(k, a).loadedOn !== null}`);
      // Back to A: its list register comes back to the board.
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(a, 34, 0, 0, 2)).toBe(E.seL4_NoError);
      seen.push(`board lr1=${vgic.listRegister(1).virtualId} lr2=${vgic.listRegister(2).virtualId} lr0=${vgic.listRegister(0).state}`);
      // The guest takes the best one (LR2, priority 0) through GICV: while active, InjectIRQ there is DeleteFirst.
      vgic.hypervisorWindow.write(0x08, 4, 0x3 | (0x1f << 27)); // VMCR: both groups on, PMR 0xf8
      expect(vgic.guestWindow.read(GICC.IAR, 4)).toBe(34);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(a, 50, 0, 0, 2)).toBe(E.seL4_DeleteFirst);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(a, 50, 0, 0, 1)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(a, 1024, 0, 0, 0)).toBe(E.seL4_RangeError);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(a, 50, 0, 0, 4)).toBe(E.seL4_RangeError);
    });
    expect(seen).toEqual(["board lr1=33 pending=1", "board lr0=40 lr1=0", "saved a lr1=33 loaded=false", "board lr1=33 lr2=34 lr0=0"]);
    expect(v2(kernel).save().hcr & GICH_HCR.EN).toBe(GICH_HCR.EN);
  });

  it("ReadRegs/WriteRegs use the VCPU object until a CPU holds the registers, then the CPU", async () => {
    const cpuRegs = new Map<number, bigint>();
    await runRoot((sel4, kit, k) => {
      const v = kit.make(T.seL4_ARM_VCPUObject);
      expect(sel4.seL4_ARM_VCPU_WriteRegs(v, seL4_VCPUReg.seL4_VCPUReg_VBAR, 0x4008_0000n)).toBe(E.seL4_NoError);
      const vcpu = vcpuAt(k, v);
      expect(vcpu.regs[seL4_VCPUReg.seL4_VCPUReg_VBAR]).toBe(0x4008_0000n);
      vcpu.core = { readVcpuReg: (i) => cpuRegs.get(i) ?? 0n, writeVcpuReg: (i, value) => cpuRegs.set(i, value) };
      expect(sel4.seL4_ARM_VCPU_WriteRegs(v, seL4_VCPUReg.seL4_VCPUReg_TTBR0, 0x1234_5000n)).toBe(E.seL4_NoError);
      expect(sel4.seL4_ARM_VCPU_ReadRegs(v, seL4_VCPUReg.seL4_VCPUReg_TTBR0)).toEqual({ error: E.seL4_NoError, value: 0x1234_5000n });
      expect(vcpu.regs[seL4_VCPUReg.seL4_VCPUReg_TTBR0]).toBe(0n);
    });
    expect(cpuRegs.get(seL4_VCPUReg.seL4_VCPUReg_TTBR0)).toBe(0x1234_5000n);
  });
});

/** The kernel's GICv2 virtual interface (the default board has a GICv2). */
function v2(kernel: Kernel): GicVirtualInterface {
  const vgic = kernel.vcpus.vgic;
  if (!(vgic instanceof GicVirtualInterface)) throw new Error("expected a GICv2 virtual interface");
  return vgic;
}

/** The VCPU object named by the root task's cap in `slot` (test introspection). */
function vcpuAt(kernel: Kernel, slot: number): Vcpu {
  const root = kernel.rootTcb!.cspaceSlot.cap;
  if (root?.kind !== "cnode") throw new Error("root CNode missing");
  const cap = root.obj.slot(slot).cap;
  if (cap?.kind !== "vcpu") throw new Error(`slot ${slot} holds no VCPU cap`);
  return cap.obj;
}
