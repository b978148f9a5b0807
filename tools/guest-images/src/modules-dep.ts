import { GuestImagesError } from "./apt.js";

/**
 * A module's name from its path: the file name without .ko (and a compression suffix), with "-"
 * as "_", the way modprobe matches names.
 */
export function moduleName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1).replace(/\.ko(\.[a-z]+)?$/, "").replace(/-/g, "_");
}

const DEPENDS = new TextEncoder().encode("\0depends=");

/**
 * The modules a .ko needs, from its .modinfo "depends=a,b" string (what depmod reads). The
 * .modinfo strings are NUL-separated, so the key is found after a NUL byte.
 */
export function modinfoDepends(ko: Uint8Array): string[] {
  for (let i = ko.indexOf(0); i >= 0 && i + DEPENDS.length <= ko.length; i = ko.indexOf(0, i + 1)) {
    if (DEPENDS.every((b, j) => ko[i + j] === b)) {
      const start = i + DEPENDS.length;
      const end = ko.indexOf(0, start);
      const value = new TextDecoder().decode(ko.subarray(start, end < 0 ? ko.length : end));
      return value.split(",").filter((d) => d !== "").map((d) => d.replace(/-/g, "_"));
    }
  }
  return [];
}

/** A set of modules with each one's dependencies, as paths relative to lib/modules/RELEASE. */
export interface ModuleSet {
  /** Dependencies first (the order insmod needs), each module once. */
  readonly paths: readonly string[];
  readonly depends: ReadonlyMap<string, readonly string[]>;
}

/**
 * The modules `names` and everything they depend on. `order` is the kernel's modules.order (every
 * module's path); `dependsOf` gives a path's "depends=" names. Throws naming a missing module.
 */
export function moduleClosure(order: readonly string[], dependsOf: (path: string) => string[], names: readonly string[], source: string): ModuleSet {
  const byName = new Map(order.map((path) => [moduleName(path), path]));
  const paths: string[] = [];
  const depends = new Map<string, string[]>();
  const find = (name: string, wantedBy: string | null): string => {
    const path = byName.get(name.replace(/-/g, "_"));
    if (path === undefined) {
      throw new GuestImagesError(`guest-images: ${source} has no kernel module "${name}"${wantedBy ? ` (needed by ${wantedBy})` : ""} in its modules.order`);
    }
    return path;
  };
  const visit = (path: string, trail: readonly string[]) => {
    if (depends.has(path)) return;
    if (trail.includes(path)) throw new GuestImagesError(`guest-images: kernel modules depend on each other in a loop: ${[...trail, path].join(" -> ")}`);
    const needed = dependsOf(path).map((name) => find(name, moduleName(path)));
    for (const dep of needed) visit(dep, [...trail, path]);
    depends.set(path, needed);
    paths.push(path);
  };
  for (const name of names) visit(find(name, null), []);
  return { paths, depends };
}

/** modules.dep for `set`, as depmod writes it ("path: dep dep", all of a module's dependencies). */
export function formatModulesDep(set: ModuleSet): string {
  const all = (path: string, seen = new Set<string>()): string[] => {
    for (const dep of set.depends.get(path) ?? []) {
      if (!seen.has(dep)) {
        seen.add(dep);
        all(dep, seen);
      }
    }
    return [...seen];
  };
  return set.paths.map((path) => `${path}:${all(path).map((d) => ` ${d}`).join("")}\n`).join("");
}
