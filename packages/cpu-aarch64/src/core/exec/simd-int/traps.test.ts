// AdvSIMD integer instructions at the system level: an allocated encoding with FP disabled
// (CPACR_EL1.FPEN = 00) traps with EC 0x07 and changes nothing; a reserved size/Q combination is
// UNDEFINED (EC 0x00) whatever FPEN says, as the Arm ARM orders the checks; FPSR.QC is sticky.
import { describe, expect, it } from "vitest";
import { CODE, exceptionRegisters, hvc, systemMachine, vectorTaken } from "../../system-test-machine.test-helper.js";

const ADD_16B = 0x4e228420; // add v0.16b, v1.16b, v2.16b
const ADD_1D = 0x0ee08400; // add v0.1d, v0.1d, v0.1d: size 11 with Q = 0 is reserved
const SQADD_16B = 0x4e220c20; // sqadd v0.16b, v1.16b, v2.16b
const ESR_FP_ACCESS = 0x1fe00000;
const ESR_UNKNOWN = 0x02000000;
const DONE = hvc(0x77);
const CPACR_FPEN_ALL = 3n << 20n;

describe("AdvSIMD integer instructions and the FP access controls", () => {
  it("FPEN = 00: ADD .16B traps to EL1 with EC 0x07 and leaves V0 alone", () => {
    const { cpu } = systemMachine([ADD_16B, DONE]);
    cpu.setV(0, 5n);
    cpu.setV(1, 1n);
    expect(vectorTaken(cpu.run(10))).toBe(0x200);
    expect(exceptionRegisters(cpu)).toMatchObject({ esr: ESR_FP_ACCESS, elr: BigInt(CODE) });
    expect(cpu.getV(0)).toBe(5n);
  });

  it("a reserved encoding is UNDEFINED (EC 0x00) even with FP disabled", () => {
    const { cpu } = systemMachine([ADD_1D, DONE]);
    expect(vectorTaken(cpu.run(10))).toBe(0x200);
    expect(exceptionRegisters(cpu)).toMatchObject({ esr: ESR_UNKNOWN, elr: BigInt(CODE) });
  });

  it("FPEN = 11: ADD runs; SQADD saturates and sets FPSR.QC, which a later non-saturating SQADD keeps", () => {
    const { cpu } = systemMachine([ADD_16B, SQADD_16B, DONE]);
    cpu.writeSystemRegister("CPACR_EL1", CPACR_FPEN_ALL);
    cpu.setV(1, 0x7fn);
    cpu.setV(2, 0x01n);
    expect(cpu.run(10)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    expect(cpu.getV(0)).toBe(0x7fn); // 0x7f + 1 saturates to 0x7f in lane 0
    expect(cpu.getFPSR()).toBe(1 << 27);
    const again = systemMachine([SQADD_16B, DONE]);
    again.cpu.writeSystemRegister("CPACR_EL1", CPACR_FPEN_ALL);
    again.cpu.setFPSR(1 << 27);
    expect(again.cpu.run(10)).toMatchObject({ kind: "hvc" });
    expect(again.cpu.getFPSR()).toBe(1 << 27);
  });
});
