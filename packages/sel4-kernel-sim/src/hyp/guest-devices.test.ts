import { describe, expect, it } from "vitest";
import type { Sel4 } from "../api/sel4";
import { QemuVirtBoard } from "../board/qemu-virt-board";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { seL4_FaultType as F } from "../constants/faults";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_MessageInfo_new } from "../message-info";
import { emptyUserContext } from "../objects/user-context";
import { HVC0, WFI, addImm, assemble, b, bne, ldrW, movn, movz, msrCntvCtl, msrCntvTval, strW, subsImm } from "../test-support/a64";
import { GUEST_RAM_IPA, createGuest } from "../test-support/guest-kit";
import { runRoot } from "../test-support/root-task-kit";

const GICV_PADDR = 0x0804_0000;
const GUEST_GICC_IPA = 0x0801_0000;
const UART = 0x0900_0000;

async function receiveFault(sel4: Sel4, ep: number, count: number): Promise<{ label: F; mrs: bigint[] }> {
  const info = await sel4.seL4_Recv(ep, null);
  return { label: info.label as F, mrs: Array.from({ length: count }, (_, i) => sel4.seL4_GetMR(i)) };
}

/** Starts the virtual timer `ticks` ahead: x1 = ticks, x2 = ENABLE. */
const armTimer = (ticks: number) => [movz(1, ticks), msrCntvTval(1), movz(2, 1), msrCntvCtl(2)];

