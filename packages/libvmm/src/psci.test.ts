// PSCI 1.1 (Arm DEN 0022) answers through the SMC/HVC dispatcher.
import { emptyUserContext } from "@sel4ts/sel4-kernel-sim";
import { describe, expect, it } from "vitest";
import { handleSmccc, type PsciHost } from "./psci";

function host(on = [true, false]) {
  const events: string[] = [];
  const h: PsciHost = {
    num_vcpus: on.length,
    vcpuIsOn: (v) => on[v] ?? false,
    cpuOn: (v, entry, ctx) => events.push(`on ${v} ${entry.toString(16)} ${ctx}`),
    cpuOff: (v) => events.push(`off ${v}`),
    systemOff: (v) => events.push(`system_off ${v}`),
    systemReset: (v) => events.push(`system_reset ${v}`),
    log: { info() {}, error: (f, t) => events.push(`${f}: ${t}`) },
    sipHandler: null,
  };
  return { h, events };
}

function call(h: PsciHost, x0: number, x1 = 0n, x2 = 0n, x3 = 0n, via: "SMC" | "HVC" = "SMC") {
  const regs = emptyUserContext();
  Object.assign(regs, { x0: BigInt(x0), x1, x2, x3 });
  const result = handleSmccc(h, 0, regs, via);
  return { result, x0: BigInt.asIntN(64, regs.x0) };
}

describe("PSCI over SMC and HVC", () => {
  it("VERSION is 1.1 over both conduits", () => {
    const { h } = host();
    expect(call(h, 0x8400_0000).x0).toBe(0x10001n);
    expect(call(h, 0x8400_0000, 0n, 0n, 0n, "HVC").x0).toBe(0x10001n);
  });

  it("FEATURES: 0 for implemented PSCI functions, NOT_SUPPORTED (-1) otherwise", () => {
    const { h } = host();
    expect(call(h, 0x8400_000a, 0xc400_0003n).x0).toBe(0n);
    expect(call(h, 0x8400_000a, 0x8400_0008n).x0).toBe(0n);
    expect(call(h, 0x8400_000a, 0xc400_0001n).x0).toBe(-1n); // CPU_SUSPEND
    expect(call(h, 0x8400_000a, 0x8000_0000n).x0).toBe(-1n); // SMCCC_VERSION: SMCCC 1.0
  });

  it("CPU_ON: INVALID_PARAMETERS for a CPU that does not exist, ALREADY_ON for a running one, SUCCESS starts it", () => {
    const { h, events } = host();
    expect(call(h, 0xc400_0003, 5n).x0).toBe(-2n);
    expect(call(h, 0xc400_0003, 0n).x0).toBe(-4n);
    expect(call(h, 0xc400_0003, 1n, 0x4008_0000n, 7n).x0).toBe(0n);
    expect(events).toEqual(["on 1 40080000 7"]);
  });

  it("AFFINITY_INFO, MIGRATE_INFO_TYPE, CPU_OFF, SYSTEM_OFF, SYSTEM_RESET", () => {
    const { h, events } = host();
    expect(call(h, 0xc400_0004, 0n).x0).toBe(0n);
    expect(call(h, 0xc400_0004, 1n).x0).toBe(1n);
    expect(call(h, 0xc400_0004, 9n).x0).toBe(-2n);
    expect(call(h, 0x8400_0006).x0).toBe(2n);
    expect(call(h, 0x8400_0002).result).toBe("stopped");
    expect(call(h, 0x8400_0008).result).toBe("stopped");
    expect(call(h, 0x8400_0009).result).toBe("stopped");
    expect(events).toEqual(["off 0", "system_off 0", "system_reset 0"]);
  });

  it("unknown calls answer NOT_SUPPORTED and resume; SiP calls go to the registered handler", () => {
    const { h, events } = host();
    expect(call(h, 0xc400_0001)).toEqual({ result: "resume", x0: -1n });
    expect(events[0]).toMatch(/PSCI function 0x1 over SMC is not supported/);
    expect(call(h, 0x8000_0000)).toEqual({ result: "resume", x0: -1n });
    h.sipHandler = (_v, regs, fn) => ((regs.x0 = BigInt(fn)), true);
    expect(call(h, 0xc200_0042).x0).toBe(0x42n);
  });
});
