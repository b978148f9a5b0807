// Our CPU is UNDEFINED on exactly the FP/AdvSIMD/crypto/CRC words on which qemu-aarch64
// -cpu cortex-a53 raises SIGILL (conformance/simd-verdicts/: 1591 random words of those spaces).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { disassemble } from "../disasm/index.js";
import { GuestMemory } from "../memory/guest-memory.js";
import { Cpu } from "./cpu.js";

const tsv = readFileSync(fileURLToPath(new URL("../../conformance/simd-verdicts/verdicts.tsv", import.meta.url)), "utf8");
const verdicts = tsv
  .trim()
  .split("\n")
  .map((line) => {
    const [word, verdict] = line.split("\t");
    return { word: parseInt(word!, 16), undefined: verdict === "undefined" };
  });

describe("FP/AdvSIMD/crypto/CRC UNDEFINED verdicts match QEMU", () => {
  it(`agrees on all ${verdicts.length} words`, () => {
    expect(verdicts.length).toBeGreaterThan(1500);
    const memory = new GuestMemory();
    memory.mapRam(0x400000, 0x1000);
    memory.mapRam(0x500000, 0x20000);
    const cpu = new Cpu({ memory });
    const disagreements: string[] = [];
    for (const { word, undefined: qemuUndefined } of verdicts) {
      memory.write(0x400000, new Uint8Array(new Uint32Array([word]).buffer));
      for (let r = 0; r < 31; r++) cpu.setX(r, 0x508000n);
      cpu.setSP(0x510000n);
      cpu.setPC(0x400000n);
      const ours = cpu.run(1).kind === "undefined";
      if (ours !== qemuUndefined) {
        disagreements.push(`${word.toString(16).padStart(8, "0")} ${disassemble(word, 0x400000n)}: QEMU ${qemuUndefined ? "UNDEFINED" : "executes"}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
