// SIMD&FP architectural state: V0-V31, FPCR and FPSR through the public Cpu API, whole-register
// loads/stores moving it, the saved context layout, and the FP/AdvSIMD access traps
// (CPACR_EL1.FPEN to EL1, CPTR_EL2.TFP as an exit) with the ESR the Arm ARM gives for EC 0x07
// from AArch64: IL = 1, CV = 1, COND = 0b1110 (ISS 0x01E00000; QEMU's syn_fp_access_trap(1, 0xe)).
import { describe, expect, it } from "vitest";
import { GuestMemory } from "../memory/guest-memory.js";
import { NO_HYP_TRAPS } from "../system/hyp-traps.js";
import { Cpu, FP_STATE_BYTES } from "./cpu.js";
import { CODE, HOLE, RAM, exceptionRegisters, hvc, systemMachine, vectorTaken } from "./system-test-machine.test-helper.js";

const ESR_FP_ACCESS = 0x1fe00000;
const LDR_Q0_X1 = 0x3dc00020; // ldr q0, [x1]
const STR_Q0_X2 = 0x3d800040; // str q0, [x2]
const MRS_X0_FPCR = 0xd53b4400; // mrs x0, fpcr
const DONE = hvc(0x77);
const CPACR_FPEN_EL1 = 1n << 20n;
const CPACR_FPEN_ALL = 3n << 20n;

function userCpu(words: number[]): { cpu: Cpu; ram: Uint8Array } {
  const memory = new GuestMemory();
  const ram = memory.mapRam(0x400000, 0x2000);
  const view = new DataView(ram.buffer, ram.byteOffset);
  words.forEach((w, i) => view.setUint32(4 * i, w >>> 0, true));
  const cpu = new Cpu({ memory });
  cpu.setPC(0x400000n);
  return { cpu, ram };
}

describe("SIMD&FP state through the Cpu API", () => {
  it("holds 128-bit V registers, masks FPCR/FPSR to their state bits, and starts at zero", () => {
    const { cpu } = userCpu([]);
    for (let n = 0; n < 32; n++) expect(cpu.getV(n)).toBe(0n);
    cpu.setV(5, (1n << 128n) + 0x0123456789abcdef_fedcba9876543210n);
    expect(cpu.getV(5)).toBe(0x0123456789abcdef_fedcba9876543210n);
    expect(cpu.getV(4)).toBe(0n);
    cpu.setFPCR(0xffffffff);
    cpu.setFPSR(0xffffffff);
    expect(cpu.getFPCR()).toBe(0x07c00000); // AHP, DN, FZ, RMode
    expect(cpu.getFPSR()).toBe(0x0800009f); // QC, IDC, IXC, UFC, OFC, DZC, IOC
    expect(() => cpu.getV(32)).toThrow(/register number 32/);
  });

  it("saves and restores the context as V0-V31, FPSR, FPCR (seL4's user_fpu_state_t)", () => {
    const { cpu } = userCpu([]);
    cpu.setV(0, 0x11n);
    cpu.setV(31, 1n << 127n);
    cpu.setFPSR(0x10);
    cpu.setFPCR(0x00c00000);
    const saved = cpu.saveFpState();
    expect(saved.length).toBe(FP_STATE_BYTES);
    expect(FP_STATE_BYTES).toBe(520);
    expect(saved[0]).toBe(0x11);
    expect(saved[511]).toBe(0x80);
    expect(new DataView(saved.buffer).getUint32(512, true)).toBe(0x10);
    expect(new DataView(saved.buffer).getUint32(516, true)).toBe(0x00c00000);
    const other = userCpu([]).cpu;
    other.restoreFpState(saved);
    expect(other.getV(31)).toBe(1n << 127n);
    expect(other.getFPSR()).toBe(0x10);
    expect(other.getFPCR()).toBe(0x00c00000);
    expect(() => other.restoreFpState(new Uint8Array(16))).toThrow(/expected 520 bytes/);
  });

  it("saves into a caller's array with the same bytes as saveFpState", () => {
    const { cpu } = userCpu([]);
    cpu.setV(7, 0xfedcba9876543210_0123456789abcdefn);
    cpu.setFPSR(0x0800009f);
    cpu.setFPCR(0x07c00000);
    const into = new Uint8Array(FP_STATE_BYTES).fill(0x5a);
    cpu.saveFpStateInto(into);
    expect(Array.from(into)).toEqual(Array.from(cpu.saveFpState()));
    expect(new DataView(into.buffer).getUint32(512, true)).toBe(0x0800009f);
    expect(() => cpu.saveFpStateInto(new Uint8Array(16))).toThrow(/needs 520/);
  });

  it("moves V registers through memory with LDR/STR Q", () => {
    const { cpu, ram } = userCpu([LDR_Q0_X1, STR_Q0_X2, 0xd4200000]);
    for (let i = 0; i < 16; i++) ram[0x1000 + i] = i + 1;
    cpu.setX(1, 0x401000n);
    cpu.setX(2, 0x401100n);
    expect(cpu.run(10).kind).toBe("brk");
    expect(cpu.getV(0)).toBe(0x100f0e0d0c0b0a090807060504030201n);
    expect(Array.from(ram.subarray(0x1100, 0x1110))).toEqual(Array.from(ram.subarray(0x1000, 0x1010)));
  });
});

