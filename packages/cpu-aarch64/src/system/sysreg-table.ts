/**
 * The EL1 system register table (data): every MRS/MSR/SYS encoding this CPU implements, where
 * its value lives, its reset value and write mask, and who may access it. Anything not listed
 * (and not in the ID space) is UNDEFINED, including the PMU (ID_AA64DFR0.PMUVer = 0).
 * Facts: spec aarch64-linux-boot.md §2 (ID rules) and §3 (registers Linux 6.1 uses).
 */
import type { GenericTimerRegister } from "../timer/generic-timer.js";
import { ICC_REGISTERS, type IccRegisterInfo } from "../gicv3/icc-registers.js";
import { sysregKey } from "./sysreg-key.js";

/** Registers whose value the core keeps in its own state (PSTATE, SPs, FP control, TLS). */
export type HostRegister =
  | "NZCV"
  | "DAIF"
  | "SPSel"
  | "SP_EL0"
  | "SP_EL1"
  | "FPCR"
  | "FPSR"
  | "TPIDR_EL0"
  | "TPIDRRO_EL0";

/** Values that are computed on read rather than stored. */
export type ComputedRegister = "CurrentEL" | "ISR" | "CCSIDR" | "DCZID" | "MPIDR" | "OSLSR";

/** SYS operations (op0 = 1) the core carries out when the access checks pass. */
export const SYS_OPS = [
  "DC IVAC",
  "DC ISW",
  "DC CSW",
  "DC CISW",
  "DC ZVA",
  "DC CVAC",
  "DC CVAU",
  "DC CIVAC",
  "IC IALLUIS",
  "IC IALLU",
  "IC IVAU",
  "AT S1E1R",
  "AT S1E1W",
  "AT S1E0R",
  "AT S1E0W",
  "TLBI VMALLE1IS",
  "TLBI VAE1IS",
  "TLBI ASIDE1IS",
  "TLBI VAAE1IS",
  "TLBI VALE1IS",
  "TLBI VAALE1IS",
  "TLBI VMALLE1",
  "TLBI VAE1",
  "TLBI ASIDE1",
  "TLBI VAAE1",
  "TLBI VALE1",
  "TLBI VAALE1",
] as const;

/** A SYS operation name, as the assembler spells it. */
export type SysOpName = (typeof SYS_OPS)[number];

/** Where a register's value lives. */
export type SysregStorage =
  | { kind: "stored"; reset: bigint; writable: bigint }
  | { kind: "raz" }
  | { kind: "id" }
  | { kind: "computed"; what: ComputedRegister }
  | { kind: "host"; name: HostRegister; writable: bigint }
  | { kind: "timer"; name: GenericTimerRegister }
  /** A GICv3 CPU interface register (ICC_*), delegated to the CPU's GIC port. */
  | { kind: "gic"; info: IccRegisterInfo }
  | { kind: "op"; op: SysOpName };

/**
 * Access from EL0: UNDEFINED (EL1-only registers, EC 0x00), allowed, read-only (writes
 * UNDEFINED), or allowed only while a control bit is set, else trapped to EL1 with EC 0x18.
 */
export type El0Rule =
  | "undefined"
  | "allowed"
  | "readOnly"
  | { trapUnlessSctlr: bigint }
  | { trapUnlessCntkctl: bigint };

/** One row of the table. */
export interface SysregEntry {
  name: string;
  key: number;
  storage: SysregStorage;
  /** Which directions exist at all (the other is UNDEFINED). SYS operations are "wo". */
  access: "rw" | "ro" | "wo";
  el0: El0Rule;
  /** FP control register: CPACR_EL1.FPEN traps accesses with EC 0x07. */
  fp?: boolean;
  /** Virtual-memory control register: HCR_EL2.TVM/TRVM trap EL1 writes/reads to EL2. */
  vm?: boolean;
  /** SP_EL0: UNDEFINED at EL1 while PSTATE.SPSel = 0 (it is then the current SP). */
  needsSpSel1?: boolean;
  /** EL2 state: only the hypervisor-facing accessors reach it; guest MRS/MSR is UNDEFINED. */
  hypervisorOnly?: boolean;
  /**
   * `storage.kind === "gic"`, read without touching the storage (whose shapes vary by kind);
   * `sysregEntry` always sets it (absent reads as not a GIC register).
   */
  isGic?: boolean;
}

