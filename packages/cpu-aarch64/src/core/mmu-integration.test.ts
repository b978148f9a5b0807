// Stage-1 translation in the core's memory path and fetch path, with the guest-physical space as
// stage 2: VA→IPA faults, walks into stage-2 holes, and remapped code after TLBI.
import { describe, expect, it } from "vitest";
import type { Cpu } from "./cpu.js";
import { CODE, HOLE, RAM, exceptionRegisters, hvc, systemMachine, vectorTaken } from "./system-test-machine.test-helper.js";

const L1 = RAM + 0x10_0000;
const L2 = RAM + 0x10_1000;
const L3 = RAM + 0x10_2000;
const TABLE = 3n;
/** Page descriptor: valid page, AF, inner shareable, AttrIndx 0, AP = EL1 read/write. */
const page = (pa: number): bigint => BigInt(pa) | 0x703n;
/** TCR_EL1: T0SZ = 25 (39-bit VA, walk from level 1), WBWA inner/outer, inner shareable, EPD1, IPS 40-bit. */
const TCR = 25n | (1n << 8n) | (1n << 10n) | (3n << 12n) | (1n << 23n) | (2n << 32n);

function write64(ram: Uint8Array, pa: number, value: bigint): void {
  new DataView(ram.buffer, ram.byteOffset).setBigUint64(pa - RAM, value, true);
}

/** Identity-maps the first 2 MiB of RAM with 4 KiB pages, then `extra` VA pages → PAs, and turns the MMU on. */
function enableMmu(cpu: Cpu, ram: Uint8Array, extra: Readonly<Record<number, number>> = {}): void {
  write64(ram, L1 + 8 * 1, BigInt(L2) | TABLE);
  write64(ram, L2, BigInt(L3) | TABLE);
  for (let i = 0; i < 512; i++) write64(ram, L3 + 8 * i, page(RAM + i * 0x1000));
  for (const [va, pa] of Object.entries(extra)) write64(ram, L3 + 8 * ((Number(va) - RAM) / 0x1000), page(pa));
  cpu.writeSystemRegister("MAIR_EL1", 0xffn);
  cpu.writeSystemRegister("TCR_EL1", TCR);
  cpu.writeSystemRegister("TTBR0_EL1", BigInt(L1));
  cpu.writeSystemRegister("SCTLR_EL1", cpu.readSystemRegister("SCTLR_EL1") | 1n);
}

const DONE = 0xd4000ee2; // hvc #0x77

/** `mov x0, #value; ret` at guest-physical `pa`. */
function putMovRet(ram: Uint8Array, pa: number, value: number): void {
  const view = new DataView(ram.buffer, ram.byteOffset);
  view.setUint32(pa - RAM, (0xd2800000 | (value << 5)) >>> 0, true);
  view.setUint32(pa - RAM + 4, 0xd65f03c0, true); // ret
}

describe("IC IALLU in the core", () => {
  it("forgets code decoded before it, even after an earlier IC IALLU had found nothing to forget", () => {
    const iallu = 0xd508751f;
    const { cpu, ram } = systemMachine([iallu, 0xd2800020 /* movz x0, #1 */, iallu, 0xd2800060 /* movz x0, #3 */, hvc(0x77)]);
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    expect(cpu.getX(0)).toBe(3n);
    // Change the words behind the CPU's back (no store through it): only IC IALLU tells it.
    const view = new DataView(ram.buffer, ram.byteOffset);
    view.setUint32(4, 0xd2800040, true); // movz x0, #2
    view.setUint32(12, 0xd2800080, true); // movz x0, #4
    cpu.setPC(BigInt(CODE + 8)); // iallu; movz x0, #4
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    expect(cpu.getX(0)).toBe(4n);
    cpu.setPC(BigInt(CODE + 4)); // movz x0, #2 (forgotten by the IC IALLU at CODE + 8)
    cpu.run(1);
    expect(cpu.getX(0)).toBe(2n);
  });
});

