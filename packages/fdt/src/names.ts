import { FdtError } from "./errors.js";

// Devicetree Specification v0.4 §2.2.1 (node names) and §2.2.4 (property names).
const NODE_NAME = /^[A-Za-z0-9,._+-]+$/;
const UNIT_ADDRESS = /^[A-Za-z0-9,._+-]+$/;
const PROPERTY_NAME = /^[A-Za-z0-9,._+?#-]+$/;

/** A node name split at its `@`: `cpu@0` is `{ base: "cpu", unitAddress: "0" }`. */
export interface SplitNodeName {
  /** The part before `@`. */
  readonly base: string;
  /** The part after `@`, or `undefined` when the name has none. */
  readonly unitAddress: string | undefined;
}

/** Splits a node name into its base name and unit address (no validation). */
export function splitNodeName(name: string): SplitNodeName {
  const at = name.indexOf("@");
  return at < 0 ? { base: name, unitAddress: undefined } : { base: name.slice(0, at), unitAddress: name.slice(at + 1) };
}

/**
 * Why `name` is not a valid non-root node name, or `undefined` if it is. The 31-character limit of
 * the specification is not enforced, as dtc only warns about it.
 */
export function nodeNameProblem(name: string): string | undefined {
  if (name.length === 0) return "a node name must not be empty (only the root node has an empty name)";
  const { base, unitAddress } = splitNodeName(name);
  if (!NODE_NAME.test(base)) {
    return `node name "${name}" must be letters, digits and ",._+-" before any "@"`;
  }
  if (unitAddress !== undefined && !UNIT_ADDRESS.test(unitAddress)) {
    return `unit address of node "${name}" must be one or more of letters, digits and ",._+-"`;
  }
  return undefined;
}

/** Why `name` is not a valid property name, or `undefined` if it is. */
export function propertyNameProblem(name: string): string | undefined {
  if (name.length === 0) return "a property name must not be empty";
  if (!PROPERTY_NAME.test(name)) {
    return `property name "${name}" must be letters, digits and ",._+?#-"`;
  }
  return undefined;
}

/** Throws a `bad-name` {@link FdtError} if `name` is not a valid non-root node name. */
export function checkNodeName(name: string): void {
  const problem = nodeNameProblem(name);
  if (problem !== undefined) throw new FdtError("bad-name", problem);
}

/** Throws a `bad-name` {@link FdtError} if `name` is not a valid property name. */
export function checkPropertyName(name: string): void {
  const problem = propertyNameProblem(name);
  if (problem !== undefined) throw new FdtError("bad-name", problem);
}

/** Path of the child `name` of the node at `parentPath` (`/` + `cpus` is `/cpus`). */
export function childPath(parentPath: string, name: string): string {
  return parentPath === "/" ? `/${name}` : `${parentPath}/${name}`;
}