/** A mask with the given bits set. */
function bits(...positions: number[]): bigint {
  return positions.reduce((mask, p) => mask | (1n << BigInt(p)), 0n);
}

const ALL = (1n << 64n) - 1n;
const LOW32 = 0xffffffffn;

/** SCTLR_EL1 bits used in the control rules. */
export const SCTLR = {
  M: 1n << 0n,
  UMA: 1n << 9n,
  DZE: 1n << 14n,
  UCT: 1n << 15n,
  nTWI: 1n << 16n,
  nTWE: 1n << 18n,
  UCI: 1n << 26n,
} as const;

/** SCTLR_EL1 at reset (QEMU cortex-a53): 0x00C50838. */
export const SCTLR_RESET = 0x00c50838n;

/**
 * SCTLR_EL1 bits that hold state on this Armv8.0 CPU: M A C SA SA0 CP15BEN ITD SED UMA I DZE UCT
 * nTWI nTWE WXN UCI, plus the Armv8.0 RES1 positions (EOS TSCXT EIS SPAN nTLSMD LSMAOE) kept as
 * written, as QEMU does (its reset value has only some of them set). EE/E0E are RES0 (no
 * big-endian: MMFR0.BigEnd = BigEndEL0 = 0); IESB, PAC, BTI, MTE, EPAN bits are RES0 (not advertised).
 */
export const SCTLR_WRITABLE = bits(0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 14, 15, 16, 18, 19, 20, 22, 23, 26, 28, 29);

/**
 * TCR_EL1 bits of Armv8.0: T0SZ … TBI1 (bits 0–38 except RES0 6 and 35). HA/HD (no HAFDBS) and
 * TBID0/1 (no PAuth) are RES0, so the MMU sees TBID = 0 even though Linux writes TBID1.
 */
export const TCR_WRITABLE = ((1n << 39n) - 1n) & ~bits(6, 35);

/** CPACR_EL1: only FPEN[21:20] (no SVE, no trace). */
export const CPACR_WRITABLE = 3n << 20n;

/** FPCR bits that hold state: AHP, DN, FZ, RMode (no trapped FP exceptions). */
export const FPCR_WRITABLE = 0x07c00000n;

/** FPSR bits that hold state: QC and the cumulative exception flags. */
export const FPSR_WRITABLE = 0x0800009fn;

/** CNTKCTL_EL1 EL0 enables (bit positions). */
const EL0PCTEN = 1n << 0n;
const EL0VCTEN = 1n << 1n;
const EL0VTEN = 1n << 8n;
const EL0PTEN = 1n << 9n;

const stored = (reset: bigint, writable: bigint): SysregStorage => ({ kind: "stored", reset, writable });
const host = (name: HostRegister, writable: bigint): SysregStorage => ({ kind: "host", name, writable });
const timer = (name: GenericTimerRegister): SysregStorage => ({ kind: "timer", name });

type Row = Omit<SysregEntry, "key" | "isGic"> & { enc: readonly [number, number, number, number, number] };

