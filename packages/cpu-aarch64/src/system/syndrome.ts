/**
 * ESR_ELx syndrome values: EC[31:26] | IL[25] | ISS[24:0]. IL is 1 for every synchronous
 * exception from an A64 instruction. Field positions follow the Arm ARM (ESR_ELx) and spec
 * aarch64-linux-boot.md §4.
 */
import { decodeSysregKey, genericSysregName, sysregKey } from "./sysreg-key.js";

/** Exception classes (ESR_ELx.EC) this CPU raises or a hypervisor sees. */
export const EC = {
  UNKNOWN: 0x00,
  WFX: 0x01,
  FP_ACCESS: 0x07,
  ILLEGAL_STATE: 0x0e,
  SVC64: 0x15,
  HVC64: 0x16,
  SMC64: 0x17,
  SYSREG: 0x18,
  SVE: 0x19,
  INSTRUCTION_ABORT_LOWER: 0x20,
  INSTRUCTION_ABORT_SAME: 0x21,
  PC_ALIGNMENT: 0x22,
  DATA_ABORT_LOWER: 0x24,
  DATA_ABORT_SAME: 0x25,
  SP_ALIGNMENT: 0x26,
  SERROR: 0x2f,
  BREAKPOINT_LOWER: 0x30,
  BREAKPOINT_SAME: 0x31,
  SOFTWARE_STEP_LOWER: 0x32,
  SOFTWARE_STEP_SAME: 0x33,
  WATCHPOINT_LOWER: 0x34,
  WATCHPOINT_SAME: 0x35,
  BRK64: 0x3c,
} as const;

const IL = 0x02000000;
/** CV = 1, COND = 0b1110: what an exception from AArch64 reports in the WFx and FP trap ISS. */
const A64_CONDITION = (1 << 24) | (0xe << 20);

function esr(ec: number, iss: number): number {
  return ((ec << 26) | IL | (iss & 0x1ffffff)) >>> 0;
}

const bit = (flag: boolean | undefined, position: number): number => (flag ? 1 << position : 0);

/** The exception class of an ESR value. */
export function esrClass(value: number): number {
  return (value >>> 26) & 0x3f;
}

/** The instruction-specific syndrome of an ESR value. */
export function esrIss(value: number): number {
  return value & 0x1ffffff;
}

/** Fields of a data abort syndrome; the access fields (SAS … AR) are only reported with ISV. */
export interface DataAbortFields {
  ec: 0x24 | 0x25;
  /** ISS valid: SAS, SSE, SRT, SF and AR describe the access (see {@link loadStoreSyndrome}). */
  isv: boolean;
  /** Access size: 0 byte, 1 halfword, 2 word, 3 doubleword. */
  sas?: 0 | 1 | 2 | 3;
  /** Sign-extending load. */
  sse?: boolean;
  /** The transfer register Rt. */
  srt?: number;
  /** Rt is a 64-bit (X) register. */
  sf?: boolean;
  /** Acquire/release semantics (LDAR/STLR). */
  ar?: boolean;
  /** Write, not read (Linux: `is_write_abort` = !CM && WnR). */
  wnr: boolean;
  /** Cache maintenance or address translation instruction. */
  cm?: boolean;
  /** Fault on the stage-2 translation of a stage-1 table walk. */
  s1ptw?: boolean;
  /** External abort type (IMPLEMENTATION DEFINED classification). */
  ea?: boolean;
  /** FAR not valid. */
  fnv?: boolean;
  /** Data fault status code, see {@link FSC}. */
  dfsc: number;
}

/** ESR for a data abort (EC 0x24 from a lower EL, 0x25 from the same EL). */
export function esrDataAbort(f: DataAbortFields): number {
  let iss = (f.dfsc & 0x3f) | bit(f.wnr, 6) | bit(f.s1ptw, 7) | bit(f.cm, 8) | bit(f.ea, 9) | bit(f.fnv, 10);
  if (f.isv) {
    iss |= (1 << 24) | ((f.sas ?? 0) << 22) | bit(f.sse, 21) | (((f.srt ?? 0) & 31) << 16) | bit(f.sf, 15);
    iss |= bit(f.ar, 14);
  }
  return esr(f.ec, iss);
}

