import { describe, expect, it } from "vitest";
import type { Sel4 } from "./api/sel4";
import { QemuVirtBoard } from "./board/qemu-virt-board";
import { PL011_FR, PL011_INT, PL011_REGISTERS as UART } from "./board/pl011";
import { seL4_RootCNodeCapSlots as S } from "./constants/boot";
import { seL4_Error as E } from "./constants/errors";
import { seL4_ObjectType as T } from "./constants/object-types";
import { seL4_AllRights } from "./constants/rights";
import { RootKit, runRoot, testKernel } from "./test-support/root-task-kit";

const UART_VADDR = 0x41_0000; // inside the root task's boot-info page table

/** Retypes the device untyped covering `paddr` into a 4 KiB frame cap; returns the slot. */
function deviceFrame(sel4: Sel4, kit: RootKit, paddr: number): number {
  const bi = sel4.seL4_GetBootInfo();
  const index = bi.untypedList.findIndex((u) => u.isDevice === 1 && u.paddr <= paddr && paddr < u.paddr + 2 ** u.sizeBits);
  expect(index).toBeGreaterThanOrEqual(0);
  const untyped = bi.untypedList[index]!;
  const slot = kit.next++;
  // Retype consumes the untyped from its start; skip to the wanted page with a throwaway size.
  expect(untyped.paddr).toBe(paddr);
  expect(sel4.seL4_Untyped_Retype(bi.untyped.start + index, T.seL4_ARM_SmallPageObject, 0, S.seL4_CapInitThreadCNode, 0, 0, slot, 1)).toBe(E.seL4_NoError);
  return slot;
}

/** A UART driver: waits for the RX interrupt, echoes every received byte upper-cased, acks. */
function uartEchoDriver(ntfn: number, handler: number, log: string[]) {
  return async (me: Sel4) => {
    me.deviceWrite(UART_VADDR + UART.IMSC, 4, PL011_INT.RX | PL011_INT.RT);
    for (;;) {
      const badge = { value: 0n };
      await me.seL4_Wait(ntfn, badge);
      log.push(`irq badge=${badge.value}`);
      while ((me.deviceRead(UART_VADDR + UART.FR, 4) & PL011_FR.RXFE) === 0) {
        const byte = me.deviceRead(UART_VADDR + UART.DR, 4) & 0xff;
        me.deviceWrite(UART_VADDR + UART.DR, 4, String.fromCharCode(byte).toUpperCase().charCodeAt(0));
      }
      expect(me.seL4_IRQHandler_Ack(handler)).toBe(E.seL4_NoError);
    }
  };
}

