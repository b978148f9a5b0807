import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Sel4 } from "../api/sel4";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_AllRights } from "../constants/rights";
import type { Kernel } from "../kernel";
import type { CNode } from "../objects/cnode";
import { RootKit, testKernel } from "../test-support/root-task-kit";
import { capBadge, capObject, type Cap } from "./cap";
import type { Slot } from "./slot";

const ROOT = S.seL4_CapInitThreadCNode;
const WORK_SLOTS = 10;

type Command =
  | { op: "retype"; from: number; type: T; size: number; count: number; to: number }
  | { op: "copy" | "move"; src: number; dst: number }
  | { op: "mint"; src: number; dst: number; badge: bigint }
  | { op: "delete" | "revoke"; slot: number };

const slotArb = fc.integer({ min: 0, max: WORK_SLOTS - 1 });
// Objects are mostly made in the low slots and copied into the high ones, so that commands
// usually find a source cap and an empty destination.
const lowSlot = fc.integer({ min: 0, max: 4 });
const highSlot = fc.integer({ min: 5, max: WORK_SLOTS - 1 });
const destSlot = fc.oneof({ arbitrary: highSlot, weight: 3 }, { arbitrary: lowSlot, weight: 1 });
const retypeArb = fc.record({
  op: fc.constant("retype" as const),
  from: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: slotArb, weight: 1 }),
  type: fc.constantFrom(T.seL4_EndpointObject, T.seL4_NotificationObject, T.seL4_ARM_SmallPageObject, T.seL4_UntypedObject, T.seL4_TCBObject),
  size: fc.constantFrom(12, 13),
  count: fc.integer({ min: 1, max: 3 }),
  to: fc.integer({ min: 1, max: 4 }),
});
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  retypeArb,
  retypeArb,
  fc.record({ op: fc.constantFrom("copy" as const, "move" as const), src: lowSlot, dst: destSlot }),
  fc.record({ op: fc.constant("mint" as const), src: lowSlot, dst: destSlot, badge: fc.bigInt({ min: 0n, max: 3n }) }),
  fc.record({ op: fc.constant("delete" as const), slot: slotArb }),
  fc.record({ op: fc.constant("revoke" as const), slot: lowSlot }),
);

/** The physical bytes a cap's object occupies. */
function region(cap: Cap): { base: number; size: number } | null {
  switch (cap.kind) {
    case "untyped":
      return { base: cap.paddr, size: 2 ** cap.sizeBits };
    case "endpoint":
      return { base: cap.obj.paddr, size: 16 };
    case "notification":
      return { base: cap.obj.paddr, size: 32 };
    case "tcb":
      return { base: cap.obj.paddr, size: 2048 };
    case "frame":
      return { base: cap.obj.paddr, size: cap.obj.size };
    case "cnode":
      return { base: cap.obj.paddr, size: 2 ** (cap.obj.radix + 5) };
    default:
      return null;
  }
}

function ancestors(slot: Slot): Slot[] {
  const out: Slot[] = [];
  for (let p = slot.parent; p; p = p.parent) out.push(p);
  return out;
}

/** Checks the invariants over the work area. */
function checkInvariants(work: readonly Slot[]): void {
  const live = work.filter((s) => s.cap);
  for (const slot of live) {
    const cap = slot.cap!;
    // CDT shape: a parent is revocable and covers the child (same object, or an untyped containing it).
    if (slot.parent) {
      const parent = slot.parent.cap!;
      expect(slot.parent.revocable).toBe(true);
      const inner = region(cap)!;
      const outer = region(parent)!;
      expect(inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size).toBe(true);
      if (parent.kind !== "untyped") expect(capObject(parent)).toBe(capObject(cap));
      if ((cap.kind === "endpoint" || cap.kind === "notification") && capBadge(parent) !== 0n) expect(capBadge(parent)).toBe(capBadge(cap));
    }
    // No cap outlives its object: every cap descends from an untyped holding its memory, so that
    // untyped keeps children and cannot reset its watermark while the object lives.
    const own = region(cap)!;
    const holders = ancestors(slot).filter((a) => {
      const r = a.cap?.kind === "untyped" ? region(a.cap) : null;
      return r !== null && own.base >= r.base && own.base + own.size <= r.base + r.size;
    });
    expect(holders.length).toBeGreaterThan(0);
  }
  // Untyped memory is never handed out twice: distinct live objects do not overlap.
  const objects = new Map<object, { base: number; size: number }>();
  for (const slot of live) {
    const obj = capObject(slot.cap!);
    if (obj) objects.set(obj, region(slot.cap!)!);
  }
  const sorted = [...objects.values()].sort((a, b) => a.base - b.base);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.base).toBeGreaterThanOrEqual(sorted[i - 1]!.base + sorted[i - 1]!.size);
}

