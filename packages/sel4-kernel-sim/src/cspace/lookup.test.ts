import { describe, expect, it } from "vitest";
import { CNode } from "../objects/cnode";
import { Endpoint } from "../objects/endpoint";
import type { Cap } from "./cap";
import { lookupSlot, lookupSlotForCNodeOp, resolveAddressBits } from "./lookup";

function cnodeCap(radix: number, guardSize: number, guard = 0n): Extract<Cap, { kind: "cnode" }> {
  return { kind: "cnode", obj: new CNode(0x1000 * radix, radix), guard, guardSize };
}

describe("capability addressing", () => {
  it("matches the guard, then indexes the radix", () => {
    const root = cnodeCap(8, 56);
    const result = lookupSlot(root, 0x2an);
    expect(result.ok && result.value.slot).toBe(root.obj.slot(0x2a));
    expect(result.ok && result.value.bitsRemaining).toBe(0);
  });

  it("reports GuardMismatch with the cap's guard and size", () => {
    const root = cnodeCap(8, 56, 0x5n);
    expect(lookupSlot(root, 0x2an)).toEqual({ ok: false, fault: { kind: "guardMismatch", bitsLeft: 64, guardFound: 5n, bitsFound: 56 } });
  });

  it("reports DepthMismatch when a level needs more bits than are left", () => {
    const root = cnodeCap(8, 0);
    expect(resolveAddressBits(root, 1n, 4)).toEqual({ ok: false, fault: { kind: "depthMismatch", bitsLeft: 4, bitsFound: 8 } });
  });

  it("reports InvalidRoot for a non-CNode root", () => {
    const ep: Cap = { kind: "endpoint", obj: new Endpoint(0), badge: 0n, rights: 15 };
    expect(lookupSlot(ep, 0n)).toEqual({ ok: false, fault: { kind: "invalidRoot" } });
    expect(lookupSlot(null, 0n)).toEqual({ ok: false, fault: { kind: "invalidRoot" } });
  });

  it("walks through nested CNodes and stops at a non-CNode slot with bits left", () => {
    const root = cnodeCap(4, 0);
    const inner = cnodeCap(4, 0);
    root.obj.slot(3).cap = inner;
    const deep = resolveAddressBits(root, 0x35n, 8);
    expect(deep.ok && deep.value.slot).toBe(inner.obj.slot(5));
    const shallow = resolveAddressBits(root, 0x15n, 8);
    expect(shallow.ok && shallow.value).toEqual({ slot: root.obj.slot(1), bitsRemaining: 4 });
    // A CNode operation insists on using all bits.
    expect(lookupSlotForCNodeOp(root, 0x15n, 8)).toEqual({ ok: false, fault: { kind: "depthMismatch", bitsLeft: 4, bitsFound: 0 } });
  });
});
