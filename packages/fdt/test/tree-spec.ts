// A typed description of a device tree, written by hand from a fixture's .dts. It drives the
// writer (to compare with dtc's bytes) and checks what the reader makes of dtc's blob through the
// typed accessors, so the two directions are checked against dtc independently.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { FdtNode, FdtWriter } from "../src/index.js";

/** One property value as the .dts spells it. */
export type SpecValue =
  | { readonly kind: "empty" }
  | { readonly kind: "u32"; readonly value: number }
  | { readonly kind: "cells"; readonly value: readonly number[] }
  | { readonly kind: "u64"; readonly value: readonly bigint[] }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "strings"; readonly value: readonly string[] }
  | { readonly kind: "bytes"; readonly value: readonly number[] };

/** A node: its name, properties in order, and children in order. */
export interface NodeSpec {
  readonly name: string;
  readonly properties: readonly (readonly [string, SpecValue])[];
  readonly children: readonly NodeSpec[];
}

// Constructors, one per SpecValue kind, named after the .dts spelling they stand for.
/** `name;` */
export const empty = (): SpecValue => ({ kind: "empty" });
/** `name = <value>;` */
export const u32 = (value: number): SpecValue => ({ kind: "u32", value });
/** `name = <a b c>;` */
export const cells = (...value: number[]): SpecValue => ({ kind: "cells", value });
/** `name = /bits/ 64 <a b>;` */
export const u64 = (...value: bigint[]): SpecValue => ({ kind: "u64", value });
/** `name = "value";` */
export const str = (value: string): SpecValue => ({ kind: "string", value });
/** `name = "a", "b";` */
export const strs = (...value: string[]): SpecValue => ({ kind: "strings", value });
/** `name = [de ad];` (also `/bits/ 8`, `/bits/ 16` and mixed values, as their bytes) */
export const bytes = (...value: number[]): SpecValue => ({ kind: "bytes", value });

/** A node spec; `properties` keeps its insertion order. */
export function node(name: string, properties: Record<string, SpecValue>, children: NodeSpec[] = []): NodeSpec {
  return { name, properties: Object.entries(properties), children };
}

/** Writes `spec` (and its subtree) with the writer's typed property calls. */
export function writeSpec(w: FdtWriter, spec: NodeSpec): void {
  const handle = w.beginNode(spec.name);
  for (const [name, value] of spec.properties) {
    switch (value.kind) {
      case "empty":
        w.propertyEmpty(name);
        break;
      case "u32":
        w.propertyU32(name, value.value);
        break;
      case "cells":
        w.propertyCells(name, value.value);
        break;
      case "u64":
        w.propertyU64Array(name, value.value);
        break;
      case "string":
        w.propertyString(name, value.value);
        break;
      case "strings":
        w.propertyStringList(name, value.value);
        break;
      case "bytes":
        w.propertyBytes(name, value.value);
        break;
    }
  }
  for (const child of spec.children) writeSpec(w, child);
  w.endNode(handle);
}

/** Asserts that `actual` has exactly the names, order and typed values of `spec`. */
export function expectTree(actual: FdtNode, spec: NodeSpec): void {
  expect(actual.name).toBe(spec.name);
  expect(
    actual.properties.map((p) => p.name),
    `properties of ${actual.path}`
  ).toEqual(spec.properties.map(([n]) => n));
  for (const [name, value] of spec.properties) {
    const property = actual.getProperty(name);
    const where = `${actual.path}:${name}`;
    switch (value.kind) {
      case "empty":
        expect(property.isEmpty, where).toBe(true);
        break;
      case "u32":
        expect(property.asU32(), where).toBe(value.value);
        break;
      case "cells":
        expect(property.asCells(), where).toEqual(value.value);
        break;
      case "u64":
        expect(property.asU64Array(), where).toEqual(value.value);
        break;
      case "string":
        expect(property.asString(), where).toBe(value.value);
        break;
      case "strings":
        expect(property.asStringList(), where).toEqual(value.value);
        break;
      case "bytes":
        expect(Array.from(property.asBytes()), where).toEqual(value.value);
        break;
    }
  }
  expect(
    actual.children.map((c) => c.name),
    `children of ${actual.path}`
  ).toEqual(spec.children.map((c) => c.name));
  spec.children.forEach((child, i) => expectTree(actual.children[i]!, child));
}

/** Absolute path of a file in `fixtures/`. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** The bytes of a committed fixture. */
export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}
