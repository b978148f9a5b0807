/**
 * The units together on the first steps of Linux 6.1 at EL1 (spec aarch64-linux-boot.md §1
 * "First steps", §9 checklist): what head.S and __cpu_setup do with the system registers, an
 * ERET from EL1 to EL1, and the first exception from EL0.
 */
import { describe, expect, it } from "vitest";
import { GenericTimer } from "../timer/generic-timer.js";
import { ID_REG } from "./cpu-model.js";
import { eretTarget, packSpsr, preferredReturnAddress, pstateAfterEntry, vectorOffset } from "./exceptions.js";
import { resetPstate, type Pstate } from "./pstate.js";
import { EC, describeEsr, esrClass, esrSvc } from "./syndrome.js";
import { sysregKey as K } from "./sysreg-key.js";
import { SysregFile, type SysregHost } from "./sysreg-file.js";
import type { HostRegister } from "./sysreg-table.js";

/** A minimal core side: PSTATE as a record, the rest in a map. */
function machine() {
  let pstate: Pstate = resetPstate();
  const regs = new Map<HostRegister, bigint>();
  const host: SysregHost = {
    readHost: (name) =>
      name === "DAIF" ? BigInt(pstate.daif << 6) : name === "SPSel" ? BigInt(pstate.spSel) : regs.get(name) ?? 0n,
    writeHost: (name, value) => {
      if (name === "DAIF") pstate = { ...pstate, daif: Number(value >> 6n) };
      else if (name === "SPSel") pstate = { ...pstate, spSel: Number(value) as 0 | 1 };
      else regs.set(name, value);
    },
    pendingInterrupts: () => ({ irq: false, fiq: false, serror: false }),
  };
  const timer = new GenericTimer();
  const file = new SysregFile({ host, timer });
  const write = (key: number, value: bigint) => expect(file.write(key, pstate.el, 0, value).kind).not.toBe("exception");
  const read = (key: number): bigint => {
    const r = file.read(key, pstate.el, 0);
    if (r.kind !== "done") throw new Error(`read of ${file.nameOf(key)} failed: ${JSON.stringify(r)}`);
    return r.value;
  };
  return { file, timer, write, read, getPstate: () => pstate, setPstate: (p: Pstate) => (pstate = p) };
}

describe("Linux 6.1 entry at EL1h", () => {
  it("init_kernel_el, __cpu_setup and the MMU checks go through without an exception", () => {
    const m = machine();
    expect(m.read(K(3, 0, 4, 2, 2))).toBe(4n); // CurrentEL = EL1
    m.write(K(3, 0, 1, 0, 0), 0x30500800n); // SCTLR_EL1, MMU off
    m.write(K(3, 0, 4, 0, 0), 0x3c5n); // SPSR_EL1 = EL1h, DAIF masked
    m.write(K(3, 0, 4, 0, 1), 0x4020_1000n); // ELR_EL1 = lr
    const eret = eretTarget(Number(m.read(K(3, 0, 4, 0, 0))), m.getPstate());
    expect(eret).toEqual({ pstate: resetPstate(), illegal: false }); // ERET EL1 → EL1

    m.write(K(1, 0, 8, 7, 0), 0n); // tlbi vmalle1
    m.write(K(3, 0, 1, 0, 2), 3n << 20n); // CPACR_EL1.FPEN
    m.write(K(2, 0, 0, 2, 2), 1n << 12n); // MDSCR_EL1
    m.write(K(2, 0, 1, 0, 4), 0n); // OSLAR_EL1: clear_os_lock
    m.write(K(2, 0, 1, 3, 4), 0n); // OSDLR_EL1
    expect((m.read(ID_REG.ID_AA64DFR0_EL1) >> 8n) & 0xfn).toBe(0n); // PMUVer = 0: no PMUSERENR write
    expect((m.read(ID_REG.ID_AA64MMFR1_EL1) >> 0n) & 0xfn).toBe(0n); // HAFDBS = 0: no TCR.HA
    m.write(K(3, 0, 10, 2, 0), 0x0000_0004_0044_ffffn); // MAIR_EL1
    m.write(K(3, 0, 2, 0, 2), 0x0050_0072_b550_3510n); // TCR_EL1
    expect((m.read(ID_REG.ID_AA64MMFR0_EL1) >> 28n) & 0xfn).toBe(0n); // TGran4 supported
    m.write(K(3, 0, 1, 0, 0), 0x0200_0020_34f4_d91dn); // SCTLR_EL1, MMU on
    m.write(K(3, 0, 4, 1, 0), 0xffff_0000_0123_4000n); // SP_EL0 = init_task
    m.write(K(3, 0, 12, 0, 0), 0xffff_8000_0801_0800n); // VBAR_EL1
    for (let crm = 1; crm < 8; crm++) for (let op2 = 0; op2 < 8; op2++) m.read(K(3, 0, 0, crm, op2));
    expect(m.file.translationRegime().sctlr & 1n).toBe(1n);
  });

  it("an SVC from EL0 enters at VBAR + 0x400 with ELR past it and the old PSTATE in SPSR", () => {
    const m = machine();
    const el0: Pstate = { ...resetPstate(), el: 0, spSel: 0, daif: 0, nzcv: 0b0100 };
    const pc = 0x40_0000n;
    const spsr = packSpsr(el0);
    const entered = pstateAfterEntry(el0);
    m.setPstate(entered);
    m.write(K(3, 0, 4, 0, 0), BigInt(spsr));
    m.write(K(3, 0, 4, 0, 1), preferredReturnAddress("svc", pc));
    m.write(K(3, 0, 5, 2, 0), BigInt(esrSvc(0)));
    expect(vectorOffset("sync", el0)).toBe(0x400);
    expect(m.read(K(3, 0, 4, 0, 1))).toBe(pc + 4n);
    expect(m.read(K(3, 0, 4, 0, 0))).toBe(0x4000_0000n); // Z set, EL0t
    expect(esrClass(Number(m.read(K(3, 0, 5, 2, 0))))).toBe(EC.SVC64);
    expect(describeEsr(Number(m.read(K(3, 0, 5, 2, 0))))).toBe("EC 0x15 SVC: imm16=0x0000");
    // eret back to EL0
    expect(eretTarget(spsr, m.getPstate())).toEqual({ pstate: el0, illegal: false });
  });
});
