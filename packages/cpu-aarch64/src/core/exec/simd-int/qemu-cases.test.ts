// Every case of the AdvSIMD integer conformance programs, run on the lane engine alone: the QEMU
// goldens (conformance/simd-int/golden/) record the instruction word, the operand pool indices
// loaded into V0, V1, V2 (and V31), V0 afterwards and FPSR. This checks the semantics without the
// CPU around them; the programs themselves run on the CPU in test/simd-int-conformance.test.ts.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { A64_SIMD_INT_TABLE } from "../../../decode/a64-simd-int-table.js";
import { parseEncodingTable } from "../../../decode/table-parser.js";
import { FPSR, NEXT, REGISTER_SLOTS, V_SLOTS } from "../../layout.js";
import { FPSR_QC } from "../vregs.js";
import { SIMD_INT_EXECUTORS, UNDEF } from "./executors.js";
import type { VRegs } from "./lane-ops.js";

/** A stand-in for CoreState with just what the AdvSIMD integer executors use. */
function makeRegs(): VRegs {
  const vu8 = new Uint8Array(16 * V_SLOTS);
  const b = vu8.buffer;
  return {
    vu8,
    vi8: new Int8Array(b),
    vu16: new Uint16Array(b),
    vi16: new Int16Array(b),
    vu32: new Uint32Array(b),
    vi32: new Int32Array(b),
    vu64: new BigUint64Array(b),
    vi64: new BigInt64Array(b),
    u32: new Uint32Array(2 * REGISTER_SLOTS),
    checkFp: () => NEXT,
  };
}

const goldenDir = fileURLToPath(new URL("../../../../conformance/simd-int/golden/", import.meta.url));
const patterns = parseEncodingTable(A64_SIMD_INT_TABLE);

function patternOf(insn: number): string | null {
  for (const p of patterns) if (((insn & p.mask) >>> 0) === p.value) return p.name;
  return null;
}

function hexToBytes(hex: string): Uint8Array {
  // High doubleword first, each doubleword big-endian: reverse into little-endian bytes.
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[15 - i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function bytesToHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 15; i >= 0; i--) s += bytes[i]!.toString(16).padStart(2, "0");
  return s;
}

describe("AdvSIMD integer lane engine vs QEMU", () => {
  const files = readdirSync(goldenDir).filter((f) => f.endsWith(".out")).sort();
  it("has the goldens", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });
  for (const file of files) {
    it(file.replace(/\.out$/, ""), () => {
      const lines = readFileSync(goldenDir + file, "utf8").trim().split("\n");
      const pool: Uint8Array[] = [];
      const regs = makeRegs();
      const vregs = regs.vu8;
      const failures: string[] = [];
      let cases = 0;
      for (const line of lines) {
        const parts = line.split(" ");
        if (parts[0] === "p") {
          pool.push(hexToBytes(parts[2]!));
          continue;
        }
        const [wordHex, a, b, c, expected, fpsr] = parts as [string, string, string, string, string, string];
        const insn = Number.parseInt(wordHex, 16) >>> 0;
        vregs.fill(0, 0, 512);
        vregs.set(pool[Number.parseInt(a, 16)]!, 0);
        vregs.set(pool[Number.parseInt(b, 16)]!, 16);
        vregs.set(pool[Number.parseInt(c, 16)]!, 32);
        vregs.set(pool[Number.parseInt(c, 16)]!, 31 * 16);
        const name = patternOf(insn);
        const exec = name === null ? undefined : SIMD_INT_EXECUTORS[name];
        cases++;
        if (exec === undefined) {
          failures.push(`${wordHex}: no pattern (${name})`);
          continue;
        }
        regs.u32[2 * FPSR] = 0;
        const ok = exec(regs, insn) !== UNDEF;
        const qcBit = (regs.u32[2 * FPSR]! & FPSR_QC) !== 0 ? 1 : 0;
        const actual = bytesToHex(vregs.subarray(0, 16));
        const qc = Number.parseInt(fpsr, 16) >>> 27 & 1;
        if (!ok || actual !== expected || qcBit !== qc) {
          failures.push(`${wordHex} ${name} [${a} ${b} ${c}]: expected ${expected} qc=${qc}, got ${ok ? actual : "UNDEFINED"} qc=${qcBit}`);
        }
      }
      expect(cases).toBeGreaterThan(100);
      expect(failures.slice(0, 20).join("\n") + (failures.length > 20 ? `\n... ${failures.length} failures` : "")).toBe("");
    });
  }
});
