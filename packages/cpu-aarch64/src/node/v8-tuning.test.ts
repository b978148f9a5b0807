import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const HELPER = fileURLToPath(new URL("./v8-tuning.ts", import.meta.url));

/**
 * Whether V8 marks a hot loop of `iterations` for optimisation in a fresh Node process, with or
 * without tuneV8ForTranslatedCode() first (`--trace-opt`: the marking depends only on the bytecode
 * executed, not on timing).
 */
function marksLoop(iterations: number, tune: boolean): { marked: boolean; applied: string } {
  const script = [
    `import { tuneV8ForTranslatedCode } from ${JSON.stringify(HELPER)};`,
    `console.log("applied", ${tune ? "tuneV8ForTranslatedCode()" : "false"});`,
    `const body = Array.from({ length: 60 }, (_, i) => "s = (s + x * " + (i + 1) + ") | 0;").join("\\n");`,
    `const f = new Function("x", "let s = 0;\\n" + body + "\\nreturn s;");`,
    `function hotLoop(n) { let t = 0; for (let i = 0; i < n; i++) t += f(i); return t; }`,
    `console.log("sum", hotLoop(${iterations}));`,
  ].join("\n");
  const run = spawnSync(process.execPath, ["--import", "tsx", "--trace-opt", "--input-type=module", "-e", script], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return { marked: /marking \S+ <JSFunction hotLoop /.test(run.stdout), applied: /applied (\w+)/.exec(run.stdout)?.[1] ?? "?" };
}

describe("tuneV8ForTranslatedCode", () => {
  it("makes V8 11 mark hot code for optimisation after about half the bytecode (other V8s: no change)", () => {
    const plain = marksLoop(1500, false);
    const tuned = marksLoop(1500, true);
    if (process.versions.v8.startsWith("11.")) {
      expect(plain.marked).toBe(false);
      expect(tuned).toEqual({ marked: true, applied: "true" });
      expect(marksLoop(4000, false).marked).toBe(true); // the loop does get hot without it, later
    } else {
      expect(tuned).toEqual({ marked: plain.marked, applied: "false" });
    }
  });
});