function apply(sel4: Sel4, base: number, c: Command, work: readonly Slot[]): E {
  const at = (i: number) => base + i;
  switch (c.op) {
    case "retype": {
      const n = Math.min(c.count, WORK_SLOTS - c.to);
      return sel4.seL4_Untyped_Retype(at(c.from), c.type, c.size, ROOT, 0, 0, at(c.to), n);
    }
    case "copy":
      return sel4.seL4_CNode_Copy(ROOT, at(c.dst), 64, ROOT, at(c.src), 64, seL4_AllRights);
    case "move":
      return sel4.seL4_CNode_Move(ROOT, at(c.dst), 64, ROOT, at(c.src), 64);
    case "mint":
      return sel4.seL4_CNode_Mint(ROOT, at(c.dst), 64, ROOT, at(c.src), 64, seL4_AllRights, c.badge);
    case "delete":
      return sel4.seL4_CNode_Delete(ROOT, at(c.slot), 64);
    case "revoke": {
      const target = work[c.slot]!;
      const descendants = new Set(target.descendantsDeepestFirst());
      const before = new Map(work.map((s) => [s, s.cap]));
      const err = sel4.seL4_CNode_Revoke(ROOT, at(c.slot), 64);
      if (descendants.size > 0) successes.set("revoke-removing", (successes.get("revoke-removing") ?? 0) + 1);
      // Revoke removes exactly the descendants and leaves the target and all others alone.
      for (const s of work) expect(s.cap).toBe(descendants.has(s) ? null : before.get(s));
      return err;
    }
  }
}

function rootCNode(kernel: Kernel): CNode {
  const root = [...kernel.tcbs].find((t) => t.name === "rootserver")!;
  const cap = root.cspaceSlot.cap!;
  if (cap.kind !== "cnode") throw new Error("root CNode missing");
  return cap.obj;
}

/** Per-operation success counts, so the properties are known to exercise real work. */
const successes = new Map<string, number>();
// (a module-level counter is fine in a test file: it only gathers statistics for one test)

async function runCommands(commands: readonly Command[]): Promise<E[]> {
  const results: E[] = [];
  const kernel = testKernel();
  let done = false;
  kernel.createRootTask((sel4) => {
    const kit = new RootKit(sel4);
    const base = kit.next;
    // The arena: a 64 KiB untyped in work slot 0 that everything else is retyped from.
    expect(sel4.seL4_Untyped_Retype(kit.untyped, T.seL4_UntypedObject, 16, ROOT, 0, 0, base, 1)).toBe(E.seL4_NoError);
    const cnode = rootCNode(kernel);
    const work = Array.from({ length: WORK_SLOTS }, (_, i) => cnode.slot(base + i));
    for (const c of commands) {
      const err = apply(sel4, base, c, work);
      results.push(err);
      if (err === E.seL4_NoError) successes.set(c.op, (successes.get(c.op) ?? 0) + 1);
      checkInvariants(work);
    }
    done = true;
  });
  await kernel.run();
  expect(done).toBe(true);
  return results;
}

describe("CNode and Untyped operations (property-based)", () => {
  it("keep the CDT well-formed, revoke exactly descendants and never hand memory out twice", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 20, maxLength: 60 }), async (commands) => {
        await runCommands(commands);
      }),
      { numRuns: 150, seed: 20261122 },
    );
    for (const op of ["retype", "copy", "move", "mint", "revoke-removing"]) expect(successes.get(op) ?? 0).toBeGreaterThan(20);
  });

  it("after revoking the arena every object is gone and its memory is retyped afresh", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(retypeArb, { minLength: 1, maxLength: 20 }), async (retypes) => {
        const results = await runCommands([
          ...retypes,
          { op: "revoke", slot: 0 },
          { op: "retype", from: 0, type: T.seL4_UntypedObject, size: 16, count: 1, to: 1 },
        ]);
        // The whole 64 KiB is free again only if every object made from it is gone.
        expect(results.at(-1)).toBe(E.seL4_NoError);
      }),
      { numRuns: 50, seed: 7 },
    );
  });
});
