import { describe, expect, it } from "vitest";
import { KernelSimError } from "../errors";
import { Tcb } from "../objects/tcb";
import { NativeExecutor } from "./native-executor";

describe("NativeExecutor", () => {
  it("gives each body one entry PC, outside any user address", () => {
    const executor = new NativeExecutor<string>();
    const a = () => undefined;
    const b = () => undefined;
    const pa = executor.registerEntry(a);
    expect(executor.registerEntry(a)).toBe(pa);
    expect(executor.registerEntry(b)).not.toBe(pa);
    expect(pa > 0xff_ffff_ffffn).toBe(true);
    expect(executor.entryAt(pa)).toBe(a);
  });

  it("runs a body until it parks, and resumes it only when asked", async () => {
    const executor = new NativeExecutor<string>();
    const tcb = new Tcb(0x1000);
    const steps: string[] = [];
    await executor.start(
      tcb,
      async (api) => {
        steps.push(`start ${api}`);
        await executor.park(executor.get(tcb)!);
        steps.push("resumed");
      },
      "api",
      [0n, 0n, 0n],
    );
    expect(steps).toEqual(["start api"]);
    expect(executor.get(tcb)!.parked).toBe(true);
    await executor.resume(executor.get(tcb)!);
    expect(steps).toEqual(["start api", "resumed"]);
    expect(executor.get(tcb)).toBeUndefined(); // finished
    expect(() => executor.resume({ tcb, continuation: null } as never)).toThrow(KernelSimError);
  });

  it("records the first error a body throws", async () => {
    const executor = new NativeExecutor<null>();
    const tcb = new Tcb(0x2000);
    await executor.start(
      tcb,
      () => {
        throw new Error("boom");
      },
      null,
      [0n, 0n, 0n],
    );
    expect(executor.failure?.tcb).toBe(tcb);
    expect((executor.failure?.error as Error).message).toBe("boom");
  });
});
