import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_ObjectType as T } from "../constants/object-types";
import { isRunnableState } from "../constants/thread-state";
import type { Kernel } from "../kernel";
import { RootKit, testKernel } from "../test-support/root-task-kit";

const THREADS = 4;
const SELF = S.seL4_CapInitThreadTCB;

type Op =
  | { op: "resume" | "suspend" | "signal"; t: number }
  | { op: "prio"; t: number; p: number }
  | { op: "selfPrio"; p: number }
  | { op: "yield" };

const thread = fc.integer({ min: 0, max: THREADS - 1 });
const prio = fc.integer({ min: 1, max: 6 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom("resume" as const, "suspend" as const, "signal" as const), t: thread }),
  fc.record({ op: fc.constant("prio" as const), t: thread, p: prio }),
  fc.record({ op: fc.constant("selfPrio" as const), p: prio }),
  fc.record({ op: fc.constant("yield" as const) }),
);

/** Every runnable thread is running, queued or the switch candidate; queued threads are runnable and unique. */
function checkScheduler(kernel: Kernel): void {
  const queued = kernel.scheduler.readyThreads();
  expect(new Set(queued).size).toBe(queued.length);
  for (const tcb of queued) expect(isRunnableState(tcb.state)).toBe(true);
  for (const tcb of kernel.tcbs) if (isRunnableState(tcb.state)) expect(kernel.scheduler.isScheduled(tcb)).toBe(true);
}

async function runOps(ops: readonly Op[]): Promise<void> {
  const kernel = testKernel();
  let done = false;
  kernel.createRootTask(async (sel4) => {
    const kit = new RootKit(sel4);
    const ntfns = Array.from({ length: THREADS }, () => kit.make(T.seL4_NotificationObject));
    const tcbs = ntfns.map((ntfn, i) =>
      kit.spawn(
        async (t) => {
          for (;;) {
            await t.seL4_Wait(ntfn, null);
            await t.seL4_Yield();
          }
        },
        { priority: 3, ipcBufferVaddr: 0x402000 + i * 0x1000 },
      ),
    );
    sel4.seL4_TCB_SetPriority(SELF, SELF, 3);
    for (const o of ops) {
      switch (o.op) {
        case "resume":
          sel4.seL4_TCB_Resume(tcbs[o.t]!);
          break;
        case "suspend":
          sel4.seL4_TCB_Suspend(tcbs[o.t]!);
          break;
        case "signal":
          await sel4.seL4_Signal(ntfns[o.t]!);
          break;
        case "prio":
          sel4.seL4_TCB_SetPriority(tcbs[o.t]!, SELF, o.p);
          break;
        case "selfPrio":
          sel4.seL4_TCB_SetPriority(SELF, SELF, o.p);
          break;
        case "yield":
          await sel4.seL4_Yield();
          break;
      }
      checkScheduler(kernel);
    }
    done = true;
  });
  // The root may sink below busy threads; a time limit keeps the run finite.
  await kernel.run({ maxTimeNs: 200_000_000 });
  checkScheduler(kernel);
  if (!done) expect(kernel.rootTcb!.priority).toBeLessThan(6);
}

describe("scheduler (property-based)", () => {
  it("never loses a runnable thread and queues only runnable threads", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40 }), async (ops) => {
        await runOps(ops);
      }),
      { numRuns: 120, seed: 42 },
    );
  });
});