describe("stage-1 translation in the core", () => {
  it("a VA mapped by stage 1 to an IPA with nothing behind it exits with FAR = VA and the IPA", () => {
    const va = RAM + 0x1f_0000;
    const { cpu, ram } = systemMachine([0xf9400001 /* ldr x1, [x0] */, DONE]);
    enableMmu(cpu, ram, { [va]: HOLE });
    cpu.setX(0, BigInt(va + 0x10));
    expect(cpu.run(100)).toMatchObject({
      kind: "vmFault",
      instruction: false,
      ipa: HOLE + 0x10,
      far: BigInt(va + 0x10),
      pc: BigInt(CODE),
    });
  });

  it("a table walk that reads a stage-2 hole exits with S1PTW = 1, ISV = 0 and the descriptor's IPA", () => {
    const { cpu, ram } = systemMachine([0xf9400001 /* ldr x1, [x0] */, DONE]);
    enableMmu(cpu, ram);
    write64(ram, L2 + 8, BigInt(HOLE) | TABLE); // VA 0x40200000..: level-3 table in a hole
    cpu.setX(0, BigInt(RAM + 0x20_3000));
    const exit = cpu.run(100);
    // EC 0x24, IL, S1PTW (bit 7), WnR = 0, DFSC = translation fault level 3.
    expect(exit).toMatchObject({ kind: "vmFault", ipa: HOLE + 8 * 3, esr: 0x92000087, far: BigInt(RAM + 0x20_3000) });
  });

  it("code remapped under the same VA runs the new code after TLBI (no stale decoded instructions)", () => {
    const va = RAM + 0x1e_0000;
    const pageA = RAM + 0x1a_0000;
    const pageB = RAM + 0x1b_0000;
    const { cpu, ram } = systemMachine([
      0xd63f0060, // blr x3        (runs page A through va)
      0xaa0003e5, // mov x5, x0
      0xf90000e6, // str x6, [x7]  (L3 entry of va := page B)
      0xd508871f, // tlbi vmalle1
      0xd5033f9f, // dsb sy
      0xd5033fdf, // isb
      0xd63f0060, // blr x3        (runs page B through va)
      DONE,
    ]);
    putMovRet(ram, pageA, 1);
    putMovRet(ram, pageB, 2);
    enableMmu(cpu, ram, { [va]: pageA });
    cpu.setX(3, BigInt(va));
    cpu.setX(6, page(pageB));
    cpu.setX(7, BigInt(L3 + 8 * ((va - RAM) / 0x1000)));
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    expect(cpu.getX(5)).toBe(1n);
    expect(cpu.getX(0)).toBe(2n);
  });

  it("TLBI VAAE1 of one page remaps that page's code and data, without flushing the rest", () => {
    const va = RAM + 0x1e_0000;
    const pageA = RAM + 0x1a_0000;
    const pageB = RAM + 0x1b_0000;
    const { cpu, ram } = systemMachine([
      0xd63f0060, // blr x3        (runs page A through va)
      0xaa0003e5, // mov x5, x0
      0xf9400061, // ldr x1, [x3, #0] ... the first instruction word of the page, through va
      0xf94002a9, // ldr x9, [x21] (another page: its entry stays)
      0xf90000e6, // str x6, [x7]  (L3 entry of va := page B)
      0xd5088768, // tlbi vaae1, x8
      0xd5033f9f, // dsb sy
      0xd5033fdf, // isb
      0xf9400062, // ldr x2, [x3]
      0xf94002aa, // ldr x10, [x21]
      0xd63f0060, // blr x3        (runs page B through va)
      DONE,
    ]);
    putMovRet(ram, pageA, 1);
    putMovRet(ram, pageB, 2);
    new DataView(ram.buffer, ram.byteOffset).setUint32(0x1c_0000, 0x1234, true);
    enableMmu(cpu, ram, { [va]: pageA });
    cpu.setX(3, BigInt(va));
    cpu.setX(6, page(pageB));
    cpu.setX(7, BigInt(L3 + 8 * ((va - RAM) / 0x1000)));
    cpu.setX(8, BigInt(va / 0x1000));
    cpu.setX(21, BigInt(RAM + 0x1c_0000));
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    expect([cpu.getX(5), cpu.getX(0)]).toEqual([1n, 2n]);
    expect(cpu.getX(1)).toBe(0xd65f03c0_d2800020n);
    expect(cpu.getX(2)).toBe(0xd65f03c0_d2800040n);
    expect([cpu.getX(9), cpu.getX(10)]).toEqual([0x1234n, 0x1234n]);
  });

  it("TLBI of any page inside a block translation drops the other pages cached from that block", () => {
    const block = RAM + 0x20_0000; // VA; level-2 entry 1
    const l3b = RAM + 0x10_3000;
    const pageB = RAM + 0x1b_0000;
    const { cpu, ram } = systemMachine([
      0xf9400001, // ldr x1, [x0]  (x0 = block + 0x3000, through the 2 MiB block onto RAM + 0x3000)
      0xf90000e6, // str x6, [x7]  (level-2 entry := a table mapping block + 0x3000 to page B)
      0xd5088768, // tlbi vaae1, x8 (x8: block + 0x1000, another page of the block)
      0xd5033f9f, // dsb sy
      0xd5033fdf, // isb
      0xf9400002, // ldr x2, [x0]
      DONE,
    ]);
    const view = new DataView(ram.buffer, ram.byteOffset);
    view.setUint32(0x3000, 0xaaaa, true);
    view.setUint32(pageB - RAM, 0xbbbb, true);
    enableMmu(cpu, ram);
    write64(ram, L2 + 8, BigInt(RAM) | 0x701n); // block descriptor: RAM's first 2 MiB
    write64(ram, l3b + 8 * 3, page(pageB));
    cpu.setX(0, BigInt(block + 0x3000));
    cpu.setX(6, BigInt(l3b) | TABLE);
    cpu.setX(7, BigInt(L2 + 8));
    cpu.setX(8, BigInt((block + 0x1000) / 0x1000));
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    expect([cpu.getX(1), cpu.getX(2)]).toEqual([0xaaaan, 0xbbbbn]);
  });

  it("a store through an alias VA invalidates the decoded code of the physical page", () => {
    const va = RAM + 0x1e_0000;
    const alias = RAM + 0x1f_0000;
    const pageA = RAM + 0x1a_0000;
    const { cpu, ram } = systemMachine([
      0xd63f0060, // blr x3        (decodes and runs page A through va)
      0xaa0003e5, // mov x5, x0
      0xb9000022, // str w2, [x1]  (through the alias: page A's first instruction := mov x0, #2)
      0xd50b7521, // ic ivau, x1
      0xd5033f9f, // dsb sy
      0xd5033fdf, // isb
      0xd63f0060, // blr x3
      DONE,
    ]);
    const view = new DataView(ram.buffer, ram.byteOffset);
    view.setUint32(pageA - RAM, 0xd2800020, true); // mov x0, #1
    view.setUint32(pageA - RAM + 4, 0xd65f03c0, true); // ret
    enableMmu(cpu, ram, { [va]: pageA, [alias]: pageA });
    cpu.setX(1, BigInt(alias));
    cpu.setX(2, 0xd2800040n); // mov x0, #2
    cpu.setX(3, BigInt(va));
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    expect([cpu.getX(5), cpu.getX(0)]).toEqual([1n, 2n]);
  });

  it("runs EL1 code in the TTBR1 half (PC above 2^63): ADR, ADRP, BL, literal loads, exceptions", () => {
    const top = 0xffff_ffc0_0000_0000n; // TTBR1 with T1SZ = 25: L1 index 0x100 maps PA 0x40000000
    const codePa = RAM + 0x1d_0000;
    const va = top + BigInt(codePa - RAM);
    const { cpu, ram } = systemMachine([DONE]);
    const words = [0x10000002, 0x90000003, 0x94000001, 0xaa1e03e4, 0x58000045, 0x14000003, 0x55667788, 0x11223344, DONE];
    words.push(0xd4000021); // svc #1 (at +0x24)
    const view = new DataView(ram.buffer, ram.byteOffset);
    words.forEach((word, i) => view.setUint32(codePa - RAM + 4 * i, word >>> 0, true));
    enableMmu(cpu, ram);
    const l1High = RAM + 0x10_3000;
    write64(ram, l1High + 8 * 0x100, BigInt(RAM) | 0x701n); // 1 GiB block, AF, inner shareable
    const t1 = (25n << 16n) | (1n << 24n) | (1n << 26n) | (3n << 28n) | (2n << 30n);
    cpu.writeSystemRegister("TCR_EL1", (TCR & ~(1n << 23n)) | t1);
    cpu.writeSystemRegister("TTBR1_EL1", BigInt(l1High));
    cpu.setPC(va);
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77, pc: va + 0x20n });
    expect([cpu.getX(2), cpu.getX(3), cpu.getX(4), cpu.getX(5)]).toEqual([va, va, va + 0xcn, 0x1122334455667788n]);
    cpu.setPC(va + 0x24n);
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x100 + 4 }); // vector +0x200
    expect(cpu.readSystemRegister("ELR_EL1")).toBe(va + 0x28n);
  });

  it("a vector that stage 1 cannot fetch ends the run with exceptionLoop instead of hanging", () => {
    const { cpu, ram } = systemMachine([0x00000000 /* udf #0 */]);
    enableMmu(cpu, ram);
    cpu.writeSystemRegister("VBAR_EL1", BigInt(RAM + 0x40_0000)); // not mapped by the tables
    expect(cpu.run(1000)).toMatchObject({ kind: "exceptionLoop", pc: BigInt(RAM + 0x40_0200) });
    expect(cpu.lastException).toMatchObject({ esr: 0x86000006, elr: BigInt(RAM + 0x40_0200) });
  });

  it("turning the MMU off again makes addresses physical", () => {
    const va = RAM + 0x1f_0000;
    const { cpu, ram } = systemMachine([0xf9400001 /* ldr x1, [x0] */, DONE]);
    enableMmu(cpu, ram, { [va]: RAM + 0x1c_0000 });
    write64(ram, RAM + 0x1c_0000, 0x1111n);
    write64(ram, va, 0x2222n);
    cpu.setX(0, BigInt(va));
    cpu.run(100);
    expect(cpu.getX(1)).toBe(0x1111n);
    cpu.writeSystemRegister("SCTLR_EL1", cpu.readSystemRegister("SCTLR_EL1") & ~1n);
    cpu.setPC(BigInt(CODE));
    cpu.run(100);
    expect(cpu.getX(1)).toBe(0x2222n);
  });
});