/** ESR for an instruction abort (EC 0x20 lower EL, 0x21 same EL); FAR holds the fetch address. */
export function esrInstructionAbort(f: {
  ec: 0x20 | 0x21;
  s1ptw?: boolean;
  ea?: boolean;
  fnv?: boolean;
  ifsc: number;
}): number {
  return esr(f.ec, (f.ifsc & 0x3f) | bit(f.s1ptw, 7) | bit(f.ea, 9) | bit(f.fnv, 10));
}

/** ESR for a trapped MSR, MRS or SYS instruction (EC 0x18); `isRead` is MRS/SYSL (Direction = 1). */
export function esrSysregTrap(f: {
  op0: number;
  op1: number;
  crn: number;
  crm: number;
  op2: number;
  rt: number;
  isRead: boolean;
}): number {
  const iss =
    ((f.op0 & 3) << 20) |
    ((f.op2 & 7) << 17) |
    ((f.op1 & 7) << 14) |
    ((f.crn & 15) << 10) |
    ((f.rt & 31) << 5) |
    ((f.crm & 15) << 1) |
    (f.isRead ? 1 : 0);
  return esr(EC.SYSREG, iss);
}

/** {@link esrSysregTrap} from a {@link sysregKey} (bits 20..5 of the instruction). */
export function esrSysregTrapForKey(key: number, rt: number, isRead: boolean): number {
  return esrSysregTrap({ ...decodeSysregKey(key), rt, isRead });
}

/** The sysreg key and transfer register recorded in an EC 0x18 syndrome. */
export function sysregTrapOperands(value: number): { key: number; rt: number; isRead: boolean } {
  const key = sysregKey(
    (value >>> 20) & 3,
    (value >>> 14) & 7,
    (value >>> 10) & 15,
    (value >>> 1) & 15,
    (value >>> 17) & 7
  );
  return { key, rt: (value >>> 5) & 31, isRead: (value & 1) === 1 };
}

/** ESR for a trapped WFI (TI = 0) or WFE (TI = 1), EC 0x01, with CV = 1 and COND = 0xE. */
export function esrWfx(isWfe: boolean): number {
  return esr(EC.WFX, A64_CONDITION | (isWfe ? 1 : 0));
}

/** ESR for an FP/AdvSIMD access trapped by CPACR_EL1.FPEN (EC 0x07, CV = 1, COND = 0xE). */
export function esrFpAccess(): number {
  return esr(EC.FP_ACCESS, A64_CONDITION);
}

/** ESR for `svc #imm16` (EC 0x15). */
export function esrSvc(imm16: number): number {
  return esr(EC.SVC64, imm16 & 0xffff);
}

/** ESR for `hvc #imm16` (EC 0x16), taken to EL2. */
export function esrHvc(imm16: number): number {
  return esr(EC.HVC64, imm16 & 0xffff);
}

/** ESR for `smc #imm16` (EC 0x17), trapped to EL2 by HCR_EL2.TSC. */
export function esrSmc(imm16: number): number {
  return esr(EC.SMC64, imm16 & 0xffff);
}

/** ESR for `brk #imm16` (EC 0x3C). Linux's BUG/WARN use `brk #0x800`. */
export function esrBrk(imm16: number): number {
  return esr(EC.BRK64, imm16 & 0xffff);
}

/** ESR for an UNDEFINED instruction (EC 0x00): 0x02000000, as seL4 reports as UserException. */
export function esrUndefined(): number {
  return esr(EC.UNKNOWN, 0);
}

/** ESR for an instruction executed with PSTATE.IL set (EC 0x0E). */
export function esrIllegalState(): number {
  return esr(EC.ILLEGAL_STATE, 0);
}

/** ESR for a misaligned PC (EC 0x22); FAR holds the PC. */
export function esrPcAlignment(): number {
  return esr(EC.PC_ALIGNMENT, 0);
}

/** ESR for a misaligned SP used as a base register (EC 0x26). */
export function esrSpAlignment(): number {
  return esr(EC.SP_ALIGNMENT, 0);
}

