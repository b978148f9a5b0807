import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSdf, SdfError } from "../src/index.js";
import { MICROKIT_TOOL_CASES } from "./microkit-tool-cases.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const read = (dir: string, file: string) => readFileSync(`${fixtures}${dir}/${file}`, "utf8");
const readPrefill = (path: string) => {
  try {
    return new Uint8Array(readFileSync(`${fixtures}microkit-tool-tests/${path}`));
  } catch {
    return undefined;
  }
};

function parseError(dir: string, file: string): string {
  try {
    parseSdf(file, read(dir, file), { readPrefill });
  } catch (error) {
    expect(error).toBeInstanceOf(SdfError);
    return (error as SdfError).message;
  }
  throw new Error(`${file} loaded but should not have`);
}

describe("the Microkit tool's own SDF test files give its messages", () => {
  it.each(MICROKIT_TOOL_CASES)("%s", (file, expected) => {
    if (expected === null) {
      expect(() => parseSdf(file, read("microkit-tool-tests", file), { readPrefill })).not.toThrow();
    } else {
      expect(parseError("microkit-tool-tests", file)).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    }
  });

  it("every copied test file is in the table", () => {
    const files = readdirSync(`${fixtures}microkit-tool-tests`).filter((f) => f.endsWith(".system"));
    expect(files.sort()).toEqual(MICROKIT_TOOL_CASES.map(([f]) => f).sort());
  });
});

describe("Microkit's and libvmm's example systems load unchanged", () => {
  it.each(readdirSync(`${fixtures}microkit-examples`))("microkit example %s", (file) => {
    const system = parseSdf(file, read("microkit-examples", file));
    expect(system.protectionDomains.length).toBeGreaterThan(0);
  });

  it.each(readdirSync(`${fixtures}libvmm`).filter((f) => f !== "smp.system"))("libvmm example %s", (file) => {
    const system = parseSdf(file, read("libvmm", file));
    expect(system.protectionDomains.some((pd) => pd.virtualMachine !== null)).toBe(true);
  });

  it("libvmm smp needs four cores", () => {
    expect(parseError("libvmm", "smp.system")).toMatch(/^Error: cpu core must be less than 1, got 1 on element 'vcpu': smp.system:\d+:\d+$/);
    const system = parseSdf("smp.system", read("libvmm", "smp.system"), { config: { numCores: 4 } });
    expect(system.protectionDomains[0]!.virtualMachine!.vcpus.map((v) => v.cpu)).toEqual([0, 1, 2, 3]);
  });
});
