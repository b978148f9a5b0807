import { describe, expect, it } from "vitest";
// The README's root task, kept in step by hand: if this test changes, update README.md.
import {
  Kernel,
  seL4_RootCNodeCapSlots as S,
  seL4_ObjectType as T,
  seL4_ObjectType_MCS as MT,
  seL4_AllRights,
  seL4_MessageInfo_new,
  emptyUserContext,
  type Sel4,
} from "./index";

describe("README example", () => {
  it("creates a thread and answers its badged Call", async () => {
    let console = "";
    let badgeSeen = 0n;
    const kernel = new Kernel({ consoleOutput: (t) => (console += t), debugMessages: false });
    kernel.createRootTask(async (sel4: Sel4) => {
      const bi = sel4.seL4_GetBootInfo();
      const ut = bi.untyped.start + bi.untypedList.findIndex((u) => !u.isDevice && u.sizeBits >= 20);
      let free = bi.empty.start;
      const make = (type: T) => {
        const slot = free++;
        sel4.seL4_Untyped_Retype(ut, type, 0, S.seL4_CapInitThreadCNode, 0, 0, slot, 1);
        return slot;
      };
      const ep = make(T.seL4_EndpointObject);
      const tcb = make(T.seL4_TCBObject);
      const buffer = make(T.seL4_ARM_SmallPageObject);
      const badged = free++;
      sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, badged, 64, S.seL4_CapInitThreadCNode, ep, 64, seL4_AllRights, 0x42n);

      const child = async (me: Sel4) => {
        me.seL4_SetMR(0, 20n);
        const reply = await me.seL4_Call(badged, seL4_MessageInfo_new(1, 0, 0, 1));
        me.seL4_DebugPutChar(reply.label === 0 && me.seL4_GetMR(0) === 21n ? "Y" : "N");
      };
      sel4.seL4_ARM_Page_Map(buffer, S.seL4_CapInitThreadVSpace, 0x402000, seL4_AllRights, 3);
      sel4.seL4_TCB_Configure(tcb, 0, S.seL4_CapInitThreadCNode, 0, S.seL4_CapInitThreadVSpace, 0, 0x402000, buffer);
      sel4.seL4_TCB_SetPriority(tcb, S.seL4_CapInitThreadTCB, 100);
      const regs = emptyUserContext();
      regs.pc = sel4.nativeEntry(child);
      sel4.seL4_TCB_WriteRegisters(tcb, true, 0, 1, regs);

      const sender = { value: 0n };
      await sel4.seL4_Recv(ep, sender);
      badgeSeen = sender.value;
      sel4.seL4_SetMR(0, sel4.seL4_GetMR(0) + 1n);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 1));
    });
    const result = await kernel.run();
    expect(result.reason).toBe("idle");
    expect(badgeSeen).toBe(0x42n);
    expect(console).toBe("Y");
  });
});

describe("README MCS example", () => {
  it("a client with a 1 ms / 10 ms scheduling context Calls the root task, which answers on its reply object", async () => {
    const log: string[] = [];
    const kernel = new Kernel({ mcs: true, debugMessages: false, consoleOutput: () => undefined });
    kernel.createRootTask(async (sel4: Sel4) => {
      const bi = sel4.seL4_GetBootInfo();
      const ut = bi.untyped.start + bi.untypedList.findIndex((u) => !u.isDevice && u.sizeBits >= 20);
      let free = bi.empty.start;
      const make = (type: MT, size = 0) => {
        const slot = free++;
        sel4.seL4_Untyped_Retype(ut, type, size, S.seL4_CapInitThreadCNode, 0, 0, slot, 1);
        return slot;
      };
      const ep = make(MT.seL4_EndpointObject);
      const reply = make(MT.seL4_ReplyObject);
      const sc = make(MT.seL4_SchedContextObject, 8);
      log.push(`configure ${sel4.seL4_SchedControl_Configure(bi.schedcontrol!.start, sc, 1000, 10_000, 0, 0)}`);
      const tcb = make(MT.seL4_TCBObject);
      const buffer = make(MT.seL4_ARM_SmallPageObject);
      sel4.seL4_ARM_Page_Map(buffer, S.seL4_CapInitThreadVSpace, 0x402000, 3, 3);
      sel4.seL4_TCB_Configure(tcb, S.seL4_CapInitThreadCNode, 0, S.seL4_CapInitThreadVSpace, 0, 0x402000, buffer);
      log.push(`sched params ${sel4.seL4_TCB_SetSchedParams(tcb, S.seL4_CapInitThreadTCB, 100, 100, sc, 0)}`);
      const regs = emptyUserContext();
      regs.pc = sel4.nativeEntry(async (client: Sel4) => {
        await client.seL4_Call(ep, seL4_MessageInfo_new(1, 0, 0, 0));
        log.push("client answered");
      });
      sel4.seL4_TCB_WriteRegisters(tcb, true, 0, 1, regs);
      const badge = { value: 0n };
      const info = await sel4.seL4_Recv(ep, badge, reply);
      log.push(`call label ${info.label}`);
      await sel4.seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
    });
    const result = await kernel.run();
    expect(result.reason).toBe("idle");
    expect(log).toEqual(["configure 0", "sched params 0", "call label 1", "client answered"]);
  });
});
