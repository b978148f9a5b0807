import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_AllRights } from "../constants/rights";
import { runRoot } from "../test-support/root-task-kit";

const ROOT = S.seL4_CapInitThreadCNode;
const SELF = S.seL4_CapInitThreadTCB;

/** Lengths of the runs of equal neighbours in `xs`. */
function runLengths(xs: readonly string[]): number[] {
  const out: number[] = [];
  xs.forEach((x, i) => {
    if (i > 0 && xs[i - 1] === x) out[out.length - 1]!++;
    else out.push(1);
  });
  return out;
}

describe("scheduler", () => {
  it("round-robins equal priorities with a 5-tick (10 ms) timeslice", async () => {
    const log: string[] = [];
    // 1 ms of virtual time per kernel entry: a timeslice is 10 entries.
    await runRoot(
      async (_sel4, kit) => {
        const ntfn = kit.make(T.seL4_NotificationObject);
        for (const [name, page] of [["A", 0x402000], ["B", 0x403000]] as const) {
          kit.spawn(
            async (t) => {
              for (let i = 0; i < 40; i++) {
                await t.seL4_Poll(ntfn, null);
                log.push(name);
              }
            },
            { priority: 10, ipcBufferVaddr: page },
          );
        }
        await Promise.resolve();
      },
      { nativeEntryCostNs: 1_000_000 },
    );
    const runs = runLengths(log);
    expect(log).toHaveLength(80);
    // Each thread logs after its syscall returns, so a preempting entry shows up in the next run:
    // the first two and last two runs are partial, every run between is one full timeslice.
    const middle = runs.slice(2, -2);
    expect(middle.length).toBeGreaterThanOrEqual(5);
    expect(middle.every((n) => n === 10)).toBe(true);
  });

  it("Yield moves the caller to the tail of its queue", async () => {
    const log: string[] = [];
    await runRoot(async (_sel4, kit) => {
      for (const [name, page] of [["A", 0x402000], ["B", 0x403000], ["C", 0x404000]] as const) {
        kit.spawn(
          async (t) => {
            for (let i = 0; i < 3; i++) {
              log.push(name);
              await t.seL4_Yield();
            }
          },
          { priority: 10, ipcBufferVaddr: page },
        );
      }
      await Promise.resolve();
    });
    // Resume enqueues at the head, so C starts; then strict rotation.
    expect(log.join("")).toBe("CBACBACBA");
  });

  it("a woken thread preempts only a strictly lower-priority thread", async () => {
    const log: string[] = [];
    await runRoot(async (sel4, kit) => {
      const ntfn = kit.make(T.seL4_NotificationObject);
      const badged = kit.next++;
      sel4.seL4_CNode_Mint(ROOT, badged, 64, ROOT, ntfn, 64, seL4_AllRights, 1n);
      const waiter = kit.spawn(
        async (t) => {
          for (;;) {
            await t.seL4_Wait(ntfn, null);
            log.push("waiter woke");
          }
        },
        { priority: 10, ipcBufferVaddr: 0x402000 },
      );
      sel4.seL4_TCB_SetPriority(SELF, SELF, 10);
      await sel4.seL4_Yield(); // let the waiter block
      await sel4.seL4_Signal(badged);
      log.push("signaller (same priority) continues");
      await sel4.seL4_Yield();
      sel4.seL4_TCB_SetPriority(waiter, SELF, 11);
      await sel4.seL4_Signal(badged);
      log.push("signaller (lower priority) continues");
    });
    expect(log).toEqual(["signaller (same priority) continues", "waiter woke", "waiter woke", "signaller (lower priority) continues"]);
  });

  it("skips virtual time to the next deadline when every thread waits", async () => {
    let wokeAt = -1;
    const kernel = await runRoot(async (sel4, kit, k) => {
      const ntfn = kit.make(T.seL4_NotificationObject);
      const handler = kit.next++;
      sel4.seL4_IRQControl_Get(S.seL4_CapIRQControl, 40, ROOT, handler, 64);
      sel4.seL4_IRQHandler_SetNotification(handler, ntfn);
      k.clock.schedule(1_000_000_000, () => k.raiseIrq(40));
      await sel4.seL4_Wait(ntfn, null);
      wokeAt = k.clock.now;
    });
    expect(wokeAt).toBeGreaterThanOrEqual(1_000_000_000);
    expect(wokeAt).toBeLessThan(1_000_100_000);
    expect(kernel.clock.nextDeadline()).toBeNull();
  });

  it("is deterministic: the same program gives the same trace and virtual time", async () => {
    const once = async () => {
      const log: string[] = [];
      const kernel = await runRoot(
        async (sel4, kit) => {
          const ep = kit.make(T.seL4_EndpointObject);
          for (let n = 0; n < 4; n++) {
            kit.spawn(
              async (t) => {
                for (let i = 0; i < 5; i++) {
                  t.seL4_SetMR(0, BigInt(n * 10 + i));
                  await t.seL4_Send(ep, { label: n, capsUnwrapped: 0, extraCaps: 0, length: 1 });
                }
              },
              { priority: 10 + (n % 2), ipcBufferVaddr: 0x402000 + n * 0x1000 },
            );
          }
          sel4.seL4_TCB_SetPriority(SELF, SELF, 10);
          for (let i = 0; i < 20; i++) {
            await sel4.seL4_Recv(ep, null);
            log.push(String(sel4.seL4_GetMR(0)));
          }
        },
        { nativeEntryCostNs: 300_000 },
      );
      return { log, now: kernel.clock.now };
    };
    const a = await once();
    const b = await once();
    expect(a.log).toHaveLength(20);
    expect(b).toEqual(a);
  });

  it("run() stops at maxTimeNs and at an until() predicate", async () => {
    const { testKernel } = await import("../test-support/root-task-kit");
    const kernel = testKernel({ nativeEntryCostNs: 1_000_000 });
    let spins = 0;
    kernel.createRootTask(async (sel4) => {
      for (;;) {
        await sel4.seL4_Yield();
        spins++;
      }
    });
    expect((await kernel.run({ maxTimeNs: 50_000_000 })).reason).toBe("time");
    expect(spins).toBeGreaterThanOrEqual(48);
    expect((await kernel.run({ until: () => spins >= 100 })).reason).toBe("until");
    expect(spins).toBe(100);
  });
});

