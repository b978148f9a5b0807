import { describe, expect, it } from "vitest";
import { addWithCarry, conditionHolds } from "./arm-reference.test-helper.js";
import { EDGE64, MASK64, run } from "./cpu.test-helper.js";

const ADDS_X = 0xab020020; // adds x0, x1, x2
const ADDS_W = 0x2b020020; // adds w0, w1, w2
const SUBS_X = 0xeb020020; // subs x0, x1, x2
const SUBS_W = 0x6b020020; // subs w0, w1, w2
const ADCS_X = 0xba020020; // adcs x0, x1, x2
const ADCS_W = 0x3a020020; // adcs w0, w1, w2
const SBCS_X = 0xfa020020; // sbcs x0, x1, x2
const SBCS_W = 0x7a020020; // sbcs w0, w1, w2

describe("flag-setting add/subtract against AddWithCarry", () => {
  const cases: [string, number, number, boolean, boolean][] = [
    ["adds x", ADDS_X, 64, false, false],
    ["adds w", ADDS_W, 32, false, false],
    ["subs x", SUBS_X, 64, true, false],
    ["subs w", SUBS_W, 32, true, false],
    ["adcs x", ADCS_X, 64, false, true],
    ["adcs w", ADCS_W, 32, false, true],
    ["sbcs x", SBCS_X, 64, true, true],
    ["sbcs w", SBCS_W, 32, true, true],
  ];
  for (const [name, word, bits, subtract, useCarry] of cases) {
    it(`${name}: result and NZCV for every pair of edge operands`, () => {
      const mask = (1n << BigInt(bits)) - 1n;
      for (const a of EDGE64) {
        for (const b of EDGE64) {
          for (const carryIn of useCarry ? [0n, 1n] : [subtract ? 1n : 0n]) {
            const cpu = run([word], { 0: 0xdeadn, 1: a, 2: b }, carryIn === 1n ? 0x20000000 : 0);
            const y = subtract ? ~b & mask : b;
            const want = addWithCarry(a, y, carryIn, bits);
            expect([cpu.getX(0), cpu.getNZCV() >>> 28], `${name} a=${a} b=${b} c=${carryIn}`).toEqual([
              want.result,
              want.nzcv,
            ]);
          }
        }
      }
    });
  }

  it("cmp/cmn immediate forms set flags like subs/adds", () => {
    // subs w0, w1, #1 with w1 = 0: borrow (C clear), negative result
    let cpu = run([0x71000420], { 1: 0n });
    expect(cpu.getX(0)).toBe(0xffffffffn);
    expect(cpu.getNZCV() >>> 28).toBe(0b1000);
    // adds x0, x1, #1 with x1 = INT64_MAX: signed overflow
    cpu = run([0xb1000420], { 1: (1n << 63n) - 1n });
    expect(cpu.getX(0)).toBe(1n << 63n);
    expect(cpu.getNZCV() >>> 28).toBe(0b1001);
    // cmp sp, #16 uses SP as the first operand (0xf10043ff)
    const m = run([0xf10043ff], {});
    expect(m.getNZCV() >>> 28).toBe(0b1000);
  });

  it("non-flag forms leave NZCV alone and wrap modulo 2^N", () => {
    // add x0, x1, x2 ; sub w3, w1, w2
    const cpu = run([0x8b020020, 0x4b020023], { 1: MASK64, 2: 2n }, 0x50000000);
    expect(cpu.getX(0)).toBe(1n);
    expect(cpu.getX(3)).toBe(0xfffffffdn);
    expect(cpu.getNZCV()).toBe(0x50000000);
  });
});

describe("conditional compare", () => {
  it("compares when the condition holds, else loads the immediate flags", () => {
    // ccmp x1, x2, #5, eq
    expect(run([0xfa420025], { 1: 3n, 2: 3n }, 0x40000000).getNZCV() >>> 28).toBe(0b0110);
    expect(run([0xfa420025], { 1: 3n, 2: 3n }, 0).getNZCV() >>> 28).toBe(0b0101);
    // ccmn w1, #3, #9, ne: w1 = -3 → 0, Z and C set
    expect(run([0x3a431829], { 1: 0xfffffffdn }, 0).getNZCV() >>> 28).toBe(0b0110);
    expect(run([0x3a431829], { 1: 0xfffffffdn }, 0x40000000).getNZCV() >>> 28).toBe(0b1001);
  });
});

describe("conditions", () => {
  it("csel and b.cond agree with ConditionHolds for all 16 conditions and all flag values", () => {
    for (let cond = 0; cond < 16; cond++) {
      const csel = (0x9a820020 | (cond << 12)) >>> 0; // csel x0, x1, x2, <cond>
      const bcond = (0x54000040 | cond) >>> 0; // b.<cond> .+8
      for (let nzcv = 0; nzcv < 16; nzcv++) {
        const expected = conditionHolds(cond, nzcv);
        expect(run([csel], { 1: 11n, 2: 22n }, nzcv << 28).getX(0)).toBe(expected ? 11n : 22n);
        // movz x3, #1 is skipped when the branch is taken
        expect(run([bcond, 0xd2800023], {}, nzcv << 28).getX(3)).toBe(expected ? 0n : 1n);
      }
    }
  });

  it("csinc/csinv/csneg compute from Rm when the condition fails", () => {
    const ne = 1 << 12;
    // csinc x0, x1, x2, ne ; csinv x3, x1, x2, ne ; csneg x4, x1, x2, ne (Z set → ne fails)
    const cpu = run(
      [0x9a820420 | ne, 0xda820023 | ne, 0xda820424 | ne].map((w) => w >>> 0),
      { 1: 5n, 2: MASK64 },
      0x40000000,
    );
    expect(cpu.getX(0)).toBe(0n);
    expect(cpu.getX(3)).toBe(0n);
    expect(cpu.getX(4)).toBe(1n);
    // 32-bit csneg of INT_MIN stays INT_MIN, upper half zero: csneg w5, w1, w2, ne
    expect(run([0x5a820425 | ne], { 2: 0xffffffff80000000n }, 0x40000000).getX(5)).toBe(0x80000000n);
  });
});