describe("the kernel on the qemu-virt board", () => {
  it("owns a qemu-virt board by default whose UART writes to the console", () => {
    const out: string[] = [];
    const kernel = testKernel({ consoleOutput: (text) => out.push(text) });
    expect(kernel.board).toBeInstanceOf(QemuVirtBoard);
    kernel.board!.uart.write(UART.DR, 4, 0x41);
    expect(out).toEqual(["A"]);
  });

  it("a native UART driver echoes RX bytes to TX via IRQ 33 → notification → Ack", async () => {
    const tx: number[] = [];
    const board = new QemuVirtBoard({ ramSize: 64 << 20, uartOutput: (byte) => tx.push(byte) });
    const log: string[] = [];
    const kernel = testKernel({ platform: board });
    kernel.createRootTask((sel4) => {
      const kit = new RootKit(sel4);
      const frame = deviceFrame(sel4, kit, 0x0900_0000);
      expect(sel4.seL4_ARM_Page_Map(frame, S.seL4_CapInitThreadVSpace, UART_VADDR, seL4_AllRights, 0)).toBe(E.seL4_NoError);
      const ntfn = kit.make(T.seL4_NotificationObject);
      const badged = kit.next++;
      sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, badged, 64, S.seL4_CapInitThreadCNode, ntfn, 64, seL4_AllRights, 0x8n);
      const handler = kit.next++;
      expect(sel4.seL4_IRQControl_Get(S.seL4_CapIRQControl, 33, S.seL4_CapInitThreadCNode, handler, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_IRQHandler_SetNotification(handler, badged)).toBe(E.seL4_NoError);
      kit.spawn(uartEchoDriver(ntfn, handler, log), { priority: 200, ipcBufferVaddr: 0x40_2000 });
    });
    // Bytes typed at two moments: each burst is one interrupt, masked until the driver's Ack.
    kernel.clock.schedule(1_000_000, () => board.uart.receive(Buffer.from("hi")));
    kernel.clock.schedule(5_000_000, () => board.uart.receive(Buffer.from("yo!")));
    const result = await kernel.run();
    expect(result.reason).toBe("idle");
    expect(String.fromCharCode(...tx)).toBe("HIYO!");
    expect(log).toEqual(["irq badge=8", "irq badge=8"]);
    expect(board.gic.isActive(33)).toBe(false);
  });

  it("an unacknowledged IRQ stays masked at the GIC; Ack lets a still-asserted level line through again", async () => {
    const board = new QemuVirtBoard({ ramSize: 64 << 20, uartOutput: () => undefined });
    const signals: bigint[] = [];
    await runRoot(
      async (sel4, kit) => {
        const frame = deviceFrame(sel4, kit, 0x0900_0000);
        expect(sel4.seL4_ARM_Page_Map(frame, S.seL4_CapInitThreadVSpace, UART_VADDR, seL4_AllRights, 0)).toBe(E.seL4_NoError);
        const ntfn = kit.make(T.seL4_NotificationObject);
        const handler = kit.next++;
        expect(sel4.seL4_IRQControl_Get(S.seL4_CapIRQControl, 33, S.seL4_CapInitThreadCNode, handler, 64)).toBe(E.seL4_NoError);
        const badged = kit.next++;
        sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, badged, 64, S.seL4_CapInitThreadCNode, ntfn, 64, seL4_AllRights, 5n);
        expect(sel4.seL4_IRQHandler_SetNotification(handler, badged)).toBe(E.seL4_NoError);
        sel4.deviceWrite(UART_VADDR + UART.IMSC, 4, PL011_INT.RX | PL011_INT.RT);
        board.uart.receive([0x61]);
        const badge = { value: 0n };
        await sel4.seL4_Wait(ntfn, badge);
        signals.push(badge.value);
        // Not acknowledged: the line is masked, so nothing more arrives although RX is still full.
        await sel4.seL4_Poll(ntfn, badge);
        signals.push(badge.value);
        expect(sel4.seL4_IRQHandler_Ack(handler)).toBe(E.seL4_NoError);
        await sel4.seL4_Wait(ntfn, badge);
        signals.push(badge.value);
        expect(sel4.deviceRead(UART_VADDR + UART.DR, 4)).toBe(0x61);
      },
      { platform: board },
    );
    expect(signals).toEqual([5n, 0n, 5n]);
  });

  it("refuses the kernel's own IRQs (25 maintenance, 26 kernel timer, 27 virtual timer) and a second claim", async () => {
    await runRoot((sel4, kit) => {
      for (const irq of [25, 26, 27]) {
        expect(sel4.seL4_IRQControl_Get(S.seL4_CapIRQControl, irq, S.seL4_CapInitThreadCNode, kit.next, 64)).toBe(E.seL4_RevokeFirst);
      }
      expect(sel4.seL4_IRQControl_Get(S.seL4_CapIRQControl, 33, S.seL4_CapInitThreadCNode, kit.next++, 64)).toBe(E.seL4_NoError);
      expect(sel4.seL4_IRQControl_Get(S.seL4_CapIRQControl, 33, S.seL4_CapInitThreadCNode, kit.next, 64)).toBe(E.seL4_RevokeFirst);
    });
  });

  it("device frames reach the device model; RAM frames and unmodelled windows are refused by deviceRead", async () => {
    await runRoot((sel4, kit) => {
      const frame = deviceFrame(sel4, kit, 0x0900_0000);
      expect(sel4.seL4_ARM_Page_Map(frame, S.seL4_CapInitThreadVSpace, UART_VADDR, seL4_AllRights, 0)).toBe(E.seL4_NoError);
      expect(sel4.deviceRead(UART_VADDR + 0xfe0, 4)).toBe(0x11); // PL011 PeriphID0
      expect(() => sel4.frameView(UART_VADDR, 4)).toThrow(/device memory/);
      const ram = kit.make(T.seL4_ARM_SmallPageObject);
      expect(sel4.seL4_ARM_Page_Map(ram, S.seL4_CapInitThreadVSpace, UART_VADDR + 0x1000, seL4_AllRights, 3)).toBe(E.seL4_NoError);
      expect(() => sel4.deviceRead(UART_VADDR + 0x1000, 4)).toThrow(/not a modelled device register/);
    });
  });
});
