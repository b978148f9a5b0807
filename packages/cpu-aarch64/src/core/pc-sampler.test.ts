import { describe, expect, it } from "vitest";
import type { Cpu, PcSampler } from "./cpu.js";
import { CODE, machine } from "./cpu.test-helper.js";
import { systemMachine } from "./system-test-machine.test-helper.js";

// mov x0, #100; loop: subs x0, x0, #1; b.ne loop; (svc #0 follows in the user machine)
const LOOP = [0xd2800c80, 0xf1000400, 0x54ffffe1];

function recorder(interval: number): PcSampler & { pcs: bigint[] } {
  const pcs: bigint[] = [];
  return { interval, pcs, sample: (pc) => pcs.push(pc) };
}

function registers(cpu: Cpu): bigint[] {
  return [cpu.getPC(), cpu.getX(0), BigInt(cpu.getNZCV()), BigInt(cpu.instructionsRetired)];
}

describe("Cpu.pcSampler", () => {
  it("hands over the PC each `interval` instructions, across runs, and changes nothing in the run", () => {
    const plain = machine(LOOP).cpu;
    const sampled = machine(LOOP).cpu;
    const sampler = recorder(7);
    sampled.pcSampler = sampler;
    for (const budget of [5, 50, 10_000]) expect(sampled.run(budget)).toEqual(plain.run(budget));
    expect(registers(sampled)).toEqual(registers(plain));
    expect(sampled.instructionsRetired).toBe(202); // mov, 100 x (subs, b.ne), svc
    expect(sampler.pcs.length).toBe(Math.floor(202 / 7));
    // The 7th instruction retired is the loop's third b.ne: the next is a subs.
    expect(sampler.pcs[0]).toBe(BigInt(CODE + 4));
    expect(sampler.pcs.every((pc) => pc === BigInt(CODE + 4) || pc === BigInt(CODE + 8))).toBe(true);
  });

  it("leaves a system-level core's exits and timing as they are", () => {
    const words = [...LOOP, 0xd4000002]; // then hvc #0
    const plain = systemMachine(words).cpu;
    const sampled = systemMachine(words).cpu;
    const sampler = recorder(10);
    sampled.pcSampler = sampler;
    expect(sampled.run(1000)).toEqual(plain.run(1000));
    expect(registers(sampled)).toEqual(registers(plain));
    expect(sampled.counterTicks).toBe(plain.counterTicks);
    expect(sampler.pcs.length).toBe(20);
  });
});
