import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "./constants/boot";
import { seL4_Error } from "./constants/errors";
import { seL4_ObjectType } from "./constants/object-types";
import { seL4_AllRights } from "./constants/rights";
import { seL4_MessageInfo_new } from "./message-info";
import { RootKit, testKernel } from "./test-support/root-task-kit";

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
