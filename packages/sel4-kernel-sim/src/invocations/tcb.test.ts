import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_MessageInfo_new } from "../message-info";
import { USER_CONTEXT_NAMES, emptyUserContext } from "../objects/user-context";
import { errorMRs, runRoot } from "../test-support/root-task-kit";

const ROOT = S.seL4_CapInitThreadCNode;
const VSPACE = S.seL4_CapInitThreadVSpace;
const SELF = S.seL4_CapInitThreadTCB;

describe("TCB invocations", () => {
  it("Configure validates the CSpace root, VSpace root and IPC buffer", async () => {
    await runRoot((sel4, kit) => {
      const tcb = kit.make(T.seL4_TCBObject);
      const frame = kit.make(T.seL4_ARM_SmallPageObject);
      const ep = kit.make(T.seL4_EndpointObject);
      const unassigned = kit.make(T.seL4_ARM_VSpaceObject);
      expect(sel4.seL4_TCB_Configure(tcb, 0, ep, 0, VSPACE, 0, 0, frame)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_TCB_Configure(tcb, 0, ROOT, 0, unassigned, 0, 0, frame)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_TCB_Configure(tcb, 0, ROOT, 0, VSPACE, 0, 0x402100, frame)).toBe(E.seL4_AlignmentError);
      expect(sel4.seL4_TCB_Configure(tcb, 0, ROOT, 0, VSPACE, 0, 0x402000, ep)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_TCB_Configure(tcb, 0, ROOT, 0, VSPACE, 0, 0x402400, frame)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_SetIPCBuffer(tcb, 0x402001, frame)).toBe(E.seL4_AlignmentError);
      expect(sel4.seL4_TCB_SetIPCBuffer(tcb, 0, frame)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_SetSpace(tcb, 0, VSPACE, 0, VSPACE, 0)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_TCB_SetSpace(tcb, 0, ROOT, 0, VSPACE, 0)).toBe(E.seL4_NoError);
    });
  });

  it("priority changes are bounded by the authority's MCP", async () => {
    await runRoot((sel4, kit) => {
      const tcb = kit.make(T.seL4_TCBObject);
      const ep = kit.make(T.seL4_EndpointObject);
      expect(sel4.seL4_TCB_SetPriority(tcb, ep, 10)).toBe(E.seL4_InvalidCapability);
      expect(errorMRs(sel4, 1)).toEqual([1n]);
      // A fresh TCB has MCP 0: as an authority it allows only priority 0.
      expect(sel4.seL4_TCB_SetPriority(tcb, tcb, 1)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([0n, 0n]);
      expect(sel4.seL4_TCB_SetMCPriority(tcb, SELF, 100)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_SetPriority(tcb, tcb, 100)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_SetPriority(tcb, tcb, 101)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([0n, 100n]);
      expect(sel4.seL4_TCB_SetSchedParams(tcb, tcb, 101, 50)).toBe(E.seL4_RangeError);
      expect(sel4.seL4_TCB_SetSchedParams(tcb, SELF, 101, 50)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_SetPriority(tcb, SELF, 256)).toBe(E.seL4_RangeError);
    });
  });

  it("Read/Write/CopyRegisters move UserContext words and refuse the caller's own TCB", async () => {
    await runRoot((sel4, kit) => {
      const a = kit.make(T.seL4_TCBObject);
      const b = kit.make(T.seL4_TCBObject);
      const regs = emptyUserContext();
      regs.pc = 0x1000n;
      regs.sp = 0x8000n;
      regs.spsr = 0xf000_03c5n; // flags kept, EL1h mode dropped for a non-VCPU thread
      regs.x0 = 11n;
      regs.x19 = 19n;
      regs.tpidr_el0 = 0x77n;
      expect(sel4.seL4_TCB_WriteRegisters(a, false, 0, 36, regs)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_WriteRegisters(SELF, false, 0, 1, regs)).toBe(E.seL4_IllegalOperation);
      // Claiming more registers than the message holds is a truncated message.
      const raw = sel4 as unknown as { invoke(s: number, l: number, m: bigint[]): E };
      expect(raw.invoke(a, 3, [0n, 40n, ...Array.from({ length: 36 }, () => 0n)])).toBe(E.seL4_TruncatedMessage);
      const out = emptyUserContext();
      expect(sel4.seL4_TCB_ReadRegisters(a, false, 0, 0, out)).toBe(E.seL4_RangeError);
      expect(errorMRs(sel4, 2)).toEqual([1n, 36n]);
      expect(sel4.seL4_TCB_ReadRegisters(a, false, 0, 37, out)).toBe(E.seL4_RangeError);
      expect(sel4.seL4_TCB_ReadRegisters(SELF, false, 0, 1, out)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_TCB_ReadRegisters(a, false, 0, 36, out)).toBe(E.seL4_NoError);
      expect([out.pc, out.sp, out.spsr, out.x0, out.x19, out.tpidr_el0]).toEqual([0x1000n, 0x8000n, 0xf000_0000n, 11n, 19n, 0x77n]);
      // Frame registers only.
      expect(sel4.seL4_TCB_CopyRegisters(b, a, false, false, true, false, 0)).toBe(E.seL4_NoError);
      const copied = emptyUserContext();
      expect(sel4.seL4_TCB_ReadRegisters(b, false, 0, 36, copied)).toBe(E.seL4_NoError);
      expect([copied.pc, copied.x0, copied.x19, copied.tpidr_el0]).toEqual([0x1000n, 11n, 0n, 0n]);
      expect(sel4.seL4_TCB_CopyRegisters(b, kit.make(T.seL4_EndpointObject), false, false, true, true, 0)).toBe(E.seL4_InvalidCapability);
      expect(sel4.seL4_TCB_SetTLSBase(b, 0x1234n)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_ReadRegisters(b, false, 0, 36, copied)).toBe(E.seL4_NoError);
      expect(copied.tpidr_el0).toBe(0x1234n);
      expect(sel4.seL4_TCB_SetFlags(b, 0, 1)).toEqual({ error: E.seL4_NoError, flags: 1n });
      expect(sel4.seL4_TCB_SetFlags(b, 1, 0)).toEqual({ error: E.seL4_NoError, flags: 0n });
    });
  });

  it("Read/WriteRegisters leave the message registers as libsel4's stubs do: MR4.. in the IPC buffer, MR0-3 untouched there", async () => {
    await runRoot((sel4, kit) => {
      const a = kit.make(T.seL4_TCBObject);
      const regs = emptyUserContext();
      USER_CONTEXT_NAMES.forEach((name, i) => (regs[name] = BigInt(i === 2 ? 0 : 0x100 + i)));
      for (let i = 0; i < 40; i++) sel4.seL4_SetMR(i, 0xdead_0000n + BigInt(i));
      expect(sel4.seL4_TCB_WriteRegisters(a, false, 0, 36, regs)).toBe(E.seL4_NoError);
      // WriteRegisters sends MR0 = flags, MR1 = count, MR2.. = the registers; MR0-3 travel in x2-x5.
      const afterWrite = Array.from({ length: 40 }, (_, i) => sel4.seL4_GetMR(i));
      expect(afterWrite.slice(0, 4)).toEqual([0xdead_0000n, 0xdead_0001n, 0xdead_0002n, 0xdead_0003n]);
      expect(afterWrite.slice(4, 38)).toEqual(USER_CONTEXT_NAMES.slice(2).map((name) => regs[name]));
      expect(afterWrite.slice(38)).toEqual([0xdead_0000n + 38n, 0xdead_0000n + 39n]);
      const out = emptyUserContext();
      expect(sel4.seL4_TCB_ReadRegisters(a, false, 0, 36, out)).toBe(E.seL4_NoError);
      expect(out).toEqual(regs);
      // The reply: MR0-3 in registers, MR4..35 = registers 4..35 in the buffer.
      const afterRead = Array.from({ length: 40 }, (_, i) => sel4.seL4_GetMR(i));
      expect(afterRead.slice(0, 4)).toEqual(afterWrite.slice(0, 4));
      expect(afterRead.slice(4, 36)).toEqual(USER_CONTEXT_NAMES.slice(4).map((name) => regs[name]));
      expect(afterRead.slice(36)).toEqual(afterWrite.slice(36));
      // Fewer words: only the prefix moves.
      const partial = emptyUserContext();
      partial.pc = 0x2000n;
      partial.sp = 0x3000n;
      partial.spsr = 0n;
      partial.x0 = 7n;
      partial.x1 = 8n;
      expect(sel4.seL4_TCB_WriteRegisters(a, false, 0, 5, partial)).toBe(E.seL4_NoError);
      const prefix = emptyUserContext();
      expect(sel4.seL4_TCB_ReadRegisters(a, false, 0, 6, prefix)).toBe(E.seL4_NoError);
      expect([prefix.pc, prefix.sp, prefix.spsr, prefix.x0, prefix.x1, prefix.x2, prefix.x3]).toEqual([0x2000n, 0x3000n, 0n, 7n, 8n, regs.x2, 0n]);
    });
  });

  it("Bind/UnbindNotification enforce seL4's conditions", async () => {
    await runRoot((sel4, kit) => {
      const tcb = kit.make(T.seL4_TCBObject);
      const n1 = kit.make(T.seL4_NotificationObject);
      const n2 = kit.make(T.seL4_NotificationObject);
      const sendOnly = kit.next++;
      expect(sel4.seL4_CNode_Mint(ROOT, sendOnly, 64, ROOT, n2, 64, 1, 0n)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_UnbindNotification(tcb)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_TCB_BindNotification(tcb, kit.make(T.seL4_EndpointObject))).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_TCB_BindNotification(tcb, sendOnly)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_TCB_BindNotification(tcb, n1)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_BindNotification(tcb, n2)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_TCB_BindNotification(SELF, n1)).toBe(E.seL4_IllegalOperation);
      expect(sel4.seL4_TCB_UnbindNotification(tcb)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_BindNotification(SELF, n1)).toBe(E.seL4_NoError);
    });
  });

  it("Suspend and Resume: a resumed thread restarts its interrupted syscall", async () => {
    const log: string[] = [];
    await runRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const worker = kit.spawn(
        async (t) => {
          const info = await t.seL4_Recv(ep, null);
          log.push(`worker got ${info.label}`);
        },
        { priority: 200, ipcBufferVaddr: 0x402000 },
      );
      const idle = kit.make(T.seL4_NotificationObject);
      await sel4.seL4_Poll(idle, null);
      // The worker has not run yet (lower priority); let it block first.
      sel4.seL4_TCB_SetPriority(SELF, SELF, 100);
      await sel4.seL4_Yield();
      expect(sel4.seL4_TCB_Suspend(worker)).toBe(E.seL4_NoError);
      await sel4.seL4_NBSend(ep, seL4_MessageInfo_new(1, 0, 0, 0)); // nobody waits: dropped
      expect(sel4.seL4_TCB_Resume(worker)).toBe(E.seL4_NoError);
      await sel4.seL4_Yield(); // worker restarts its Recv and blocks again
      await sel4.seL4_Send(ep, seL4_MessageInfo_new(2, 0, 0, 0));
      log.push("root sent");
    });
    expect(log).toEqual(["worker got 2", "root sent"]);
  });
});

describe("TCB IPC buffer checks", () => {
  it("a device frame cannot be an IPC buffer", async () => {
    await runRoot((sel4, kit) => {
      const bi = sel4.seL4_GetBootInfo();
      const device = bi.untyped.start + bi.untypedList.findIndex((u) => u.isDevice === 1);
      const frame = kit.next++;
      expect(sel4.seL4_Untyped_Retype(device, T.seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, frame, 1)).toBe(E.seL4_NoError);
      const tcb = kit.make(T.seL4_TCBObject);
      expect(sel4.seL4_TCB_SetIPCBuffer(tcb, 0x402000, frame)).toBe(E.seL4_IllegalOperation);
    });
  });
});
