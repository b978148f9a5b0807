import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "./constants/boot";
import { seL4_Error } from "./constants/errors";
import { seL4_ObjectType } from "./constants/object-types";
import { seL4_AllRights } from "./constants/rights";
import { seL4_MessageInfo_new } from "./message-info";
import { RootKit, runRoot, testKernel } from "./test-support/root-task-kit";

describe("root task scenarios", () => {
  it("creates a thread and exchanges a badged Call/Reply", async () => {
    const kernel = testKernel();
    const log: string[] = [];
    kernel.createRootTask(async (sel4) => {
      const kit = new RootKit(sel4);
      const ep = kit.make(seL4_ObjectType.seL4_EndpointObject);
      const badged = kit.next++;
      expect(sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, badged, 64, S.seL4_CapInitThreadCNode, ep, 64, seL4_AllRights, 0x42n)).toBe(0);
      kit.spawn(
        async (child) => {
          child.seL4_SetMR(0, 7n);
          const reply = await child.seL4_Call(badged, seL4_MessageInfo_new(1, 0, 0, 1));
          log.push(`child got label ${reply.label} mr0 ${child.seL4_GetMR(0)}`);
        },
        { priority: 254, ipcBufferVaddr: 0x402000 },
      );
      const sender = { value: 0n };
      const info = await sel4.seL4_Recv(ep, sender);
      log.push(`root got badge ${sender.value.toString(16)} label ${info.label} mr0 ${sel4.seL4_GetMR(0)}`);
      sel4.seL4_SetMR(0, sel4.seL4_GetMR(0) + 1n);
      await sel4.seL4_Reply(seL4_MessageInfo_new(2, 0, 0, 1));
      log.push("root replied");
    });
    const result = await kernel.run();
    expect(result.reason).toBe("idle");
    expect(log).toEqual(["root got badge 42 label 1 mr0 7", "root replied", "child got label 2 mr0 8"]);
  });

  it("reports retype errors with seL4's codes", async () => {
    const kernel = testKernel();
    const errors: number[] = [];
    kernel.createRootTask((sel4) => {
      const kit = new RootKit(sel4);
      errors.push(sel4.seL4_Untyped_Retype(kit.untyped, 99, 0, S.seL4_CapInitThreadCNode, 0, 0, kit.next, 1));
      errors.push(sel4.seL4_Untyped_Retype(kit.untyped, seL4_ObjectType.seL4_EndpointObject, 0, S.seL4_CapInitThreadCNode, 0, 0, 1, 1));
    });
    await kernel.run();
    expect(errors).toEqual([seL4_Error.seL4_InvalidArgument, seL4_Error.seL4_DeleteFirst]);
  });
});

describe("more scenarios", () => {
  it("badged ping-pong: two clients call one server, which tells them apart by badge", async () => {
    const served = new Map<bigint, number>();
    const totals: bigint[] = [];
    const kernel = testKernel();
    kernel.createRootTask(async (sel4) => {
      const kit = new RootKit(sel4);
      const ep = kit.make(seL4_ObjectType.seL4_EndpointObject);
      const clients = [0xa1n, 0xb2n].map((badge) => {
        const slot = kit.next++;
        sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, slot, 64, S.seL4_CapInitThreadCNode, ep, 64, seL4_AllRights, badge);
        return slot;
      });
      clients.forEach((cap, i) =>
        kit.spawn(
          async (t) => {
            let total = 0n;
            for (let n = 1; n <= 10; n++) {
              t.seL4_SetMR(0, BigInt(n));
              await t.seL4_Call(cap, seL4_MessageInfo_new(0, 0, 0, 1));
              total += t.seL4_GetMR(0);
            }
            totals.push(total);
          },
          { priority: 100, ipcBufferVaddr: 0x402000 + i * 0x1000 },
        ),
      );
      const badge = { value: 0n };
      await sel4.seL4_Recv(ep, badge);
      for (;;) {
        served.set(badge.value, (served.get(badge.value) ?? 0) + 1);
        sel4.seL4_SetMR(0, sel4.seL4_GetMR(0) * (badge.value === 0xa1n ? 1n : 100n));
        await sel4.seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, 1), badge);
      }
    });
    expect((await kernel.run()).reason).toBe("idle");
    expect([...served.entries()].sort()).toEqual([[0xa1n, 10], [0xb2n, 10]]);
    expect(totals.sort()).toEqual([55n, 5500n]);
  });

  it("destroying an endpoint restarts its waiters; destroying a blocked TCB takes it off the queue", async () => {
    const lines: string[] = [];
    const kernel = await runRoot(
      async (sel4, kit) => {
        const ep = kit.make(seL4_ObjectType.seL4_EndpointObject);
        const ep2 = kit.make(seL4_ObjectType.seL4_EndpointObject);
        kit.spawn((t) => t.seL4_Recv(ep, null), { priority: 100, ipcBufferVaddr: 0x402000 });
        const doomed = kit.spawn((t) => t.seL4_Recv(ep2, null), { priority: 100, ipcBufferVaddr: 0x403000 });
        sel4.seL4_TCB_SetPriority(S.seL4_CapInitThreadTCB, S.seL4_CapInitThreadTCB, 50);
        await sel4.seL4_Yield(); // both block
        // The receiver restarts its Recv on an empty slot: a CapFault without a handler.
        expect(sel4.seL4_CNode_Delete(S.seL4_CapInitThreadCNode, ep, 64)).toBe(0);
        await sel4.seL4_Yield();
        expect(sel4.seL4_CNode_Delete(S.seL4_CapInitThreadCNode, doomed, 64)).toBe(0);
        // Nobody waits on ep2 any more, so a non-blocking send is dropped and we carry on.
        await sel4.seL4_NBSend(ep2, seL4_MessageInfo_new(0, 0, 0, 0));
        lines.push("done");
      },
      { debugMessages: true, log: (l) => lines.push(l) },
    );
    expect(lines.some((l) => l.includes("double fault"))).toBe(true);
    expect(lines.at(-1)).toBe("done");
    expect([...kernel.tcbs].filter((t) => t.priority === 100)).toHaveLength(1);
  });

  it("several kernels run side by side in one process without sharing state", async () => {
    const run = async (label: number) => {
      const kernel = testKernel();
      const got: number[] = [];
      kernel.createRootTask(async (sel4) => {
        const kit = new RootKit(sel4);
        const ep = kit.make(seL4_ObjectType.seL4_EndpointObject);
        kit.spawn(
          async (t) => {
            for (let i = 0; i < 50; i++) await t.seL4_Send(ep, seL4_MessageInfo_new(label + i, 0, 0, 0));
          },
          { priority: 100, ipcBufferVaddr: 0x402000 },
        );
        for (let i = 0; i < 50; i++) got.push((await sel4.seL4_Recv(ep, null)).label);
      });
      await kernel.run();
      return got;
    };
    const [a, b] = await Promise.all([run(1000), run(2000)]);
    expect(a).toEqual(Array.from({ length: 50 }, (_, i) => 1000 + i));
    expect(b).toEqual(Array.from({ length: 50 }, (_, i) => 2000 + i));
  });
});
