import { describe, expect, it } from "vitest";
import { seL4_FaultType_MCS, seL4_ObjectType_MCS as T, seL4_SchedContextFlag, seL4_Timeout_Consumed, seL4_Timeout_Data } from "./constants/mcs";
import { seL4_MessageInfo_new } from "./message-info";
import { runMcsRoot } from "./test-support/mcs-kit";

const US = 1000;

describe("MCS budgets against virtual time", () => {
  it("a thread that exhausts its budget without a timeout handler is postponed until its replenishment", async () => {
    const times: number[] = [];
    await runMcsRoot(
      (_sel4, kit, kernel) => {
        const ep = kit.make(T.seL4_EndpointObject);
        kit.spawn(
          async (me) => {
            for (;;) {
              times.push(kernel.clock.now);
              await me.seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0)); // 1 µs kernel entry each
            }
          },
          { priority: 100, ipcBufferVaddr: 0x402000, sc: kit.sched(100, 1000, { flags: seL4_SchedContextFlag.seL4_SchedContext_Sporadic }) },
        );
      },
      {},
      { maxTimeNs: 3500 * US },
    );
    // Per 1 ms period the thread gets its 100 µs budget less the MIN_BUDGET (20 µs) it may not start with.
    const perPeriod = [0, 1, 2].map((p) => times.filter((t) => t >= p * 1000 * US && t < (p + 1) * 1000 * US).length);
    for (const n of perPeriod) {
      expect(n).toBeGreaterThanOrEqual(70);
      expect(n).toBeLessThanOrEqual(101);
    }
    // Nothing runs between the end of the first budget and the first replenishment.
    const first = times.filter((t) => t > 150 * US && t < 900 * US);
    expect(first).toEqual([]);
  });

  it("a round-robin thread (budget == period) shares its priority with another one timeslice at a time", async () => {
    const order: string[] = [];
    await runMcsRoot(
      (_sel4, kit) => {
        const ep = kit.make(T.seL4_EndpointObject);
        for (const name of ["a", "b"]) {
          kit.spawn(
            async (me) => {
              for (;;) {
                if (order[order.length - 1] !== name) order.push(name);
                await me.seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
              }
            },
            { priority: 100, ipcBufferVaddr: name === "a" ? 0x402000 : 0x403000, sc: kit.sched(200, 200) },
          );
        }
      },
      {},
      { maxTimeNs: 2000 * US },
    );
    expect(order.length).toBeGreaterThanOrEqual(8);
    // Alternation: each thread runs one 200 µs timeslice, then the other (Resume enqueues at the head, so b starts).
    expect(order.slice(0, 4)).toEqual(["b", "a", "b", "a"]);
  });

  it("budget exhaustion raises a Timeout fault (label 5, MR0 badge, MR1 consumed µs) at the timeout handler", async () => {
    const faults: { label: number; data: bigint; consumed: bigint }[] = [];
    await runMcsRoot(
      async (sel4, kit) => {
        const ep = kit.make(T.seL4_EndpointObject);
        const timeoutEp = kit.make(T.seL4_EndpointObject);
        const reply = kit.make(T.seL4_ReplyObject);
        kit.spawn(
          async (me) => {
            for (;;) await me.seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
          },
          { priority: 100, ipcBufferVaddr: 0x402000, sc: kit.sched(100, 1000, { badge: 0x55n }), timeoutEp },
        );
        for (let i = 0; i < 2; i++) {
          const info = await sel4.seL4_Recv(timeoutEp, null, reply);
          faults.push({ label: info.label, data: sel4.seL4_GetMR(seL4_Timeout_Data), consumed: sel4.seL4_GetMR(seL4_Timeout_Consumed) });
          await sel4.seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0)); // resume: it waits for its replenishment
        }
      },
      {},
      { maxTimeNs: 2500 * US },
    );
    expect(faults.map((f) => [f.label, f.data])).toEqual([
      [seL4_FaultType_MCS.seL4_Fault_Timeout, 0x55n],
      [seL4_FaultType_MCS.seL4_Fault_Timeout, 0x55n],
    ]);
    for (const f of faults) {
      expect(f.consumed).toBeGreaterThanOrEqual(75n);
      expect(f.consumed).toBeLessThanOrEqual(101n);
    }
  });
});