function levelCode(base: number, level: number): number {
  if (!Number.isInteger(level) || level < 0 || level > 3) throw new RangeError(`FSC level ${level} is not 0..3`);
  return base | level;
}

/** Fault status codes (DFSC/IFSC, bits 5:0). */
export const FSC = {
  addressSize: (level: number): number => levelCode(0x00, level),
  translation: (level: number): number => levelCode(0x04, level),
  accessFlag: (level: number): number => levelCode(0x08, level),
  permission: (level: number): number => levelCode(0x0c, level),
  synchronousExternal: 0x10,
  synchronousExternalOnWalk: (level: number): number => levelCode(0x14, level),
  alignment: 0x21,
  tlbConflict: 0x30,
} as const;

/** Human-readable name of a fault status code ("translation fault, level 3"). */
export function describeFsc(fsc: number): string {
  const level = fsc & 3;
  switch (fsc & 0x3c) {
    case 0x00:
      return `address size fault, level ${level}`;
    case 0x04:
      return `translation fault, level ${level}`;
    case 0x08:
      return `access flag fault, level ${level}`;
    case 0x0c:
      return `permission fault, level ${level}`;
    case 0x14:
      return `synchronous external abort on table walk, level ${level}`;
  }
  switch (fsc) {
    case 0x10:
      return "synchronous external abort";
    case 0x21:
      return "alignment fault";
    case 0x30:
      return "TLB conflict abort";
    default:
      return "unknown fault status";
  }
}

/** How a load or store instruction moves data, as the core knows it when it faults. */
export interface LoadStoreShape {
  /** log2 of the access size in bytes (0..3 for GPRs; up to 4 for SIMD registers). */
  sizeLog2: number;
  /** General-purpose or SIMD&FP register transfer. */
  registerKind: "gpr" | "simd";
  /** Number of registers transferred (2 for LDP/STP and the pair exclusives). */
  registerCount: number;
  /** Base register writeback (pre/post-index). */
  writeback: boolean;
  /** Load/store exclusive (LDXR, STXR, LDAXR, …). */
  exclusive: boolean;
  /** Acquire/release ordering (LDAR, STLR and friends). */
  acquireRelease: boolean;
  /** Sign-extending load (LDRSB, LDRSH, LDRSW). */
  signed: boolean;
  /** The transfer register Rt. */
  rt: number;
  /** Rt is an X register (64-bit destination or source). */
  rt64: boolean;
}

/**
 * The ISV-related fields of a data abort for an access of this shape. ISV = 1 only for a single
 * general-purpose register without writeback, not exclusive and not a pair (spec §4, "Hypervisor
 * MMIO emulation"); LDAR/STLR report AR = 1. Spread the result into {@link esrDataAbort}.
 */
export function loadStoreSyndrome(
  shape: LoadStoreShape
): Pick<DataAbortFields, "isv" | "sas" | "sse" | "srt" | "sf" | "ar"> {
  const isv =
    shape.registerKind === "gpr" &&
    shape.registerCount === 1 &&
    !shape.writeback &&
    !shape.exclusive &&
    shape.sizeLog2 >= 0 &&
    shape.sizeLog2 <= 3;
  if (!isv) return { isv: false };
  return {
    isv: true,
    sas: shape.sizeLog2 as 0 | 1 | 2 | 3,
    sse: shape.signed,
    srt: shape.rt,
    sf: shape.rt64,
    ar: shape.acquireRelease,
  };
}