const EL1_REGISTERS: Row[] = [
  // Identification (the rest of the ID space is added from the model: reads as zero).
  {
    name: "MPIDR_EL1",
    enc: [3, 0, 0, 0, 5],
    storage: { kind: "computed", what: "MPIDR" },
    access: "ro",
    el0: "undefined",
  },
  {
    name: "CCSIDR_EL1",
    enc: [3, 1, 0, 0, 0],
    storage: { kind: "computed", what: "CCSIDR" },
    access: "ro",
    el0: "undefined",
  },
  { name: "CLIDR_EL1", enc: [3, 1, 0, 0, 1], storage: { kind: "id" }, access: "ro", el0: "undefined" },
  { name: "AIDR_EL1", enc: [3, 1, 0, 0, 7], storage: { kind: "id" }, access: "ro", el0: "undefined" },
  { name: "CSSELR_EL1", enc: [3, 2, 0, 0, 0], storage: stored(0n, 0xfn), access: "rw", el0: "undefined" },
  { name: "CTR_EL0", enc: [3, 3, 0, 0, 1], storage: { kind: "id" }, access: "ro", el0: { trapUnlessSctlr: SCTLR.UCT } },
  {
    name: "DCZID_EL0",
    enc: [3, 3, 0, 0, 7],
    storage: { kind: "computed", what: "DCZID" },
    access: "ro",
    el0: "readOnly",
  },
  // Control and translation.
  {
    name: "SCTLR_EL1",
    enc: [3, 0, 1, 0, 0],
    storage: stored(SCTLR_RESET, SCTLR_WRITABLE),
    access: "rw",
    el0: "undefined",
    vm: true,
  },
  { name: "ACTLR_EL1", enc: [3, 0, 1, 0, 1], storage: { kind: "raz" }, access: "rw", el0: "undefined" },
  { name: "CPACR_EL1", enc: [3, 0, 1, 0, 2], storage: stored(0n, CPACR_WRITABLE), access: "rw", el0: "undefined" },
  { name: "TTBR0_EL1", enc: [3, 0, 2, 0, 0], storage: stored(0n, ALL & ~1n), access: "rw", el0: "undefined", vm: true },
  { name: "TTBR1_EL1", enc: [3, 0, 2, 0, 1], storage: stored(0n, ALL & ~1n), access: "rw", el0: "undefined", vm: true },
  {
    name: "TCR_EL1",
    enc: [3, 0, 2, 0, 2],
    storage: stored(0n, TCR_WRITABLE),
    access: "rw",
    el0: "undefined",
    vm: true,
  },
  { name: "MAIR_EL1", enc: [3, 0, 10, 2, 0], storage: stored(0n, ALL), access: "rw", el0: "undefined", vm: true },
  { name: "AMAIR_EL1", enc: [3, 0, 10, 3, 0], storage: { kind: "raz" }, access: "rw", el0: "undefined", vm: true },
  {
    name: "CONTEXTIDR_EL1",
    enc: [3, 0, 13, 0, 1],
    storage: stored(0n, LOW32),
    access: "rw",
    el0: "undefined",
    vm: true,
  },
  // Exceptions.
  { name: "SPSR_EL1", enc: [3, 0, 4, 0, 0], storage: stored(0n, LOW32), access: "rw", el0: "undefined" },
  { name: "ELR_EL1", enc: [3, 0, 4, 0, 1], storage: stored(0n, ALL), access: "rw", el0: "undefined" },
  { name: "AFSR0_EL1", enc: [3, 0, 5, 1, 0], storage: { kind: "raz" }, access: "rw", el0: "undefined", vm: true },
  { name: "AFSR1_EL1", enc: [3, 0, 5, 1, 1], storage: { kind: "raz" }, access: "rw", el0: "undefined", vm: true },
  { name: "ESR_EL1", enc: [3, 0, 5, 2, 0], storage: stored(0n, LOW32), access: "rw", el0: "undefined", vm: true },
  { name: "FAR_EL1", enc: [3, 0, 6, 0, 0], storage: stored(0n, ALL), access: "rw", el0: "undefined", vm: true },
  { name: "PAR_EL1", enc: [3, 0, 7, 4, 0], storage: stored(0n, ALL), access: "rw", el0: "undefined" },
  { name: "VBAR_EL1", enc: [3, 0, 12, 0, 0], storage: stored(0n, ALL & ~0x7ffn), access: "rw", el0: "undefined" },
  {
    name: "ISR_EL1",
    enc: [3, 0, 12, 1, 0],
    storage: { kind: "computed", what: "ISR" },
    access: "ro",
    el0: "undefined",
  },
  // PSTATE, stack pointers, FP control, thread pointers.
  {
    name: "SP_EL0",
    enc: [3, 0, 4, 1, 0],
    storage: host("SP_EL0", ALL),
    access: "rw",
    el0: "undefined",
    needsSpSel1: true,
  },
  { name: "SPSel", enc: [3, 0, 4, 2, 0], storage: host("SPSel", 1n), access: "rw", el0: "undefined" },
  {
    name: "CurrentEL",
    enc: [3, 0, 4, 2, 2],
    storage: { kind: "computed", what: "CurrentEL" },
    access: "ro",
    el0: "undefined",
  },
  { name: "NZCV", enc: [3, 3, 4, 2, 0], storage: host("NZCV", 0xf0000000n), access: "rw", el0: "allowed" },
  {
    name: "DAIF",
    enc: [3, 3, 4, 2, 1],
    storage: host("DAIF", 0x3c0n),
    access: "rw",
    el0: { trapUnlessSctlr: SCTLR.UMA },
  },
  { name: "FPCR", enc: [3, 3, 4, 4, 0], storage: host("FPCR", FPCR_WRITABLE), access: "rw", el0: "allowed", fp: true },
  { name: "FPSR", enc: [3, 3, 4, 4, 1], storage: host("FPSR", FPSR_WRITABLE), access: "rw", el0: "allowed", fp: true },
  { name: "TPIDR_EL1", enc: [3, 0, 13, 0, 4], storage: stored(0n, ALL), access: "rw", el0: "undefined" },
  { name: "TPIDR_EL0", enc: [3, 3, 13, 0, 2], storage: host("TPIDR_EL0", ALL), access: "rw", el0: "allowed" },
  { name: "TPIDRRO_EL0", enc: [3, 3, 13, 0, 3], storage: host("TPIDRRO_EL0", ALL), access: "rw", el0: "readOnly" },
  // Generic timer (delegated). CNTFRQ is set by firmware: EL1 writes are UNDEFINED here.
  { name: "CNTKCTL_EL1", enc: [3, 0, 14, 1, 0], storage: timer("CNTKCTL"), access: "rw", el0: "undefined" },
  {
    name: "CNTFRQ_EL0",
    enc: [3, 3, 14, 0, 0],
    storage: timer("CNTFRQ"),
    access: "ro",
    el0: { trapUnlessCntkctl: EL0PCTEN | EL0VCTEN },
  },
  {
    name: "CNTPCT_EL0",
    enc: [3, 3, 14, 0, 1],
    storage: timer("CNTPCT"),
    access: "ro",
    el0: { trapUnlessCntkctl: EL0PCTEN },
  },
  {
    name: "CNTVCT_EL0",
    enc: [3, 3, 14, 0, 2],
    storage: timer("CNTVCT"),
    access: "ro",
    el0: { trapUnlessCntkctl: EL0VCTEN },
  },
  {
    name: "CNTP_TVAL_EL0",
    enc: [3, 3, 14, 2, 0],
    storage: timer("CNTP_TVAL"),
    access: "rw",
    el0: { trapUnlessCntkctl: EL0PTEN },
  },
  {
    name: "CNTP_CTL_EL0",
    enc: [3, 3, 14, 2, 1],
    storage: timer("CNTP_CTL"),
    access: "rw",
    el0: { trapUnlessCntkctl: EL0PTEN },
  },
  {
    name: "CNTP_CVAL_EL0",
    enc: [3, 3, 14, 2, 2],
    storage: timer("CNTP_CVAL"),
    access: "rw",
    el0: { trapUnlessCntkctl: EL0PTEN },
  },
  {
    name: "CNTV_TVAL_EL0",
    enc: [3, 3, 14, 3, 0],
    storage: timer("CNTV_TVAL"),
    access: "rw",
    el0: { trapUnlessCntkctl: EL0VTEN },
  },
  {
    name: "CNTV_CTL_EL0",
    enc: [3, 3, 14, 3, 1],
    storage: timer("CNTV_CTL"),
    access: "rw",
    el0: { trapUnlessCntkctl: EL0VTEN },
  },
  {
    name: "CNTV_CVAL_EL0",
    enc: [3, 3, 14, 3, 2],
    storage: timer("CNTV_CVAL"),
    access: "rw",
    el0: { trapUnlessCntkctl: EL0VTEN },
  },
  // Debug: storage only (no debug events are generated). OSLSR reflects the OS lock OSLAR sets.
  { name: "MDCCINT_EL1", enc: [2, 0, 0, 2, 0], storage: stored(0n, LOW32), access: "rw", el0: "undefined" },
  { name: "MDSCR_EL1", enc: [2, 0, 0, 2, 2], storage: stored(0n, LOW32), access: "rw", el0: "undefined" },
  { name: "OSLAR_EL1", enc: [2, 0, 1, 0, 4], storage: stored(1n, 1n), access: "wo", el0: "undefined" },
  {
    name: "OSLSR_EL1",
    enc: [2, 0, 1, 1, 4],
    storage: { kind: "computed", what: "OSLSR" },
    access: "ro",
    el0: "undefined",
  },
  { name: "OSDLR_EL1", enc: [2, 0, 1, 3, 4], storage: stored(0n, 1n), access: "rw", el0: "undefined" },
];

