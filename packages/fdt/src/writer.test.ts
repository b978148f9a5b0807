import { describe, expect, it } from "vitest";
import { readU32 } from "../test/raw-blob.js";
import { Fdt } from "./fdt.js";
import { FdtError } from "./errors.js";
import type { FdtErrorKind } from "./errors.js";
import { FdtWriter } from "./writer.js";

/** A writer with the root node open. */
function openRoot(): { w: FdtWriter; root: ReturnType<FdtWriter["beginNode"]> } {
  const w = new FdtWriter();
  return { w, root: w.beginNode("") };
}

function expectFdtError(action: () => unknown, kind: FdtErrorKind, message: RegExp): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(FdtError);
  expect((caught as FdtError).kind).toBe(kind);
  expect((caught as FdtError).message).toMatch(message);
}

describe("FdtWriter layout", () => {
  it("writes a version 17 header whose blocks follow each other, 4-byte aligned", () => {
    const { w, root } = openRoot();
    w.addMemoryReservation(0x1000, 0x2000);
    w.propertyString("model", "abc"); // 4 bytes with the NUL
    w.propertyBytes("odd", [1, 2, 3, 4, 5]); // padded to 8
    const child = w.beginNode("child@1");
    w.propertyEmpty("flag");
    w.endNode(child);
    w.endNode(root);
    const blob = w.finish();

    expect(readU32(blob, 0)).toBe(0xd00dfeed);
    expect(readU32(blob, 4)).toBe(blob.length);
    expect(readU32(blob, 16)).toBe(40); // memory reservation block right after the header
    expect(readU32(blob, 8)).toBe(40 + 2 * 16); // one entry plus the terminator
    expect(readU32(blob, 20)).toBe(17);
    expect(readU32(blob, 24)).toBe(16);
    const structSize = readU32(blob, 36);
    expect(structSize % 4).toBe(0);
    expect(readU32(blob, 12)).toBe(readU32(blob, 8) + structSize);
    expect(readU32(blob, 12) + readU32(blob, 32)).toBe(blob.length);
    // root(8) + model(12+4) + odd(12+8) + child@1 (4+8) + flag(12) + 2 END_NODE + END
    expect(structSize).toBe(8 + 16 + 20 + 12 + 12 + 8 + 4);

    const fdt = Fdt.parse(blob);
    expect(fdt.memoryReservations).toEqual([{ address: 0x1000n, size: 0x2000n }]);
    expect(Array.from(fdt.root.getProperty("odd").asBytes())).toEqual([1, 2, 3, 4, 5]);
    expect(fdt.getNode("/child@1").getProperty("flag").isEmpty).toBe(true);
  });

  it("stores each property name once, sharing tails of longer names", () => {
    const { w, root } = openRoot();
    w.propertyU32("#address-cells", 2);
    w.propertyU32("cells", 1); // tail of "#address-cells"
    const a = w.beginNode("a");
    w.propertyU32("#address-cells", 1);
    w.endNode(a);
    w.endNode(root);
    const blob = w.finish();
    expect(readU32(blob, 32)).toBe("#address-cells\0".length);
    const fdt = Fdt.parse(blob);
    expect(fdt.root.getProperty("cells").asU32()).toBe(1);
    expect(fdt.getNode("/a").getProperty("#address-cells").asU32()).toBe(1);
  });

  it("writes the boot CPU id and 64-bit values", () => {
    const w = new FdtWriter({ bootCpuidPhys: 3 });
    const root = w.beginNode("");
    w.propertyU64("big", 0xfedcba9876543210n);
    w.propertyU64("small", 0x1234);
    w.propertyU64Array("pair", [1, 2n]);
    w.endNode(root);
    const fdt = Fdt.parse(w.finish());
    expect(fdt.header.bootCpuidPhys).toBe(3);
    expect(fdt.root.getProperty("big").asU64()).toBe(0xfedcba9876543210n);
    expect(fdt.root.getProperty("small").asCells()).toEqual([0, 0x1234]);
    expect(fdt.root.getProperty("pair").asU64Array()).toEqual([1n, 2n]);
  });
});

