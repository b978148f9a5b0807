import { describe, expect, it } from "vitest";
import { assemble, b } from "../test-support/a64";
import { createGuest } from "../test-support/guest-kit";
import { RootKit, testKernel } from "../test-support/root-task-kit";
import type { Kernel } from "../kernel";
import { HOST_TURN_INTERVAL_MS } from "./host-turn";

/**
 * Runs `kernel` until a host timer set before the run has fired, or until `givenUp` (far more work
 * than HOST_TURN_INTERVAL_MS of wall time): the systems below never stop on their own, so the
 * timer fires during the run only if the kernel gives the host's event loop a turn.
 */
async function hostTimerFiredDuringRun(kernel: Kernel, givenUp: () => boolean): Promise<boolean> {
  let fired = false;
  setTimeout(() => (fired = true), 0);
  await kernel.run({ until: () => fired || givenUp() });
  return fired;
}

describe("turns of the host's event loop during a run", () => {
  it("come while a guest vCPU spins forever (CPU threads run synchronously)", async () => {
    const kernel = testKernel();
    kernel.createRootTask(async (sel4) => {
      const kit = new RootKit(sel4);
      const guest = createGuest(sel4, kit, assemble([b(0)]));
      await sel4.seL4_Recv(guest.faultEp, null); // no fault ever comes
    });
    // Given up by wall time: the translated self-loop runs 50 M instructions in well under a turn's interval.
    const started = performance.now();
    expect(await hostTimerFiredDuringRun(kernel, () => performance.now() - started > 20 * HOST_TURN_INTERVAL_MS)).toBe(true);
    expect(kernel.instructionsRetired).toBeGreaterThan(0);
  });

  it("come while native threads make system calls forever (the fast path between them)", async () => {
    const kernel = testKernel();
    let yields = 0;
    kernel.createRootTask(async (sel4) => {
      for (;;) {
        await sel4.seL4_Yield();
        yields++;
      }
    });
    expect(await hostTimerFiredDuringRun(kernel, () => yields > 2_000_000)).toBe(true);
    expect(yields).toBeGreaterThan(0);
  });
});
