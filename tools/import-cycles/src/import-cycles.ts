// The import graph of a package's TypeScript sources and its largest circle. Uses the TypeScript
// compiler's own import scanner (ts.preProcessFile), so type-only imports count too: they tie files
// together for a reader just as value imports do.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** Non-test .ts/.tsx sources under dir (node_modules, dist and dot folders skipped). */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** The source file a relative specifier names, or null (imports of other packages are not edges). */
function resolveSpecifier(fromFile: string, specifier: string, files: ReadonlySet<string>): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(fromFile), specifier.replace(/\.(m|c)?js$/, ""));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (files.has(candidate)) return candidate;
  }
  return null;
}

/** file → the files it imports, for the sources under dir. */
export function importGraph(dir: string): Map<string, Set<string>> {
  const files = new Set(sourceFiles(dir));
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const edges = new Set<string>();
    for (const { fileName } of importedFiles) {
      const target = resolveSpecifier(file, fileName, files);
      if (target) edges.add(target);
    }
    graph.set(file, edges);
  }
  return graph;
}

/** Tarjan's strongly connected components, iterative so that long chains cannot overflow the stack. */
export function stronglyConnected<T>(graph: ReadonlyMap<T, ReadonlySet<T>>): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const components: T[][] = [];
  let counter = 0;
  const visit = (node: T, work: { node: T; edges: T[]; next: number }[]): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    work.push({ node, edges: [...(graph.get(node) ?? [])], next: 0 });
  };
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: T; edges: T[]; next: number }[] = [];
    visit(start, work);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.edges.length) {
        const to = frame.edges[frame.next++]!;
        if (!index.has(to)) visit(to, work);
        else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: T[] = [];
        let member: T;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** The files of the largest import circle under packageDir/src, relative to packageDir and sorted; [] if none. */
export function largestCycle(packageDir: string): string[] {
  const src = join(packageDir, "src");
  if (!existsSync(src)) return [];
  const graph = importGraph(src);
  const cycles = stronglyConnected(graph).filter((c) => c.length > 1 || graph.get(c[0]!)!.has(c[0]!));
  cycles.sort((a, b) => b.length - a.length);
  return (cycles[0] ?? []).map((f) => relative(packageDir, f)).sort();
}

/** A workspace package: its name and folder. */
export interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
}

/** The packages under packages/, examples/ and tools/ of the workspace at root. */
export function workspacePackages(root: string): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const group of ["packages", "examples", "tools"]) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const dir = join(groupDir, name);
      const manifest = join(dir, "package.json");
      if (!statSync(dir).isDirectory() || !existsSync(manifest)) continue;
      out.push({ name: (JSON.parse(readFileSync(manifest, "utf8")) as { name: string }).name, dir });
    }
  }
  return out;
}

/** limits.json: the largest import circle allowed per package. */
export interface CycleLimits {
  readonly default: number;
  readonly packages: Readonly<Record<string, number>>;
}

/** One package's result. */
export interface CycleReport {
  readonly name: string;
  readonly cycle: string[];
  readonly limit: number;
  readonly over: boolean;
}

/** The largest circle of every workspace package against its limit. */
export function checkWorkspace(root: string, limits: CycleLimits): CycleReport[] {
  return workspacePackages(root).map(({ name, dir }) => {
    const cycle = largestCycle(dir);
    const limit = limits.packages[name] ?? limits.default;
    return { name, cycle, limit, over: cycle.length > limit };
  });
}

/** The report lines: one per package, the files of a circle over its limit (or of every circle if verbose). */
export function formatReport(reports: readonly CycleReport[], verbose = false): string[] {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.over ? "FAIL" : "ok  "} ${r.name}: largest import circle ${r.cycle.length} file(s) (limit ${r.limit})`);
    if (r.over || (verbose && r.cycle.length > 0)) for (const file of r.cycle) lines.push(`       ${file}`);
  }
  return lines;
}