describe("realtime pacing", () => {
  it("runs the same program to the same result when paced against the wall clock", async () => {
    const woke: number[] = [];
    for (const realtime of [false, true]) {
      await runRoot(
        async (sel4, kit, k) => {
          const ntfn = kit.make(T.seL4_NotificationObject);
          const handler = kit.next++;
          sel4.seL4_IRQControl_Get(S.seL4_CapIRQControl, 40, ROOT, handler, 64);
          sel4.seL4_IRQHandler_SetNotification(handler, ntfn);
          k.clock.schedule(5_000_000, () => k.raiseIrq(40));
          await sel4.seL4_Wait(ntfn, null);
          woke.push(k.clock.now);
        },
        { realtime },
      );
    }
    expect(woke[1]).toBe(woke[0]);
  });
});

describe("deferred scheduling decisions", () => {
  it("a thread resumed and suspended again before the next system call does not run", async () => {
    const ran: string[] = [];
    await runRoot(async (sel4, kit) => {
      const tcb = kit.spawn(() => ran.push("child ran"), { priority: 255, ipcBufferVaddr: 0x402000 });
      expect(sel4.seL4_TCB_Suspend(tcb)).toBe(0);
      await sel4.seL4_Yield();
      ran.push("root continues");
    });
    expect(ran).toEqual(["root continues"]);
  });
});

describe("keepAlive runs", () => {
  it("wait for an outside interrupt instead of returning, and end on stop()", async () => {
    const { testKernel } = await import("../test-support/root-task-kit");
    const kernel = testKernel();
    const log: string[] = [];
    kernel.createRootTask(async (sel4) => {
      const { RootKit } = await import("../test-support/root-task-kit");
      const kit = new RootKit(sel4);
      const ntfn = kit.make(T.seL4_NotificationObject);
      const handler = kit.next++;
      sel4.seL4_IRQControl_Get(S.seL4_CapIRQControl, 40, ROOT, handler, 64);
      sel4.seL4_IRQHandler_SetNotification(handler, ntfn);
      log.push("waiting");
      setTimeout(() => kernel.raiseIrq(40), 1);
      await sel4.seL4_Wait(ntfn, null);
      log.push("interrupted");
      setTimeout(() => kernel.stop(), 1);
    });
    expect((await kernel.run({ keepAlive: true })).reason).toBe("halted");
    expect(log).toEqual(["waiting", "interrupted"]);
  });
});