describe("FP/AdvSIMD access traps", () => {
  it("CPACR_EL1.FPEN = 00 traps an EL1 SIMD load to EL1 (+0x200) with EC 0x07, ELR = the load", () => {
    const { cpu } = systemMachine([LDR_Q0_X1, DONE]);
    cpu.setX(1, BigInt(RAM + 0x1000));
    expect(vectorTaken(cpu.run(10))).toBe(0x200);
    expect(exceptionRegisters(cpu)).toMatchObject({ esr: ESR_FP_ACCESS, elr: BigInt(CODE) });
  });

  it("FPEN = 01 enables EL1 but traps EL0 (to +0x400); FPEN = 11 enables both", () => {
    const el1 = systemMachine([LDR_Q0_X1, DONE]);
    el1.cpu.writeSystemRegister("CPACR_EL1", CPACR_FPEN_EL1);
    el1.cpu.setX(1, BigInt(RAM + 0x1000));
    expect(el1.cpu.run(10)).toMatchObject({ kind: "hvc", imm16: 0x77 });

    const el0 = systemMachine([LDR_Q0_X1, DONE]);
    el0.cpu.writeSystemRegister("CPACR_EL1", CPACR_FPEN_EL1);
    el0.cpu.setPstate({ ...el0.cpu.getPstate(), el: 0, spSel: 0 });
    el0.cpu.setX(1, BigInt(RAM + 0x1000));
    expect(vectorTaken(el0.cpu.run(10))).toBe(0x400);
    expect(exceptionRegisters(el0.cpu)).toMatchObject({ esr: ESR_FP_ACCESS, elr: BigInt(CODE), spsr: 0x3c0 });

    const all = systemMachine([LDR_Q0_X1, DONE]);
    all.cpu.writeSystemRegister("CPACR_EL1", CPACR_FPEN_ALL);
    all.cpu.setPstate({ ...all.cpu.getPstate(), el: 0, spSel: 0 });
    all.cpu.setX(1, BigInt(RAM + 0x1000));
    expect(vectorTaken(all.cpu.run(10))).toBe(0x400); // the HVC itself is UNDEFINED at EL0
    expect(exceptionRegisters(all.cpu).elr).toBe(BigInt(CODE + 4));
  });

  it("CPTR_EL2.TFP (hypTraps.tfp) is an fpTrap exit with the EC 0x07 ESR, for instructions and FPCR access", () => {
    for (const word of [LDR_Q0_X1, MRS_X0_FPCR]) {
      const { cpu } = systemMachine([word, DONE], { hypTraps: { ...NO_HYP_TRAPS, tfp: true } });
      cpu.writeSystemRegister("CPACR_EL1", CPACR_FPEN_ALL);
      cpu.setX(1, BigInt(RAM + 0x1000));
      expect(cpu.run(10)).toEqual({ kind: "fpTrap", esr: ESR_FP_ACCESS, pc: BigInt(CODE) });
      cpu.hypTraps = NO_HYP_TRAPS;
      expect(cpu.run(10)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    }
  });

  it("CPACR_EL1.FPEN is checked before CPTR_EL2.TFP", () => {
    const { cpu } = systemMachine([LDR_Q0_X1, DONE], { hypTraps: { ...NO_HYP_TRAPS, tfp: true } });
    expect(vectorTaken(cpu.run(10))).toBe(0x200);
  });

  it("a SIMD&FP load from a stage-2 hole is a vmFault without a valid syndrome (ISV = 0)", () => {
    const { cpu } = systemMachine([LDR_Q0_X1, DONE]);
    cpu.writeSystemRegister("CPACR_EL1", CPACR_FPEN_ALL);
    cpu.setX(1, BigInt(HOLE));
    const exit = cpu.run(10);
    expect(exit).toMatchObject({ kind: "vmFault", ipa: HOLE, pc: BigInt(CODE) });
    if (exit.kind === "vmFault") expect((exit.esr >>> 24) & 1).toBe(0);
  });
});
