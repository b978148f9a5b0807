import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import { runRoot } from "../test-support/root-task-kit";

describe("debug calls", () => {
  it("seL4_DebugPutChar, seL4_DebugNameThread and seL4_DebugDumpScheduler", async () => {
    let out = "";
    await runRoot(
      (sel4, kit) => {
        for (const c of "hi\n") sel4.seL4_DebugPutChar(c);
        const tcb = kit.make(T.seL4_TCBObject);
        sel4.seL4_DebugNameThread(tcb, "worker-1");
        sel4.seL4_DebugNameThread(S.seL4_CapInitThreadTCB, "root");
        sel4.seL4_DebugDumpScheduler();
      },
      { consoleOutput: (t) => (out += t) },
    );
    expect(out.startsWith("hi\nDumping all tcbs!")).toBe(true);
    expect(out).toMatch(/\*root\s+\trunning\s+\t255/);
    expect(out).toMatch(/ worker-1\s+\tinactive\s+\t  0/);
  });

  it("failing invocations print a debug-kernel line naming the invocation and the reason", async () => {
    const lines: string[] = [];
    await runRoot(
      (sel4, kit) => {
        // Native threads invoke kernel objects synchronously: an IPC cap is refused instead of blocking.
        expect(sel4.seL4_TCB_Suspend(kit.make(T.seL4_EndpointObject))).toBe(E.seL4_IllegalOperation);
        expect(sel4.seL4_Untyped_Retype(kit.untyped, T.seL4_TCBObject, 0, S.seL4_CapInitThreadCNode, 0, 0, 1, 1)).toBe(E.seL4_DeleteFirst);
      },
      { debugMessages: true, log: (l) => lines.push(l) },
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^<<seL4\(CPU 0\) \[Invocation T"rootserver" @[0-9a-f]+\]: endpoint caps take IPC/);
    expect(lines[1]).toMatch(/^<<seL4\(CPU 0\) \[UntypedRetype T"rootserver" @[0-9a-f]+\]: Untyped_Retype: destination slot 1 is not empty/);
  });

  it("seL4_DebugHalt stops Kernel.run()", async () => {
    const { testKernel } = await import("../test-support/root-task-kit");
    const kernel = testKernel();
    kernel.createRootTask(async (sel4) => {
      sel4.seL4_DebugHalt();
      await sel4.seL4_Yield();
    });
    expect((await kernel.run()).reason).toBe("halted");
  });
});
