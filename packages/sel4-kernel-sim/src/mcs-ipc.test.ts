import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "./constants/boot";
import { seL4_ObjectType_MCS as T } from "./constants/mcs";
import { seL4_MessageInfo_new } from "./message-info";
import { runMcsRoot } from "./test-support/mcs-kit";

describe("MCS IPC with reply objects", () => {
  it("Call / Recv(reply) / ReplyRecv round trips between threads with their own scheduling contexts", async () => {
    const replies: bigint[] = [];
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const reply = kit.make(T.seL4_ReplyObject);
      kit.spawn(
        async (server) => {
          const badge = { value: 0n };
          let info = await server.seL4_Recv(ep, badge, reply);
          for (;;) {
            server.seL4_SetMR(0, server.seL4_GetMR(0) * 2n);
            info = await server.seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, info.length), badge, reply);
          }
        },
        { priority: 200, ipcBufferVaddr: 0x402000, sc: kit.sched(1000, 1000) },
      );
      for (let i = 1n; i <= 3n; i++) {
        sel4.seL4_SetMR(0, i);
        const info = await sel4.seL4_Call(ep, seL4_MessageInfo_new(7, 0, 0, 1));
        expect(info.label).toBe(0);
        replies.push(sel4.seL4_GetMR(0));
      }
      expect(sel4.seL4_GetBootInfo().schedcontrol).toEqual({ start: S.seL4_NumInitialCaps + 2, end: S.seL4_NumInitialCaps + 3 });
    });
    expect(replies).toEqual([2n, 4n, 6n]);
  });
});

describe("MCS passive servers", () => {
  it("a server without a scheduling context runs on its caller's, and the reply returns it", async () => {
    const seen: { donated: boolean; callerHasNone: boolean }[] = [];
    let serverScAfter: unknown = "unset";
    await runMcsRoot(async (sel4, kit) => {
      const ep = kit.make(T.seL4_EndpointObject);
      const reply = kit.make(T.seL4_ReplyObject);
      const serverSc = kit.sched(1000, 1000);
      const rootSc = sel4.tcb.sc;
      const server = kit.spawn(
        async (me) => {
          const badge = { value: 0n };
          await me.seL4_Recv(ep, badge, reply);
          for (;;) {
            seen.push({ donated: me.tcb.sc === rootSc && rootSc !== null, callerHasNone: sel4.tcb.sc === null });
            await me.seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, 0), badge, reply);
          }
        },
        { priority: 200, ipcBufferVaddr: 0x402000, sc: serverSc },
      );
      // The server has initialised and waits: take its scheduling context away (Microkit's passive PDs).
      expect(sel4.seL4_SchedContext_UnbindObject(serverSc, server)).toBe(0);
      await sel4.seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 0));
      await sel4.seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 0));
      expect(sel4.tcb.sc).toBe(rootSc);
      serverScAfter = null;
    });
    expect(seen).toEqual([
      { donated: true, callerHasNone: true },
      { donated: true, callerHasNone: true },
    ]);
    expect(serverScAfter).toBeNull();
  });
});
