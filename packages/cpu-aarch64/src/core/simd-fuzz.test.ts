// Random encodings from the FP/AdvSIMD/crypto spaces (op0 = x111: SIMD&FP data processing,
// x1x0 with V = 1: SIMD&FP loads/stores; and the CRC32 corner of data-processing (register))
// never raise a host exception: each either executes, faults like the architecture says, or is
// UNDEFINED exactly when the decoder has no pattern for it. The disassembler must not throw either.
// 20,000 words by default; SEL4TS_SIMD_FUZZ_COUNT=1000000 for the long run (see README).
import { describe, expect, it } from "vitest";
import { OP_NAMES, decodeA64 } from "../decode/decoder.generated.js";
import { disassemble } from "../disasm/index.js";
import { GuestMemory } from "../memory/guest-memory.js";
import { Cpu } from "./cpu.js";

const COUNT = Number(process.env.SEL4TS_SIMD_FUZZ_COUNT ?? "20000");
const CODE = 0x400000;
const DATA = 0x500000;
const DATA_SIZE = 0x20000;
const BATCH = 1024;

/** A word of one of the three spaces, from a 32-bit random value. */
function spaceWord(r: number, pick: number): number {
  switch (pick % 4) {
    case 0: // SIMD&FP loads and stores: bits 27..26 = 11, bit 25 = 0
      return ((r & ~0x0e000000) | 0x0c000000) >>> 0;
    case 1: // CRC32: sf 0 0 11010110 Rm 010 C sz Rn Rd
      return ((r & 0x801f1fff) | 0x1ac04000) >>> 0;
    default: // SIMD&FP data processing: bits 27..25 = 111
      return (r | 0x0e000000) >>> 0;
  }
}

describe("FP/AdvSIMD/crypto encoding fuzz", () => {
  it(`${COUNT} random encodings: no host exception, UNDEFINED exactly when no pattern matches`, () => {
    let state = 0x5eed5eed;
    const next = (): number => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    };
    const memory = new GuestMemory();
    memory.mapRam(CODE, BATCH * 4);
    memory.mapRam(DATA, DATA_SIZE);
    const cpu = new Cpu({ memory });
    const hostErrors: string[] = [];
    const wrongUndefined: string[] = [];
    let executed = 0;
    let undefinedCount = 0;
    for (let done = 0; done < COUNT; done += BATCH) {
      const n = Math.min(BATCH, COUNT - done);
      const words = new Uint32Array(n);
      for (let i = 0; i < n; i++) words[i] = spaceWord(next(), next());
      memory.write(CODE, new Uint8Array(words.buffer));
      for (let r = 0; r < 31; r++) cpu.setX(r, BigInt(DATA + 0x8000 + (next() & 0x3ff0)));
      cpu.setSP(BigInt(DATA + 0x10000));
      for (let v = 0; v < 32; v++) cpu.setV(v, (BigInt(next()) << 96n) | (BigInt(next()) << 64n) | (BigInt(next()) << 32n) | BigInt(next()));
      cpu.setFPCR(next() & 0x07c00000);
      cpu.setPC(BigInt(CODE));
      let pc = CODE;
      while (pc < CODE + 4 * n) {
        const word = words[(pc - CODE) / 4]!;
        let exit;
        try {
          disassemble(word, BigInt(pc));
          exit = cpu.run(1);
        } catch (error) {
          hostErrors.push(`${word.toString(16).padStart(8, "0")} (${OP_NAMES[decodeA64(word)]}): ${String(error)}`);
          pc += 4;
          cpu.setPC(BigInt(pc));
          continue;
        }
        const undef = exit.kind === "undefined";
        if (undef) undefinedCount++;
        else executed++;
        if (decodeA64(word) === 0 && !undef) wrongUndefined.push(`${word.toString(16)} executed without a pattern`);
        pc += 4;
        cpu.setPC(BigInt(pc));
        // Keep base registers inside the data area after write-backs.
        for (let r = 0; r < 31; r++) {
          const x = cpu.getX(r);
          if (x < BigInt(DATA) || x >= BigInt(DATA + DATA_SIZE - 0x400)) cpu.setX(r, BigInt(DATA + 0x8000));
        }
        const sp = cpu.getSP();
        if (sp < BigInt(DATA) || sp >= BigInt(DATA + DATA_SIZE - 0x400)) cpu.setSP(BigInt(DATA + 0x10000));
      }
    }
    expect(hostErrors.slice(0, 20)).toEqual([]);
    expect(wrongUndefined.slice(0, 20)).toEqual([]);
    expect(executed + undefinedCount).toBe(COUNT);
  });
});
