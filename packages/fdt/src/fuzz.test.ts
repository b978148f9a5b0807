// Property tests: random and mutated blobs must either parse or raise FdtError (with an offset
// inside the blob), and everything a parsed tree offers must work or raise FdtError. The parser is
// linear in the blob's size, so a bounded number of cases runs in about a second; the test
// timeout catches a hang.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { qemuVirtOptions } from "../test/fixture-specs.js";
import { readFixture } from "../test/tree-spec.js";
import { formatDts } from "./dts.js";
import { FdtError } from "./errors.js";
import { Fdt } from "./fdt.js";
import { buildQemuVirtFdt } from "./qemu-virt.js";

/** `pnpm fuzz` (SEL4TS_FUZZ_SCALE=100) runs this many times the cases of `pnpm test`; a failure prints fast-check's seed and shrunk input. */
const FUZZ_SCALE = Number(process.env.SEL4TS_FUZZ_SCALE ?? "1");

/** Runs `action`, letting FdtError through as a normal outcome and anything else as a failure. */
function onlyFdtErrors<T>(action: () => T): T | FdtError {
  try {
    return action();
  } catch (error) {
    if (error instanceof FdtError) return error;
    throw error;
  }
}

/** Parses `blob` and, if that works, uses every accessor and re-encodes the tree. */
function exercise(blob: Uint8Array): void {
  const parsed = onlyFdtErrors(() => Fdt.parse(blob, { source: "fuzz.dtb" }));
  if (parsed instanceof FdtError) {
    expect(parsed.offset).toBeGreaterThanOrEqual(0);
    expect(parsed.offset).toBeLessThanOrEqual(blob.length);
    return;
  }
  for (const node of parsed.walk()) {
    expect(parsed.findNode(node.path)).toBeDefined();
    onlyFdtErrors(() => node.reg());
    onlyFdtErrors(() => node.compatible);
    onlyFdtErrors(() => parsed.interruptParent(node));
    for (const p of node.properties) {
      const reads: (() => unknown)[] = [
        () => p.asU32(),
        () => p.asU64(),
        () => p.asCells(),
        () => p.asU64Array(),
        () => p.asString(),
        () => p.asStringList(),
        () => p.asBytes(),
      ];
      for (const read of reads) onlyFdtErrors(read);
      onlyFdtErrors(() => parsed.resolvePhandle(p));
    }
  }
  expect(formatDts(parsed)).toMatch(/^\/dts-v1\/;\n/);
  const reencoded = onlyFdtErrors(() => parsed.toBlob());
  if (!(reencoded instanceof FdtError)) {
    // What the writer accepted reads back to the same tree.
    const again = Fdt.parse(reencoded);
    expect([...again.walk()].map((n) => n.path)).toEqual([...parsed.walk()].map((n) => n.path));
  }
}

const seeds = [
  ...["types", "memreserve", "phandles", "qemu-virt"].map((name) => readFixture(`${name}.dtb`)),
  buildQemuVirtFdt({ ...qemuVirtOptions, cpus: 1 }),
];

type Mutation =
  | { readonly kind: "byte"; readonly at: number; readonly value: number }
  | { readonly kind: "word"; readonly at: number; readonly value: number }
  | { readonly kind: "truncate"; readonly at: number };

/** Header and token values most likely to reach the parser's checks. */
const interestingWords = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 4, 9, 16, 17, 40, 56, 0x7fffffff, 0xffffffff, 0xd00dfeed),
  fc.nat({ max: 4096 }),
  fc.nat()
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("byte" as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant("word" as const), at: fc.nat(), value: interestingWords }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() })
);

function mutate(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let blob = seed.slice();
  for (const m of mutations) {
    if (m.kind === "truncate") {
      blob = blob.slice(0, m.at % (blob.length + 1));
    } else if (m.kind === "byte" && blob.length > 0) {
      blob[m.at % blob.length] = m.value;
    } else if (m.kind === "word" && blob.length >= 4) {
      // Mostly on aligned words, where header fields and tokens are.
      const at = m.at % (blob.length - 3) & ~3;
      new DataView(blob.buffer).setUint32(at, m.value);
    }
  }
  return blob;
}

describe("Fdt.parse on hostile input", () => {
  it("raises nothing but FdtError on random bytes", { timeout: 30_000 }, () => {
    const withMagic = fc.uint8Array({ maxLength: 512 }).map((tail) => {
      const blob = new Uint8Array(tail.length + 4);
      new DataView(blob.buffer).setUint32(0, 0xd00dfeed);
      blob.set(tail, 4);
      return blob;
    });
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 512 }), withMagic), exercise), { numRuns: 1000 * FUZZ_SCALE });
  });

  it("raises nothing but FdtError on mutated valid blobs", { timeout: 30_000 }, () => {
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([seed, mutations]) => mutate(seed, mutations));
    fc.assert(fc.property(mutated, exercise), { numRuns: 1500 * FUZZ_SCALE });
  });

  it("parses every seed unchanged", () => {
    for (const seed of seeds) expect(Fdt.parse(seed).toBlob()).toEqual(seed);
  });
});
