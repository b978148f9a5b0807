import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runLinuxUserProgram } from "../user/run.js";

const benchDir = new URL("../../bench/", import.meta.url);

describe("the floating-point benchmark workload", () => {
  it("computes Mandelbrot, n-body, polynomial/dot-product and Newton results bit for bit as QEMU did", () => {
    const image = new Uint8Array(readFileSync(new URL("fp-workload", benchDir)));
    const result = runLinuxUserProgram({ image, argv: ["fp-workload", "4"] });
    expect(new TextDecoder().decode(result.stdout)).toBe(readFileSync(new URL("golden/fp-workload-4.out", benchDir), "utf8"));
    expect(result.exitCode).toBe(Number(readFileSync(new URL("golden/fp-workload-4.exit", benchDir), "utf8")));
  });
});