/** The debug breakpoint/watchpoint registers DBG{B,W}{V,C}R<n>_EL1 for n < count. */
function debugRows(breakpoints: number, watchpoints: number): Row[] {
  const rows: Row[] = [];
  const add = (name: string, n: number, op2: number): void => {
    rows.push({
      name: `${name}${n}_EL1`,
      enc: [2, 0, 0, n, op2],
      storage: stored(0n, ALL),
      access: "rw",
      el0: "undefined",
    });
  };
  for (let n = 0; n < breakpoints; n++) {
    add("DBGBVR", n, 4);
    add("DBGBCR", n, 5);
  }
  for (let n = 0; n < watchpoints; n++) {
    add("DBGWVR", n, 6);
    add("DBGWCR", n, 7);
  }
  return rows;
}

function op(name: SysOpName, enc: Row["enc"], el0: El0Rule = "undefined"): Row {
  return { name, enc, storage: { kind: "op", op: name }, access: "wo", el0 };
}

const TLBI_OPS: readonly [string, number][] = [
  ["VMALLE1", 0],
  ["VAE1", 1],
  ["ASIDE1", 2],
  ["VAAE1", 3],
  ["VALE1", 5],
  ["VAALE1", 7],
];

/** DC, IC, AT and TLBI operations; EL0 may use DC ZVA (SCTLR.DZE) and DC CVAU/CVAC/CIVAC, IC IVAU (SCTLR.UCI). */
const SYS_OP_ROWS: Row[] = [
  op("DC IVAC", [1, 0, 7, 6, 1]),
  op("DC ISW", [1, 0, 7, 6, 2]),
  op("DC CSW", [1, 0, 7, 10, 2]),
  op("DC CISW", [1, 0, 7, 14, 2]),
  op("DC ZVA", [1, 3, 7, 4, 1], { trapUnlessSctlr: SCTLR.DZE }),
  op("DC CVAC", [1, 3, 7, 10, 1], { trapUnlessSctlr: SCTLR.UCI }),
  op("DC CVAU", [1, 3, 7, 11, 1], { trapUnlessSctlr: SCTLR.UCI }),
  op("DC CIVAC", [1, 3, 7, 14, 1], { trapUnlessSctlr: SCTLR.UCI }),
  op("IC IALLUIS", [1, 0, 7, 1, 0]),
  op("IC IALLU", [1, 0, 7, 5, 0]),
  op("IC IVAU", [1, 3, 7, 5, 1], { trapUnlessSctlr: SCTLR.UCI }),
  op("AT S1E1R", [1, 0, 7, 8, 0]),
  op("AT S1E1W", [1, 0, 7, 8, 1]),
  op("AT S1E0R", [1, 0, 7, 8, 2]),
  op("AT S1E0W", [1, 0, 7, 8, 3]),
  ...TLBI_OPS.flatMap(([name, op2]) => [
    op(`TLBI ${name}IS` as SysOpName, [1, 0, 8, 3, op2]),
    op(`TLBI ${name}` as SysOpName, [1, 0, 8, 7, op2]),
  ]),
];