const EC_NAMES: Readonly<Record<number, string>> = {
  [EC.UNKNOWN]: "unknown reason (UNDEFINED instruction)",
  [EC.WFX]: "trapped WFI/WFE",
  [EC.FP_ACCESS]: "FP/AdvSIMD access trapped",
  [EC.ILLEGAL_STATE]: "illegal execution state",
  [EC.SVC64]: "SVC",
  [EC.HVC64]: "HVC",
  [EC.SMC64]: "SMC",
  [EC.SYSREG]: "trapped MSR/MRS/SYS",
  [EC.SVE]: "SVE access trapped",
  [EC.INSTRUCTION_ABORT_LOWER]: "instruction abort from lower EL",
  [EC.INSTRUCTION_ABORT_SAME]: "instruction abort from same EL",
  [EC.PC_ALIGNMENT]: "PC alignment fault",
  [EC.DATA_ABORT_LOWER]: "data abort from lower EL",
  [EC.DATA_ABORT_SAME]: "data abort from same EL",
  [EC.SP_ALIGNMENT]: "SP alignment fault",
  [EC.SERROR]: "SError",
  [EC.BREAKPOINT_LOWER]: "breakpoint from lower EL",
  [EC.BREAKPOINT_SAME]: "breakpoint from same EL",
  [EC.SOFTWARE_STEP_LOWER]: "software step from lower EL",
  [EC.SOFTWARE_STEP_SAME]: "software step from same EL",
  [EC.WATCHPOINT_LOWER]: "watchpoint from lower EL",
  [EC.WATCHPOINT_SAME]: "watchpoint from same EL",
  [EC.BRK64]: "BRK",
};

const hex = (v: number, digits = 2): string => `0x${v.toString(16).toUpperCase().padStart(digits, "0")}`;
const flag = (value: number, position: number): number => (value >>> position) & 1;

function describeDataAbort(iss: number): string {
  const parts: string[] = [];
  if (flag(iss, 24)) {
    const sas = (iss >>> 22) & 3;
    parts.push(
      `ISV=1 SAS=${sas} (${1 << sas} bytes) SSE=${flag(iss, 21)} SRT=${(iss >>> 16) & 31} SF=${flag(iss, 15)}`,
      `AR=${flag(iss, 14)}`
    );
  } else {
    parts.push("ISV=0");
  }
  parts.push(`WnR=${flag(iss, 6)} CM=${flag(iss, 8)} S1PTW=${flag(iss, 7)} EA=${flag(iss, 9)} FnV=${flag(iss, 10)}`);
  parts.push(`DFSC=${hex(iss & 0x3f)} (${describeFsc(iss & 0x3f)})`);
  return parts.join(" ");
}

function describeIss(ec: number, iss: number, sysregName: (key: number) => string): string {
  switch (ec) {
    case EC.DATA_ABORT_LOWER:
    case EC.DATA_ABORT_SAME:
      return describeDataAbort(iss);
    case EC.INSTRUCTION_ABORT_LOWER:
    case EC.INSTRUCTION_ABORT_SAME:
      return `S1PTW=${flag(iss, 7)} EA=${flag(iss, 9)} FnV=${flag(iss, 10)} IFSC=${hex(iss & 0x3f)} (${describeFsc(
        iss & 0x3f
      )})`;
    case EC.SYSREG: {
      const { key, rt, isRead } = sysregTrapOperands(esr(ec, iss));
      const reg = rt === 31 ? "xzr" : `x${rt}`;
      const op = decodeSysregKey(key).op0 === 1 ? (isRead ? "SYSL" : "SYS") : isRead ? "MRS" : "MSR";
      return isRead ? `${op} ${reg}, ${sysregName(key)}` : `${op} ${sysregName(key)}, ${reg}`;
    }
    case EC.WFX:
      return (iss & 3) === 1 ? "WFE" : "WFI";
    case EC.SVC64:
    case EC.HVC64:
    case EC.SMC64:
    case EC.BRK64:
      return `imm16=${hex(iss & 0xffff, 4)}`;
    default:
      return `ISS=${hex(iss, 7)}`;
  }
}

/**
 * One line describing an ESR value, for crash reports and traces, e.g.
 * `EC 0x24 data abort from lower EL: ISV=0 WnR=1 CM=0 … DFSC=0x07 (translation fault, level 3)`.
 * `sysregName` names EC 0x18 operands (default: the generic `S3_0_C1_C0_0` form).
 */
export function describeEsr(value: number, sysregName: (key: number) => string = genericSysregName): string {
  const ec = esrClass(value);
  const name = EC_NAMES[ec] ?? "unallocated exception class";
  const il = flag(value, 25) ? "" : " (IL=0)";
  return `EC ${hex(ec)} ${name}${il}: ${describeIss(ec, esrIss(value), sysregName)}`;
}
