import { describe, expect, it } from "vitest";
import { seL4_FaultType as F } from "../constants/faults";
import { seL4_MessageInfo_new } from "../message-info";
import { emptyUserContext } from "../objects/user-context";
import type { Sel4 } from "../api/sel4";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_AllRights } from "../constants/rights";
import { HVC0, SMC0, WFI, assemble, b, bne, movz, strW, subsImm } from "../test-support/a64";
import { GUEST_RAM_IPA, createGuest } from "../test-support/guest-kit";
import { runRoot } from "../test-support/root-task-kit";

/** Receives one fault: its label, badge and `count` message registers. */
async function receiveFault(sel4: Sel4, ep: number, count: number) {
  const badge = { value: 0n };
  const info = await sel4.seL4_Recv(ep, badge);
  return { label: info.label, length: info.length, badge: badge.value, mrs: Array.from({ length: count }, (_, i) => sel4.seL4_GetMR(i)) };
}

describe("VCPU guests on cpu-aarch64", () => {
  it("a store to an unmapped IPA is a VMFault with the IPA and the data-abort syndrome", async () => {
    const faults: Awaited<ReturnType<typeof receiveFault>>[] = [];
    await runRoot(async (sel4, kit) => {
      const guest = createGuest(sel4, kit, assemble([movz(0, 0x5000, 16), movz(1, 0x77), strW(1, 0, 0x10), b(0)]), { faultBadge: 0x61n });
      faults.push(await receiveFault(sel4, guest.faultEp, 4));
    });
    const [fault] = faults;
    expect(fault!.label).toBe(F.seL4_Fault_VMFault);
    expect(fault!.badge).toBe(0x61n);
    const [ip, addr, prefetch, fsr] = fault!.mrs;
    expect(ip).toBe(BigInt(GUEST_RAM_IPA + 8));
    expect(addr).toBe(0x5000_0010n);
    expect(prefetch).toBe(0n);
    const esr = Number(fsr);
    expect(esr >>> 26).toBe(0x24); // data abort from a lower EL
    expect((esr >>> 25) & 1).toBe(1); // IL
    expect((esr >>> 24) & 1).toBe(1); // ISV
    expect((esr >>> 22) & 3).toBe(2); // SAS = word
    expect((esr >>> 16) & 31).toBe(1); // SRT = w1
    expect((esr >>> 15) & 1).toBe(0); // SF: 32-bit register
    expect((esr >>> 6) & 1).toBe(1); // WnR
    expect(esr & 0x3c).toBe(0x04); // DFSC: translation fault
  });

  it("the guest's FP/AdvSIMD registers live in its TCB across kernel entries (seL4's per-thread FPU state)", async () => {
    const seen: bigint[][] = [];
    await runRoot(async (sel4, kit) => {
      const code = assemble([
        movz(0, 0x30, 16), // CPACR_EL1.FPEN = 0b11
        0xd5181040, // msr cpacr_el1, x0
        0xd5033fdf, // isb
        0x4e080c20, // dup v0.2d, x1
        movz(7, 42),
        HVC0,
        0x4e083c03, // mov x3, v0.d[0]
        0x4e183c04, // mov x4, v0.d[1]
        movz(7, 43),
        HVC0,
        b(0),
      ]);
      const guest = createGuest(sel4, kit, code, { x: [0n, 0x1122_3344_5566_7788n] });
      const first = await receiveFault(sel4, guest.faultEp, 13);
      sel4.seL4_SetMR(8, first.mrs[8]! + 4n);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 9));
      seen.push((await receiveFault(sel4, guest.faultEp, 13)).mrs);
    });
    expect(seen[0]![3]).toBe(0x1122_3344_5566_7788n);
    expect(seen[0]![4]).toBe(0x1122_3344_5566_7788n);
  });

  it("a guest HVC with x7 = 42 is an UnknownSyscall with the 13-word layout; the reply resumes at MR8", async () => {
    const seen: bigint[][] = [];
    await runRoot(async (sel4, kit) => {
      const code = assemble([movz(7, 42), movz(3, 0x33), HVC0, movz(7, 43), HVC0, b(0)]);
      const guest = createGuest(sel4, kit, code);
      const first = await receiveFault(sel4, guest.faultEp, 13);
      expect(first.label).toBe(F.seL4_Fault_UnknownSyscall);
      expect(first.length).toBe(13);
      seen.push(first.mrs);
      // Skip the HVC and change x3.
      sel4.seL4_SetMR(3, 0x99n);
      sel4.seL4_SetMR(8, first.mrs[8]! + 4n);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 9));
      const second = await receiveFault(sel4, guest.faultEp, 13);
      seen.push(second.mrs);
    });
    const [first, second] = seen;
    const hvcPc = BigInt(GUEST_RAM_IPA + 8);
    expect(first![3]).toBe(0x33n); // x3
    expect(first![7]).toBe(42n); // x7
    expect(first!.slice(8)).toEqual([hvcPc, 0n, hvcPc + 4n, 0x3c5n, 42n]);
    expect(second![3]).toBe(0x99n);
    expect(second![8]).toBe(hvcPc + 8n);
    expect(second![12]).toBe(43n);
  });

  it("SMC is a VCPUFault with EC 0x17 and WFI one with EC 0x01 (seL4 traps both)", async () => {
    const hsrs: bigint[] = [];
    const labels: number[] = [];
    await runRoot(async (sel4, kit) => {
      const guest = createGuest(sel4, kit, assemble([SMC0, WFI, b(0)]));
      for (let i = 0; i < 2; i++) {
        const fault = await receiveFault(sel4, guest.faultEp, 1);
        labels.push(fault.label);
        hsrs.push(fault.mrs[0]!);
        // Any reply restarts at the faulting instruction: step over it first, as libvmm does.
        const context = emptyUserContext();
        sel4.seL4_TCB_ReadRegisters(guest.tcb, false, 0, 36, context);
        expect(context.pc).toBe(BigInt(GUEST_RAM_IPA + 4 * i));
        context.pc += 4n;
        sel4.seL4_TCB_WriteRegisters(guest.tcb, false, 0, 36, context);
        await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
      }
      // The guest now spins on `b .`: stop it so the kernel goes idle.
      sel4.seL4_TCB_Suspend(guest.tcb);
    });
    expect(labels).toEqual([F.seL4_Fault_VCPUFault, F.seL4_Fault_VCPUFault]);
    expect(Number(hsrs[0]! >> 26n)).toBe(0x17);
    expect(Number(hsrs[1]! >> 26n)).toBe(0x01);
    expect(hsrs[1]! & 1n).toBe(0n); // TI = 0: WFI, not WFE
  });

  it("a page the VMM maps after a VMFault appears in the guest's stage 2; the restarted store lands in it", async () => {
    let stored = 0;
    await runRoot(async (sel4, kit) => {
      const guest = createGuest(sel4, kit, assemble([movz(0, 0x4010, 16), movz(1, 0x1234), strW(1, 0, 8), HVC0]));
      const fault = await receiveFault(sel4, guest.faultEp, 4);
      expect(fault.label).toBe(F.seL4_Fault_VMFault);
      expect(fault.mrs[1]).toBe(0x4010_0008n);
      // Back the faulting page (same page table as the code) and map it for the VMM too.
      const page = kit.make(T.seL4_ARM_SmallPageObject);
      expect(sel4.seL4_ARM_Page_Map(page, guest.vspace, 0x4010_0000, seL4_AllRights, 3)).toBe(E.seL4_NoError);
      const view = kit.next++;
      sel4.seL4_CNode_Copy(S.seL4_CapInitThreadCNode, view, 64, S.seL4_CapInitThreadCNode, page, 64, seL4_AllRights);
      expect(sel4.seL4_ARM_Page_Map(view, S.seL4_CapInitThreadVSpace, 0x43_0000, seL4_AllRights, 3)).toBe(E.seL4_NoError);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
      const next = await receiveFault(sel4, guest.faultEp, 13);
      expect(next.label).toBe(F.seL4_Fault_UnknownSyscall); // the HVC after the store: x7 = 0
      stored = new DataView(sel4.frameView(0x43_0008, 4).slice().buffer).getUint32(0, true);
    });
    expect(stored).toBe(0x1234);
  });

  it("Kernel.instructionsRetired counts the guest's retired instructions across its runs", async () => {
    const counts: number[] = [];
    const kernel = await runRoot(async (sel4, kit, k) => {
      counts.push(k.instructionsRetired);
      // 1 + 2 × 1000 loop instructions + 1 + the HVC, which retires as it takes its exception.
      const guest = createGuest(sel4, kit, assemble([movz(3, 1000), subsImm(3, 3, 1), bne(-1), movz(7, 42), HVC0, b(0)]));
      await receiveFault(sel4, guest.faultEp, 1);
      counts.push(k.instructionsRetired);
      expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
    });
    expect(counts[0]).toBe(0);
    expect(counts[1]).toBe(2003);
    expect(kernel.instructionsRetired).toBe(2003);
  });

  it("with KernelOptions.jit (the block translator) a guest loop retires and faults exactly as interpreted", async () => {
    const runGuest = async (jit: boolean) => {
      const seen: { fault: Awaited<ReturnType<typeof receiveFault>>; retired: number }[] = [];
      await runRoot(
        async (sel4, kit, k) => {
          // 3000 loop iterations (translated after a few), then a store to an unmapped IPA.
          const code = [movz(3, 3000), movz(0, 0x5000, 16), movz(1, 0x77), subsImm(3, 3, 1), bne(-1), strW(1, 0, 0x10), b(0)];
          const guest = createGuest(sel4, kit, assemble(code));
          seen.push({ fault: await receiveFault(sel4, guest.faultEp, 4), retired: k.instructionsRetired });
          expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
        },
        { jit },
      );
      return seen[0]!;
    };
    const interpreted = await runGuest(false);
    expect(interpreted.retired).toBe(3 + 2 * 3000);
    expect(interpreted.fault.mrs[0]).toBe(BigInt(GUEST_RAM_IPA + 20));
    expect(await runGuest(true)).toEqual(interpreted);
  });

  it("KernelOptions.onGuestCore hands out the guest's core: its traceHook sees every instruction, a restarted one again with the same retired count", async () => {
    const seen: string[] = [];
    await runRoot(
      async (sel4, kit) => {
        const guest = createGuest(sel4, kit, assemble([movz(0, 0x4010, 16), movz(1, 0x1234), strW(1, 0, 8), HVC0]));
        await receiveFault(sel4, guest.faultEp, 4);
        const page = kit.make(T.seL4_ARM_SmallPageObject);
        expect(sel4.seL4_ARM_Page_Map(page, guest.vspace, 0x4010_0000, seL4_AllRights, 3)).toBe(E.seL4_NoError);
        await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
        await receiveFault(sel4, guest.faultEp, 13);
      },
      {
        onGuestCore: (cpu) => {
          cpu.traceHook = (pc) => seen.push(`${(pc - BigInt(GUEST_RAM_IPA)).toString()}@${cpu.instructionsRetired}`);
        },
      },
    );
    // The store faults to the VMM (not retired) and runs again after the mapping.
    expect(seen).toEqual(["0@0", "4@1", "8@2", "8@2", "12@3"]);
  });
});