describe("FdtWriter phandles", () => {
  it("allocates from 1, skipping values already held or handed out", () => {
    const { w, root } = openRoot();
    const first = w.allocatePhandle();
    const a = w.beginNode("a");
    w.propertyPhandle(2);
    w.endNode(a);
    const second = w.allocatePhandle();
    const b = w.beginNode("b");
    w.propertyPhandle(first);
    w.endNode(b);
    const c = w.beginNode("c");
    w.propertyPhandle(second);
    w.property("linux,phandle", Uint8Array.of(0, 0, 0, second)); // same node, same value: allowed
    w.endNode(c);
    w.endNode(root);
    expect([first, second]).toEqual([1, 3]);
    const fdt = Fdt.parse(w.finish());
    expect(fdt.nodeByPhandle(1)?.path).toBe("/b");
    expect(fdt.nodeByPhandle(2)?.path).toBe("/a");
    expect(fdt.nodeByPhandle(3)?.path).toBe("/c");
  });

  it("rejects a phandle held by another node, 0, 0xffffffff, and a wrong size", () => {
    const { w } = openRoot();
    const a = w.beginNode("a");
    w.propertyPhandle(7);
    w.endNode(a);
    w.beginNode("b");
    expectFdtError(() => w.propertyPhandle(7), "misuse", /phandle 7 of \/b is already held by \/a/);
    expectFdtError(() => w.propertyPhandle(0), "bad-value", /must not be 0 or 0xffffffff/);
    expectFdtError(() => w.propertyPhandle(0xffffffff), "bad-value", /must not be 0 or 0xffffffff/);
    expectFdtError(() => w.propertyU64("phandle", 1), "bad-value", /must be one u32 cell/);
  });

  it("refuses to finish while an allocated phandle was given to no node", () => {
    const { w, root } = openRoot();
    const phandle = w.allocatePhandle();
    w.propertyU32("interrupt-parent", phandle);
    w.endNode(root);
    expectFdtError(() => w.finish(), "misuse", /phandle 1 was allocated but no node was given it/);
  });
});

describe("FdtWriter misuse", () => {
  it("rejects a property after a child node", () => {
    const { w } = openRoot();
    const child = w.beginNode("child");
    w.endNode(child);
    expectFdtError(() => w.propertyU32("late", 1), "misuse", /property "late" of \/ after its child node "child"/);
  });

  it("rejects unbalanced nodes", () => {
    const w = new FdtWriter();
    expectFdtError(() => w.propertyU32("x", 1), "misuse", /outside of any node/);
    expectFdtError(() => w.finish(), "misuse", /before the root node/);
    const root = w.beginNode("");
    const a = w.beginNode("a");
    expectFdtError(() => w.endNode(root), "misuse", /endNode\(\/\) while \/a is the innermost open node/);
    expectFdtError(() => w.finish(), "misuse", /while \/a is still open/);
    w.endNode(a);
    w.endNode(root);
    expectFdtError(() => w.endNode(root), "misuse", /with no open node/);
    expectFdtError(() => w.beginNode(""), "misuse", /after the root node was closed/);
    w.finish();
    expectFdtError(() => w.finish(), "misuse", /already finished/);
  });

  it("rejects a first node that is not the root", () => {
    expectFdtError(() => new FdtWriter().beginNode("cpus"), "misuse", /first node must be the root node/);
  });

  it.each(["", "a/b", "cpu@", "a@b@c", "@0", "caf\u00e9", "has space"])("rejects the node name %j", (name) => {
    const { w } = openRoot();
    expectFdtError(() => w.beginNode(name), "bad-name", /node name|unit address/);
  });

  it.each(["", "a@b", "with space", "slash/", "nul\0"])("rejects the property name %j", (name) => {
    const { w } = openRoot();
    expectFdtError(() => w.propertyEmpty(name), "bad-name", /property name/);
  });

  it("accepts every character the specification allows", () => {
    const { w, root } = openRoot();
    const node = w.beginNode("Az09,._+-@Az09,._+-");
    w.propertyEmpty("Az09,._+?#-");
    w.endNode(node);
    w.endNode(root);
    expect(Fdt.parse(w.finish()).getNode("/Az09,._+-@Az09,._+-").property("Az09,._+?#-")).toBeDefined();
  });

  it("rejects duplicate property and sibling names", () => {
    const { w } = openRoot();
    w.propertyU32("x", 1);
    expectFdtError(() => w.propertyU32("x", 2), "misuse", /already has a property "x"/);
    const a = w.beginNode("a");
    w.endNode(a);
    expectFdtError(() => w.beginNode("a"), "misuse", /already has a child named "a"/);
  });

  it("rejects values out of range", () => {
    const { w } = openRoot();
    expectFdtError(() => w.propertyU32("x", -1), "bad-value", /not a u32/);
    expectFdtError(() => w.propertyU32("x", 2 ** 32), "bad-value", /not a u32/);
    expectFdtError(() => w.propertyCells("x", [1, 1.5]), "bad-value", /not a u32/);
    expectFdtError(() => w.propertyU64("x", -1n), "bad-value", /not a u64/);
    expectFdtError(() => w.propertyU64("x", 1n << 64n), "bad-value", /not a u64/);
    expectFdtError(() => w.propertyU64("x", 2 ** 60), "bad-value", /use a bigint/);
    expectFdtError(() => w.propertyString("x", "a\0b"), "bad-value", /must not contain NUL/);
    expectFdtError(() => w.propertyBytes("x", [256]), "bad-value", /from 0 to 255/);
    expectFdtError(() => w.addMemoryReservation(0x1000, 0), "bad-value", /size 0/);
    expectFdtError(() => w.setBootCpuidPhys(-1), "bad-value", /boot_cpuid_phys/);
  });
});
