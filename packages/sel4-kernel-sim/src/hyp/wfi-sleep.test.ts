// A guest waiting in WFI sleeps instead of spinning, with WFI traps on (seL4's default: the WFI's
// VCPUFault goes to the VMM once, which answers as libvmm's C does, PC unchanged) and off
// (KernelArmDisableWFIWFETraps). Expected values come from the Arm ARM (WFI completes once an
// interrupt is pending, even a masked one; the virtual timer fires when CNTVCT reaches CNTV_CVAL)
// and the seL4 manual (VCPUFault HSR EC 0x01; a reply restarts the thread at the faulting PC).
import { describe, expect, it } from "vitest";
import type { Sel4 } from "../api/sel4";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { seL4_FaultType as F } from "../constants/faults";
import type { Kernel } from "../kernel";
import { seL4_MessageInfo_new } from "../message-info";
import type { Tcb } from "../objects/tcb";
import { emptyUserContext } from "../objects/user-context";
import { HVC0, WFI, assemble, movz, mrsCntvCval, mrsCntvct, msrCntvCtl, msrCntvTval, strW } from "../test-support/a64";
import { createGuest, type TestGuest } from "../test-support/guest-kit";
import { RootKit, runRoot, testKernel } from "../test-support/root-task-kit";

const GICV_PADDR = 0x0804_0000;
const GUEST_GICC_IPA = 0x0801_0000;
/** ESR_EL2 of a trapped WFI: EC 0x01, IL, CV = 1, COND = 0xE, TI = 0. */
const WFI_HSR = (0x01 << 26) | (1 << 25) | (1 << 24) | (0xe << 20);

/** GICV_CTLR group 0 on, GICV_PMR 0xf0: a pending list register reaches the guest's IRQ input. */
const enableGicv = [movz(0, GUEST_GICC_IPA >>> 16, 16), movz(1, 1), strW(1, 0, 0x0), movz(1, 0xf0), strW(1, 0, 0x4)];
/** The virtual timer `ticks` ahead, enabled and unmasked. */
const armTimer = (ticks: number) => [movz(1, ticks), msrCntvTval(1), movz(2, 1), msrCntvCtl(2)];
/** After the WFI: x3 = CNTVCT, x4 = CNTV_CVAL, then an UnknownSyscall exit (x7 = 42). */
const reportTime = [mrsCntvct(3), mrsCntvCval(4), movz(7, 42), HVC0];

interface Exit {
  label: F;
  mr0: bigint;
  at: number;
}

async function nextExit(sel4: Sel4, kernel: Kernel, guest: TestGuest): Promise<Exit> {
  const info = await sel4.seL4_Recv(guest.faultEp, null);
  return { label: info.label as F, mr0: sel4.seL4_GetMR(0), at: kernel.clock.now };
}

function guestTcb(kernel: Kernel): Tcb {
  const tcb = [...kernel.tcbs].find((t) => t.vcpu !== null);
  if (!tcb) throw new Error("no VCPU thread");
  return tcb;
}

/** Lets the guest (priority 200) run ahead of the root task whenever it can. */
function lowerRoot(sel4: Sel4): void {
  expect(sel4.seL4_TCB_SetPriority(S.seL4_CapInitThreadTCB, S.seL4_CapInitThreadTCB, 100)).toBe(E.seL4_NoError);
}

const restart = (sel4: Sel4) => sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));