/**
 * EL2 state the hypervisor reads and writes through the file (seL4_VCPUReg 16, 17, 22); guest
 * MRS/MSR of these encodings is UNDEFINED. MPIDR_EL1 reads VMPIDR_EL2.
 */
const HYPERVISOR_ROWS: Row[] = [
  {
    name: "VMPIDR_EL2",
    enc: [3, 4, 0, 0, 5],
    storage: stored(0n, ALL),
    access: "rw",
    el0: "undefined",
    hypervisorOnly: true,
  },
  {
    name: "SP_EL1",
    enc: [3, 4, 4, 1, 0],
    storage: host("SP_EL1", ALL),
    access: "rw",
    el0: "undefined",
    hypervisorOnly: true,
  },
  {
    name: "CNTVOFF_EL2",
    enc: [3, 4, 14, 0, 3],
    storage: timer("CNTVOFF"),
    access: "rw",
    el0: "undefined",
    hypervisorOnly: true,
  },
];

function idRow(name: string, crm: number, op2: number): Row {
  return { name, enc: [3, 0, 0, crm, op2], storage: { kind: "id" }, access: "ro", el0: "undefined" };
}

/** Named ID registers (values from the CPU model); EL0 MRS of them is UNDEFINED (spec §2). */
const ID_ROWS: Row[] = [
  idRow("MIDR_EL1", 0, 0),
  idRow("REVIDR_EL1", 0, 6),
  idRow("ID_AA64PFR0_EL1", 4, 0),
  idRow("ID_AA64PFR1_EL1", 4, 1),
  idRow("ID_AA64DFR0_EL1", 5, 0),
  idRow("ID_AA64DFR1_EL1", 5, 1),
  idRow("ID_AA64AFR0_EL1", 5, 4),
  idRow("ID_AA64AFR1_EL1", 5, 5),
  idRow("ID_AA64ISAR0_EL1", 6, 0),
  idRow("ID_AA64ISAR1_EL1", 6, 1),
  idRow("ID_AA64ISAR2_EL1", 6, 2),
  idRow("ID_AA64MMFR0_EL1", 7, 0),
  idRow("ID_AA64MMFR1_EL1", 7, 1),
  idRow("ID_AA64MMFR2_EL1", 7, 2),
];