describe("VCPU guests and the board", () => {
  it("a PL011 frame mapped into the guest is written directly, without an exit", async () => {
    const tx: number[] = [];
    const board = new QemuVirtBoard({ ramSize: 64 << 20, uartOutput: (byte) => tx.push(byte) });
    const faults: number[] = [];
    await runRoot(
      async (sel4, kit) => {
        const code = [movz(0, UART >>> 16, 16), movz(1, 0x48), strW(1, 0), movz(1, 0x69), strW(1, 0), movz(7, 42), HVC0];
        const guest = createGuest(sel4, kit, assemble(code), { devices: [{ paddr: UART, ipa: UART }] });
        const fault = await receiveFault(sel4, guest.faultEp, 13);
        faults.push(fault.label);
        expect(fault.mrs[8]).toBe(BigInt(GUEST_RAM_IPA + 24)); // the first exit is the HVC at the end
      },
      { platform: board },
    );
    expect(faults).toEqual([F.seL4_Fault_UnknownSyscall]);
    expect(String.fromCharCode(...tx)).toBe("Hi");
  });

  it("a guest HVC with x7 = seL4_SysSend signals a notification as the VCPU thread, then continues", async () => {
    const events: string[] = [];
    await runRoot(async (sel4, kit) => {
      const ntfn = kit.make(T.seL4_NotificationObject);
      const badged = kit.next++;
      sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, badged, 64, S.seL4_CapInitThreadCNode, ntfn, 64, 0xf, 0x5n);
      const code = [movz(0, badged), movz(1, 0), movn(7, 2), HVC0, movz(7, 42), HVC0];
      const guest = createGuest(sel4, kit, assemble(code));
      const badge = { value: 0n };
      await sel4.seL4_Wait(ntfn, badge);
      events.push(`signal ${badge.value}`);
      const fault = await receiveFault(sel4, guest.faultEp, 13);
      events.push(`fault ${fault.label} at +${Number(fault.mrs[8]!) - GUEST_RAM_IPA}`);
    });
    expect(events).toEqual(["signal 5", `fault ${F.seL4_Fault_UnknownSyscall} at +20`]);
  });

  it("InjectIRQ, the guest acknowledging through GICV and EOI → VGICMaintenance with the list register index", async () => {
    const seen: string[] = [];
    await runRoot(async (sel4, kit) => {
      const code = [
        movz(0, GUEST_GICC_IPA >>> 16, 16),
        movz(1, 1),
        strW(1, 0, 0x0), // GICV_CTLR: group 0 on
        movz(1, 0xf0),
        strW(1, 0, 0x4), // GICV_PMR
        movz(7, 42),
        HVC0, // "ready": the VMM injects and skips the HVC
        ldrW(1, 0, 0xc), // GICV_IAR
        strW(1, 0, 0x10), // GICV_EOIR
        b(0),
      ];
      const guest = createGuest(sel4, kit, assemble(code), { devices: [{ paddr: GICV_PADDR, ipa: GUEST_GICC_IPA }] });
      const ready = await receiveFault(sel4, guest.faultEp, 13);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(guest.vcpu, 33, 0, 0, 2)).toBe(E.seL4_NoError);
      sel4.seL4_SetMR(8, ready.mrs[8]! + 4n);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 9));
      const fault = await receiveFault(sel4, guest.faultEp, 1);
      seen.push(`label ${fault.label} lr ${fault.mrs[0]}`);
      const regs = emptyUserContext();
      sel4.seL4_TCB_ReadRegisters(guest.tcb, true, 0, 36, regs);
      seen.push(`iar ${regs.x1}`);
    });
    expect(seen).toEqual([`label ${F.seL4_Fault_VGICMaintenance} lr 2`, "iar 33"]);
  });

  it("the virtual timer raises VPPIEvent(27), which stays masked until AckVPPI", async () => {
    const events: string[] = [];
    await runRoot(async (sel4, kit) => {
      // Arm the timer 100 ticks ahead, spin 5 000 iterations (well past it), then report by HVC.
      const code = [...armTimer(100), movz(3, 5000), subsImm(3, 3, 1), bne(-1), movz(7, 42), HVC0, b(0)];
      const guest = createGuest(sel4, kit, assemble(code));
      const describe = (fault: { label: F; mrs: bigint[] }) =>
        fault.label === F.seL4_Fault_VPPIEvent ? `vppi ${fault.mrs[0]}` : fault.label === F.seL4_Fault_UnknownSyscall ? `hvc x3=${fault.mrs[3]}` : `fault ${fault.label}`;
      const first = await receiveFault(sel4, guest.faultEp, 13);
      events.push(describe(first));
      // Replying restarts the guest, but 27 stays masked: the loop finishes without another event.
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
      const second = await receiveFault(sel4, guest.faultEp, 13);
      events.push(describe(second));
      expect(sel4.seL4_ARM_VCPU_AckVPPI(guest.vcpu, 27)).toBe(E.seL4_NoError);
      events.push("ack");
      sel4.seL4_SetMR(8, second.mrs[8]! + 4n);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 9));
      // The timer output is still asserted: unmasked at the next VCPU restore, it fires again.
      events.push(describe(await receiveFault(sel4, guest.faultEp, 13)));
      expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
    });
    expect(events).toEqual(["vppi 27", "hvc x3=0", "ack", "vppi 27"]);
  });

  it("with WFI traps off, WFI sleeps until the timer fires and virtual time skips ahead", async () => {
    let faultAt = 0;
    let label = 0;
    let spins = -1n;
    await runRoot(
      async (sel4, kit, kernel) => {
        // After WFI, x3 counts loop iterations: a WFI that did not sleep would leave it huge.
        const guest = createGuest(sel4, kit, assemble([...armTimer(50_000), movz(3, 0), WFI, addImm(3, 3, 1), b(-1)]));
        const start = kernel.clock.now;
        label = (await receiveFault(sel4, guest.faultEp, 1)).label;
        faultAt = kernel.clock.now - start;
        const regs = emptyUserContext();
        sel4.seL4_TCB_ReadRegisters(guest.tcb, false, 0, 36, regs);
        spins = regs.x3;
        expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
      },
      { disableWfiWfeTraps: true },
    );
    expect(label).toBe(F.seL4_Fault_VPPIEvent);
    // 50 000 ticks of 16 ns: the guest slept 800 µs rather than spinning through them.
    expect(faultAt).toBeGreaterThanOrEqual(800_000);
    expect(faultAt).toBeLessThan(900_000);
    expect(spins).toBeLessThan(100n);
  });

  it("a WFI sleep longer than a scheduler tick (2 ms) still wakes at the timer deadline", async () => {
    let faultAt = 0;
    let label = 0;
    await runRoot(
      async (sel4, kit, kernel) => {
        // 0x30000 ticks of 16 ns: about 3.1 ms, past the end of the guest's slice.
        const code = [movz(1, 3, 16), msrCntvTval(1), movz(2, 1), msrCntvCtl(2), WFI, b(-1)];
        const guest = createGuest(sel4, kit, assemble(code));
        const start = kernel.clock.now;
        label = (await receiveFault(sel4, guest.faultEp, 1)).label;
        faultAt = kernel.clock.now - start;
        expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
      },
      { disableWfiWfeTraps: true },
      { maxTimeNs: 50_000_000 },
    );
    expect(label).toBe(F.seL4_Fault_VPPIEvent);
    expect(faultAt).toBeGreaterThanOrEqual(0x30000 * 16);
    expect(faultAt).toBeLessThan(0x30000 * 16 + 100_000);
  });

  it("an EOI's maintenance interrupt is reported at the next instruction boundary, before a VMFault right after it", async () => {
    const seen: string[] = [];
    await runRoot(async (sel4, kit) => {
      const code = [
        movz(0, GUEST_GICC_IPA >>> 16, 16),
        movz(1, 1),
        strW(1, 0, 0x0), // GICV_CTLR
        movz(1, 0xf0),
        strW(1, 0, 0x4), // GICV_PMR
        movz(7, 42),
        HVC0, // "ready": the VMM injects and skips the HVC
        ldrW(1, 0, 0xc), // GICV_IAR
        strW(1, 0, 0x10), // GICV_EOIR: the maintenance IRQ exits right after this store…
        movz(2, 0x0a00, 16),
        strW(1, 2, 0), // …before this unmapped store faults
        HVC0,
        b(0),
      ];
      const guest = createGuest(sel4, kit, assemble(code), { devices: [{ paddr: GICV_PADDR, ipa: GUEST_GICC_IPA }] });
      const ready = await receiveFault(sel4, guest.faultEp, 13);
      expect(sel4.seL4_ARM_VCPU_InjectIRQ(guest.vcpu, 33, 0, 0, 1)).toBe(E.seL4_NoError);
      sel4.seL4_SetMR(8, ready.mrs[8]! + 4n);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 9));
      for (;;) {
        const fault = await receiveFault(sel4, guest.faultEp, 13);
        seen.push(fault.label === F.seL4_Fault_VGICMaintenance ? `maintenance lr ${fault.mrs[0]}` : `fault ${fault.label}`);
        if (fault.label === F.seL4_Fault_UnknownSyscall) break;
        if (fault.label === F.seL4_Fault_VMFault) {
          // Step over the store, then reply (a reply restarts at the saved PC).
          const context = emptyUserContext();
          sel4.seL4_TCB_ReadRegisters(guest.tcb, false, 0, 36, context);
          context.pc += 4n;
          sel4.seL4_TCB_WriteRegisters(guest.tcb, false, 0, 36, context);
        }
        await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
      }
      expect(sel4.seL4_TCB_Suspend(guest.tcb)).toBe(E.seL4_NoError);
    }, {}, { maxTimeNs: 50_000_000 });
    expect(seen).toEqual(["maintenance lr 1", `fault ${F.seL4_Fault_VMFault}`, `fault ${F.seL4_Fault_UnknownSyscall}`]);
  });
});
