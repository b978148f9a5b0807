import { describe, expect, it } from "vitest";
import { OP_NAMES } from "../decode/decoder.generated.js";
import { Cpu } from "./cpu.js";
import { HOT_END, HOT_FIRST } from "./exec/hot.js";
import { EXECUTOR_SAMPLES, OWN_CALL_SITE_PATTERNS, executorFor, patternExecutor } from "./executors.js";
import { primeInterpreter } from "./interpreter-priming.js";

/** The executor ids the run loop's switch calls from sites of their own. */
function switchExecutors(): number[] {
  const ids: number[] = [];
  for (let id = HOT_FIRST; id < HOT_END; id++) ids.push(id);
  return [...ids, ...OWN_CALL_SITE_PATTERNS.map((name) => patternExecutor(OP_NAMES.indexOf(name)))];
}

describe("interpreter priming", () => {
  it("has a word of every executor the run loop's switch calls, decoding to it", () => {
    for (const id of switchExecutors()) {
      expect(EXECUTOR_SAMPLES[id], `executor ${id}`).not.toBe(0);
      expect(executorFor(EXECUTOR_SAMPLES[id]!), `executor ${id}`).toBe(id);
    }
  });

  it("runs each of them, and others through the shared call, on one CPU that translates blocks", () => {
    const cpus: Cpu[] = [];
    const ran = primeInterpreter((options) => {
      const cpu = new Cpu(options);
      cpus.push(cpu);
      return cpu;
    });
    expect(ran).toEqual(expect.arrayContaining(switchExecutors()));
    expect(ran.filter((id) => id >= HOT_END).length).toBeGreaterThan(OWN_CALL_SITE_PATTERNS.length + 4);
    expect(cpus).toHaveLength(1);
    // Three passes over every sample, each retiring it and its SVC unless it faulted or branched.
    expect(cpus[0]!.instructionsRetired).toBeGreaterThan(3 * ran.length);
    expect(cpus[0]!.translatedBlocks).toBeGreaterThanOrEqual(2);
  });
});