/** The GICv3 system register interface (present only on a CPU connected to a GICv3). */
const GIC_ROWS: Row[] = ICC_REGISTERS.map((info) => ({
  name: info.name,
  enc: info.enc,
  storage: { kind: "gic", info },
  access: info.access,
  el0: "undefined",
}));

/**
 * The table for a CPU with this many breakpoints and watchpoints (ID_AA64DFR0.BRPs/WRPs + 1),
 * keyed by {@link sysregKey}. Unnamed encodings of the ID space (op0=3, op1=0, CRn=0,
 * CRm=0..7) are not listed: the file reads them as zero.
 */
export function buildSysregTable(
  breakpoints: number,
  watchpoints: number,
  gicv3 = false
): ReadonlyMap<number, SysregEntry> {
  const rows = [
    ...(gicv3 ? GIC_ROWS : []),
    ...ID_ROWS,
    ...EL1_REGISTERS,
    ...debugRows(breakpoints, watchpoints),
    ...SYS_OP_ROWS,
    ...HYPERVISOR_ROWS,
  ];
  const table = new Map<number, SysregEntry>();
  for (const { enc, ...row } of rows) {
    const key = sysregKey(...enc);
    table.set(key, sysregEntry(row, key));
  }
  return table;
}

/**
 * The entry of `row` at `key` with every field present, in one order: the access checks read
 * them on each MRS, MSR and SYS (10^6 per Linux boot), and entries of one hidden class keep
 * those reads monomorphic (rows that spell out different optional fields made them megamorphic).
 */
export function sysregEntry(row: Omit<SysregEntry, "key" | "isGic">, key: number): SysregEntry {
  return {
    name: row.name,
    key,
    storage: row.storage,
    access: row.access,
    el0: row.el0,
    fp: row.fp ?? false,
    vm: row.vm ?? false,
    needsSpSel1: row.needsSpSel1 ?? false,
    hypervisorOnly: row.hypervisorOnly ?? false,
    isGic: row.storage.kind === "gic",
  };
}
