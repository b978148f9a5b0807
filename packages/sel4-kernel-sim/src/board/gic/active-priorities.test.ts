import { describe, expect, it } from "vitest";
import { ActivePriorities, NO_RUNNING_PRIORITY, groupPriority } from "./active-priorities";

describe("GICv2 priority bookkeeping (GICv2 arch: binary point, APR, priority drop)", () => {
  it("keeps priority[7:bp+1] as group priority, priority[7:bp] for the aliased (Group 1) binary point", () => {
    expect(groupPriority(0xff, 0, false)).toBe(0xfe);
    expect(groupPriority(0xff, 3, false)).toBe(0xf0);
    expect(groupPriority(0xff, 3, true)).toBe(0xf8);
    expect(groupPriority(0xff, 7, false)).toBe(0);
  });

  it("sets one APR bit per active preemption level and drops the highest priority first", () => {
    const apr = new ActivePriorities(7);
    expect(apr.words).toHaveLength(4);
    expect(apr.runningPriority()).toBe(NO_RUNNING_PRIORITY);
    apr.markActive(0xa0);
    apr.markActive(0x40);
    expect(apr.words[0x40 >> 6]).toBe(1 << ((0x40 >> 1) & 31));
    expect(apr.runningPriority()).toBe(0x40);
    expect(apr.dropHighest()).toBe(true);
    expect(apr.runningPriority()).toBe(0xa0);
    expect(apr.dropHighest()).toBe(true);
    expect(apr.dropHighest()).toBe(false);
  });

  it("uses a single APR word for the 5-bit virtual interface", () => {
    const apr = new ActivePriorities(5);
    expect(apr.words).toHaveLength(1);
    apr.markActive(0xf8);
    expect(apr.words[0]).toBe(0x8000_0000);
    expect(apr.runningPriority()).toBe(0xf8);
  });
});