describe("the data TLBs of EL1's and EL0's rights", () => {
  /** A page only EL1 may access (AP = 00), identity-mapped by enableMmu. */
  const privileged = RAM + 0x1d_0000;

  it("LDTR at EL1 is checked with EL0's rights right after an LDR cached the page with EL1's", () => {
    const { cpu, ram } = systemMachine([
      0xf9400001, // ldr x1, [x0]
      0xf8400802, // ldtr x2, [x0]
      DONE,
    ]);
    enableMmu(cpu, ram);
    cpu.setX(0, BigInt(privileged));
    expect(vectorTaken(cpu.run(100))).toBe(0x200); // synchronous, current EL with SP_ELx
    const { esr, far, elr } = exceptionRegisters(cpu);
    expect([esr >>> 26, esr & 0x3f]).toEqual([0x25, 0x0f]); // data abort at EL1, permission fault at level 3
    expect([far, elr]).toEqual([BigInt(privileged), BigInt(CODE + 4)]);
  });

  it("EL0 does not reach a page through what EL1 cached for it before the ERET", () => {
    const user = RAM + 0x1c_0000; // EL0's code: read-only at both ELs (AP = 11), so EL0 may run it
    const { cpu, ram } = systemMachine([
      0xd5184023, // msr elr_el1, x3
      0xd518401f, // msr spsr_el1, xzr (EL0t)
      0xd69f03e0, // eret
    ]);
    const view = new DataView(ram.buffer, ram.byteOffset);
    const put = (pa: number, words: readonly number[]): void => words.forEach((word, i) => view.setUint32(pa - RAM + 4 * i, word >>> 0, true));
    // EL0 runs (its page decoded) and calls EL1, which reads the privileged page (caching it with
    // EL1's rights) and returns; EL0 then reads that page itself.
    put(user, [0xd4000001 /* svc #0 */, 0xf9400002 /* ldr x2, [x0] */, DONE]);
    put(RAM + 0x1_0400, [
      0xb50000c9, // cbnz x9, done (the second exception from EL0: stop)
      0xf9400001, // ldr x1, [x0]
      0xd2800029, // mov x9, #1
      0xd5184027, // msr elr_el1, x7
      0xd518401f, // msr spsr_el1, xzr
      0xd69f03e0, // eret
      DONE,
    ]);
    view.setUint32(privileged - RAM, 0x1111, true);
    enableMmu(cpu, ram);
    write64(ram, L3 + 8 * ((user - RAM) / 0x1000), BigInt(user) | 0x7c3n);
    cpu.setX(0, BigInt(privileged));
    cpu.setX(3, BigInt(user));
    cpu.setX(7, BigInt(user + 4));
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    const { esr, far, elr } = exceptionRegisters(cpu);
    expect([esr >>> 26, esr & 0x3f]).toEqual([0x24, 0x0f]); // data abort from EL0, permission fault at level 3
    expect([far, elr]).toEqual([BigInt(privileged), BigInt(user + 4)]);
    expect([cpu.getX(1), cpu.getX(2)]).toEqual([0x1111n, 0n]);
  });

  it("EL1 finds its own cached pages again after EL0 ran, and EL0's LDTR-filled pages serve EL0", () => {
    const user = RAM + 0x1c_0000;
    const shared = RAM + 0x1b_0000; // read/write at both ELs (AP = 01)
    const { cpu, ram } = systemMachine([
      0xf9400001, // ldr x1, [x0]    (EL1's rights: the privileged page)
      0xf8400882, // ldtr x2, [x4]   (EL0's rights: the shared page)
      0xd5184023, // msr elr_el1, x3
      0xd518401f, // msr spsr_el1, xzr (EL0t)
      0xd69f03e0, // eret
    ]);
    const view = new DataView(ram.buffer, ram.byteOffset);
    view.setUint32(user - RAM, 0xf9400085, true); // ldr x5, [x4]
    view.setUint32(user - RAM + 4, 0xd4000001, true); // svc #0
    view.setUint32(privileged - RAM, 0x1111, true);
    view.setUint32(shared - RAM, 0x2222, true);
    enableMmu(cpu, ram);
    write64(ram, L3 + 8 * ((user - RAM) / 0x1000), BigInt(user) | 0x7c3n);
    write64(ram, L3 + 8 * ((shared - RAM) / 0x1000), BigInt(shared) | 0x743n);
    // The SVC's vector (synchronous, lower EL) reads the privileged page again at EL1.
    view.setUint32(0x1_0400, 0xf9400006, true); // ldr x6, [x0]
    view.setUint32(0x1_0404, DONE, true);
    cpu.setX(0, BigInt(privileged));
    cpu.setX(3, BigInt(user));
    cpu.setX(4, BigInt(shared));
    expect(cpu.run(100)).toMatchObject({ kind: "hvc", imm16: 0x77 });
    expect([cpu.getX(1), cpu.getX(2), cpu.getX(5), cpu.getX(6)]).toEqual([0x1111n, 0x2222n, 0x2222n, 0x1111n]);
  });
});