describe("WFI sleep", () => {
  it.each([
    ["on", false],
    ["off", true],
  ])("WFI traps %s: the guest wakes at exactly its timer deadline, one WFI exit at most, no spinning", async (_mode, disableWfiWfeTraps) => {
    const ticks = 50_000;
    const exits: string[] = [];
    let deadlineNs = 0;
    let vppiAt = 0;
    let counter = 0n;
    let cval = 0n;
    const kernel = await runRoot(
      async (sel4, kit, kernel) => {
        const code = [...enableGicv, ...armTimer(ticks), WFI, ...reportTime];
        const guest = createGuest(sel4, kit, assemble(code), { devices: [{ paddr: GICV_PADDR, ipa: GUEST_GICC_IPA }] });
        // The guest's counter starts at 0 and runs only while it runs or sleeps: its deadline (CVAL =
        // ticks) comes ticks × 16 ns of virtual time after it starts, which is after now.
        deadlineNs = kernel.clock.now + ticks * 16;
        for (;;) {
          const exit = await nextExit(sel4, kernel, guest);
          if (exit.label === F.seL4_Fault_VCPUFault) {
            expect(Number(exit.mr0)).toBe(WFI_HSR);
            exits.push("wfi");
            await restart(sel4); // libvmm's C: nothing to do, PC unchanged
          } else if (exit.label === F.seL4_Fault_VPPIEvent) {
            exits.push(`vppi ${exit.mr0}`);
            vppiAt = exit.at;
            // Injected, not acknowledged: this guest has no handler that would stop the timer.
            expect(sel4.seL4_ARM_VCPU_InjectIRQ(guest.vcpu, 27, 0, 0, 0)).toBe(E.seL4_NoError);
            await restart(sel4);
          } else {
            exits.push(`fault ${exit.label}`);
            counter = sel4.seL4_GetMR(3);
            cval = sel4.seL4_GetMR(4);
            expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
            return;
          }
        }
      },
      { disableWfiWfeTraps },
      { maxTimeNs: 10_000_000 },
    );
    expect(exits).toEqual([...(disableWfiWfeTraps ? [] : ["wfi"]), "vppi 27", `fault ${F.seL4_Fault_UnknownSyscall}`]);
    // The guest's counter reads CNTV_CVAL after the WFI: it slept exactly to the deadline.
    expect(cval).toBeGreaterThan(0n);
    expect(counter).toBe(cval);
    // In virtual time the VPPI comes at the deadline, plus the VMM's answer to the WFI exit (kernel entries of 1 µs).
    expect(vppiAt).toBeGreaterThanOrEqual(deadlineNs);
    expect(vppiAt).toBeLessThan(deadlineNs + 5_000);
    expect(kernel.wfiSleep.wakeUps).toBe(1);
    expect(kernel.instructionsRetired).toBeLessThan(40); // the guest never ran while it waited
  });

  it("WFI traps on: an IRQ injected while the guest sleeps wakes it", async () => {
    const exits: F[] = [];
    await runRoot(async (sel4, kit, kernel) => {
      lowerRoot(sel4);
      const code = [...enableGicv, WFI, movz(7, 42), HVC0];
      const guest = createGuest(sel4, kit, assemble(code), { priority: 200, devices: [{ paddr: GICV_PADDR, ipa: GUEST_GICC_IPA }] });
      exits.push((await nextExit(sel4, kernel, guest)).label);
      await restart(sel4);
      // The guest (higher priority) ran again at once: its WFI trapped again and it sleeps.
      const tcb = guestTcb(kernel);
      expect(kernel.wfiSleep.isParked(tcb)).toBe(true);
      expect(kernel.scheduler.isScheduled(tcb)).toBe(false);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(guest.vcpu, 40, 0, 0, 0)).toBe(E.seL4_NoError);
      expect(kernel.wfiSleep.isParked(tcb)).toBe(false);
      exits.push((await nextExit(sel4, kernel, guest)).label);
      expect(kernel.wfiSleep.wakeUps).toBe(1);
      expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
    });
    expect(exits).toEqual([F.seL4_Fault_VCPUFault, F.seL4_Fault_UnknownSyscall]);
  });

  it("WFI traps on: an IRQ injected between the WFI exit and the reply is not lost (the WFI completes, no sleep)", async () => {
    const exits: F[] = [];
    await runRoot(async (sel4, kit, kernel) => {
      const code = [...enableGicv, WFI, movz(7, 42), HVC0];
      const guest = createGuest(sel4, kit, assemble(code), { devices: [{ paddr: GICV_PADDR, ipa: GUEST_GICC_IPA }] });
      exits.push((await nextExit(sel4, kernel, guest)).label);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(guest.vcpu, 40, 0, 0, 0)).toBe(E.seL4_NoError);
      await restart(sel4);
      exits.push((await nextExit(sel4, kernel, guest)).label);
      expect(kernel.wfiSleep.wakeUps).toBe(0);
      expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
    });
    expect(exits).toEqual([F.seL4_Fault_VCPUFault, F.seL4_Fault_UnknownSyscall]);
  });

  it("WFI traps off: an IRQ injected while the guest sleeps wakes it, with no exit before", async () => {
    const exits: F[] = [];
    await runRoot(
      async (sel4, kit, kernel) => {
        lowerRoot(sel4);
        const code = [...enableGicv, WFI, movz(7, 42), HVC0];
        const guest = createGuest(sel4, kit, assemble(code), { priority: 200, devices: [{ paddr: GICV_PADDR, ipa: GUEST_GICC_IPA }] });
        await sel4.seL4_Yield(); // the guest runs to its WFI and sleeps there
        const tcb = guestTcb(kernel);
        expect(kernel.wfiSleep.isParked(tcb)).toBe(true);
        expect(sel4.seL4_ARM_VCPU_InjectIRQ(guest.vcpu, 40, 0, 0, 0)).toBe(E.seL4_NoError);
        exits.push((await nextExit(sel4, kernel, guest)).label);
        expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
      },
      { disableWfiWfeTraps: true },
    );
    expect(exits).toEqual([F.seL4_Fault_UnknownSyscall]);
  });

  it("a register write by the VMM wakes a sleeping guest; one that leaves it in the WFI puts it back to sleep", async () => {
    const seen: string[] = [];
    await runRoot(async (sel4, kit, kernel) => {
      lowerRoot(sel4);
      const code = [WFI, movz(7, 42), HVC0];
      const guest = createGuest(sel4, kit, assemble(code), { priority: 200 });
      seen.push(`exit ${(await nextExit(sel4, kernel, guest)).label}`);
      await restart(sel4);
      const tcb = guestTcb(kernel);
      expect(kernel.wfiSleep.isParked(tcb)).toBe(true);
      // VCPU WriteRegs (TPIDR_EL1): woken, the guest runs its WFI again, which traps at once: asleep again.
      expect(sel4.seL4_ARM_VCPU_WriteRegs(guest.vcpu, 15, 7n)).toBe(E.seL4_NoError);
      await sel4.seL4_Yield();
      seen.push(`asleep ${kernel.wfiSleep.isParked(tcb)} after ${kernel.wfiSleep.wakeUps} wake-up`);
      // TCB WriteRegisters moving the PC past the WFI: it wakes and reaches the HVC.
      const regs = emptyUserContext();
      expect(sel4.seL4_TCB_ReadRegisters(guest.tcb, false, 0, 1, regs)).toBe(E.seL4_NoError);
      regs.pc += 4n;
      expect(sel4.seL4_TCB_WriteRegisters(guest.tcb, false, 0, 1, regs)).toBe(E.seL4_NoError);
      seen.push(`exit ${(await nextExit(sel4, kernel, guest)).label}`);
      expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
    });
    expect(seen).toEqual([`exit ${F.seL4_Fault_VCPUFault}`, "asleep true after 1 wake-up", `exit ${F.seL4_Fault_UnknownSyscall}`]);
  });

  it("Kernel.run returns idle when a sleeping guest has nothing that could wake it", async () => {
    const kernel = testKernel({ disableWfiWfeTraps: true });
    kernel.createRootTask((sel4) => {
      createGuest(sel4, new RootKit(sel4), assemble([WFI, movz(7, 42), HVC0]));
    });
    const end = await kernel.run({ maxTimeNs: 1_000_000_000 });
    expect(end.reason).toBe("idle");
    expect(end.now).toBeLessThan(1_000_000);
    expect(kernel.wfiSleep.isParked(guestTcb(kernel))).toBe(true);
  });
});
