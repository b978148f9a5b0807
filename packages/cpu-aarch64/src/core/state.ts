import { FpContext } from "../fp/fpcr.js";
import type { GuestMemory } from "../memory/guest-memory.js";
import { PAGE_SIZE, PERM_EXEC } from "../memory/types.js";
import type { PageEntry } from "../memory/types.js";
import type { CpuExit } from "./exits.js";
import { JUMP, NEXT, PC_HIGH, REGISTER_SLOTS, STOP, V_SLOTS, ZR } from "./layout.js";
import { startAsDoubles } from "./double-fields.js";
import { MemoryPort } from "./memory-port.js";
import { SYSTEM_EVENT } from "./system-level.js";
import type { SystemLevel } from "./system-level.js";

const TWO_32 = 4294967296;
const TWO_53 = 2 ** 53;
const TWO_64N = 1n << 64n;
/** 2^64 - 2^53: from here up, a 64-bit address is a negative number above -2^53. */
const HIGH_HALF_START = TWO_64N - (1n << 53n);

/** Bytes of the SIMD&FP register file: V0–V31, 16 bytes each, V[n] at byte 16n. */
export const V_FILE_BYTES = 512;

/** Typed arrays index the V file in host byte order, which must be little-endian like A64 lanes. */
function assertLittleEndianHost(): void {
  if (new Uint16Array(new Uint8Array([1, 0]).buffer)[0] !== 1) {
    throw new Error("cpu-aarch64 needs a little-endian host (typed-array lanes must match A64 lane order)");
  }
}

/**
 * The architectural state the interpreter's handlers work on: the register file (a
 * BigUint64Array with 32-bit views on the same buffer; see layout.ts), the SIMD&FP registers,
 * NZCV, the PC, the current code page and the exit being reported. Not exported from the
 * package: `Cpu` is the public face. FPCR and FPSR live in register-file slots FPCR/FPSR.
 */
export class CoreState extends MemoryPort {
  readonly x = new BigUint64Array(REGISTER_SLOTS);
  readonly u32 = new Uint32Array(this.x.buffer);
  readonly i32 = new Int32Array(this.x.buffer);
  /**
   * V0–V31 as views of one 512-byte buffer: lane i of element size E bytes of V[n] is index
   * n * (16 / E) + i of the view for E (vu8/vi8: 16 lanes per register, vu16/vi16: 8, vu32/vi32/
   * vf32: 4, vu64/vi64/vf64: 2). Lane 0 is the least significant, as in the architecture.
   * Float views canonicalise NaNs on read/write in some engines: move FP bits with the integer
   * views, use vf32/vf64 only for values that are not NaN. Slots 32..35 are scratch (VT0..VT3
   * in layout.ts).
   */
  readonly vu8 = new Uint8Array(16 * V_SLOTS);
  readonly vi8 = new Int8Array(this.vu8.buffer);
  readonly vu16 = new Uint16Array(this.vu8.buffer);
  readonly vi16 = new Int16Array(this.vu8.buffer);
  readonly vu32 = new Uint32Array(this.vu8.buffer);
  readonly vi32 = new Int32Array(this.vu8.buffer);
  readonly vu64 = new BigUint64Array(this.vu8.buffer);
  readonly vi64 = new BigInt64Array(this.vu8.buffer);
  readonly vf32 = new Float32Array(this.vu8.buffer);
  readonly vf64 = new Float64Array(this.vu8.buffer);
  /** Soft-float scratch of the FP handlers (FPCR copy, flags, double results): see src/fp/. */
  readonly fpContext = new FpContext();
  /** N=8, Z=4, C=2, V=1. */
  nzcv = 0;
  /**
   * The PC as a signed number: addresses in the top half are negative (two's complement), so
   * [-2^53, 2^53) — both translatable halves, TTBR0 and TTBR1 — stays a number. Anything else
   * sets `pcHigh` and keeps the value in slot PC_HIGH.
   */
  pc = 0;
  pcHigh = false;
  retired = 0;
  /**
   * The `retired` count at which the running interpreter slice ends. Set from the budget when a
   * slice starts; lowered to the next instruction boundary when an interrupt input changes
   * during the slice (a device access can do that), so the driver looks at the lines again.
   */
  sliceEnd = 0;
  /** Decoded-code array of the page holding the PC, and that page's address. */
  code: Int32Array = new Int32Array(2 * (PAGE_SIZE / 4));
  codeBase = -Infinity;
  /** Guest-physical address of the current code page (differs from codeBase under stage 1). */
  codePhysBase = 0;
  /**
   * The page entry `code` came from (null before the first fetch): the block translator finds
   * the page's translations on it without a page-table lookup at each change of code page.
   */
  codeEntry: PageEntry | null = null;
  /** EL1 state of a system-level core; null for a user-level core (exceptions become exits). */
  system: SystemLevel | null = null;
  /** The exit a handler returning STOP reports. */
  exit: CpuExit | null = null;

  constructor(memory: GuestMemory) {
    super(memory);
    assertLittleEndianHost();
    // Kernel addresses are negative numbers beyond 2^31, physical ones reach 2^31 (see startAsDoubles).
    startAsDoubles(this, ["pc", "codePhysBase"]);
  }

  /**
   * Branches to a 64-bit address given in halves (unsigned). Returns JUMP, or STOP with an
   * instruction abort when the target is outside [-2^53, 2^53) as a signed value, where nothing
   * can be mapped.
   */
  jumpToHalves(lo: number, hi: number): number {
    if (hi < 0x200000) {
      this.pc = hi * TWO_32 + lo;
      this.pcHigh = false;
      return JUMP;
    }
    if (hi >= 0xffe00000) {
      this.pc = (hi - TWO_32) * TWO_32 + lo;
      this.pcHigh = false;
      return JUMP;
    }
    this.u32[2 * PC_HIGH] = lo;
    this.u32[2 * PC_HIGH + 1] = hi;
    this.pcHigh = true;
    return this.unreachablePc();
  }

  /**
   * Branches to `target`, an integer number that may be negative or ≥ 2^53 (it wraps mod 2^64).
   * Returns JUMP, or STOP with an instruction abort for targets that cannot be mapped.
   */
  jumpTo(target: number): number {
    if (target >= -TWO_53 && target < TWO_53) {
      this.pc = target;
      return JUMP;
    }
    this.setPcBig(BigInt.asUintN(64, BigInt(target)));
    return this.pcHigh ? this.unreachablePc() : JUMP;
  }

  private unreachablePc(): number {
    if (this.system !== null) return this.system.unreachablePc();
    const pc = this.pcBig();
    this.exit = { kind: "instructionAbort", address: pc, pc };
    return STOP;
  }

  /** The exact PC as a bigint. */
  pcBig(): bigint {
    if (this.pcHigh) return this.x[PC_HIGH]!;
    return this.pc >= 0 ? BigInt(this.pc) : BigInt(this.pc) + TWO_64N;
  }

  /** Sets the PC from a 64-bit value (wrapping mod 2^64). */
  setPcBig(value: bigint): void {
    const v = BigInt.asUintN(64, value);
    if (v < BigInt(TWO_53)) {
      this.pc = Number(v);
      this.pcHigh = false;
    } else if (v >= HIGH_HALF_START) {
      this.pc = Number(v - TWO_64N);
      this.pcHigh = false;
    } else {
      this.x[PC_HIGH] = v;
      this.pcHigh = true;
    }
  }

  /** Writes an integer number (wrapping mod 2^64) to X[rd]; rd 31 is XZR. */
  setXNumber(rd: number, value: number): void {
    if (rd === ZR) return;
    if (value >= 0 && value < TWO_53) {
      this.u32[2 * rd] = value % TWO_32;
      this.u32[2 * rd + 1] = Math.floor(value / TWO_32);
    } else if (value < 0 && value >= -TWO_53) {
      // Top-half addresses (a PC in the TTBR1 half plus an offset): halves in two's complement.
      const hi = Math.floor(value / TWO_32);
      this.u32[2 * rd] = value - hi * TWO_32;
      this.u32[2 * rd + 1] = hi;
    } else {
      this.x[rd] = BigInt.asUintN(64, BigInt(value));
    }
  }

  /**
   * Points `code`/`codeBase` at the page holding the PC. Returns false (with the exit set) when
   * the page is unmapped, not executable or MMIO.
   */
  enterCodePage(): boolean {
    const pageNumber = Math.floor(this.pc / PAGE_SIZE);
    // The run loop calls it on every page crossing (10^7 in a Linux boot): the fetch-cache hit
    // stays short here, everything else is in enterUncachedCodePage.
    const cached = this.fetchLookup(pageNumber);
    if (cached < 0) return this.enterUncachedCodePage(pageNumber);
    const cachedEntry = this.fetchEntry(cached);
    this.code = cachedEntry.code!;
    this.codeEntry = cachedEntry;
    this.codeBase = pageNumber * PAGE_SIZE;
    this.codePhysBase = this.fetchPhysPage(cached) * PAGE_SIZE;
    return true;
  }

  /** enterCodePage without a fetch-cache hit: translate, look the page up, fill the cache. */
  private enterUncachedCodePage(pageNumber: number): boolean {
    this.syncEpoch();
    let physPage = pageNumber;
    const translator = this.translator;
    if (translator !== null) {
      const hi = Math.floor(this.pc / TWO_32);
      const pa = translator.translate(this.pc - hi * TWO_32, hi >>> 0, false, true);
      if (pa < 0) return this.fetchAborted();
      physPage = Math.floor(pa / PAGE_SIZE);
    }
    const entry = this.memory.pages.get(physPage);
    if (entry === undefined || (entry.perms & PERM_EXEC) === 0 || entry.bytes === null) {
      this.faultStage2 = true;
      this.faultS1ptw = false;
      this.faultStatus = entry === undefined ? 0x07 : 0x0f; // stage-2 translation / permission, level 3
      this.faultIpa = physPage * PAGE_SIZE + (this.pc - pageNumber * PAGE_SIZE);
      return this.fetchAborted();
    }
    this.code = this.memory.codeOf(entry);
    this.codeEntry = entry;
    this.codeBase = pageNumber * PAGE_SIZE;
    this.codePhysBase = physPage * PAGE_SIZE;
    // After codeOf, which may have changed the epoch (and so emptied the caches).
    this.syncEpoch();
    this.fetchInsert(pageNumber, entry, physPage);
    return true;
  }

  /**
   * The fetch at the PC failed. A user-level core stops with an instruction-abort exit; a system
   * level takes the exception (then stops with SYSTEM_EVENT so the loop restarts at the vector)
   * or stops with its exit for the hypervisor.
   */
  private fetchAborted(): false {
    const system = this.system;
    if (system === null) {
      this.exit = { kind: "instructionAbort", address: this.pcBig(), pc: this.pcBig() };
    } else if (system.instructionAbort()) {
      this.exit = SYSTEM_EVENT;
    }
    return false;
  }

  /**
   * Reads the instruction word at the PC from the current code page (after enterCodePage). Gives
   * 0 if the page has gone (only the trace hook can ask then; execution re-enters the page first).
   */
  fetchWord(): number {
    const entry = this.memory.pages.get(this.codePhysBase / PAGE_SIZE);
    if (entry === undefined || entry.view === null) return 0;
    return entry.view.getInt32(entry.offset + (this.pc - this.codeBase), true);
  }

  /** Stops with an UNDEFINED-instruction exit. */
  undefinedInstruction(insn: number): number {
    if (this.system !== null) return this.system.undefinedInstruction(insn);
    this.exit = { kind: "undefined", pc: this.pcBig(), insn: insn >>> 0 };
    return STOP;
  }

  /**
   * AArch64.CheckFPAdvSIMDEnabled for the instruction at the PC: NEXT (0) when FP/AdvSIMD may be
   * used; otherwise the trap has been taken (CPACR_EL1.FPEN to EL1, or the hypervisor's
   * CPTR_EL2.TFP as an exit) and the handler must return the value given. A user-level core
   * always has FP enabled. Usage: `const fp = s.checkFp(); if (fp !== NEXT) return fp;`
   */
  checkFp(): number {
    return this.system === null ? NEXT : this.system.checkFp();
  }

  /** Stops with a data abort for the fault the last memory access recorded. */
  dataAbort(): number {
    if (this.system !== null) return this.system.dataAbort(this.code[((this.pc - this.codeBase) >>> 2) + 1024]!);
    const address = (BigInt(this.faultHi >>> 0) << 32n) | BigInt(this.faultLo >>> 0);
    this.exit = this.faultAlignment
      ? { kind: "dataAbort", address, isWrite: this.faultWrite, pc: this.pcBig(), alignment: true }
      : { kind: "dataAbort", address, isWrite: this.faultWrite, pc: this.pcBig() };
    this.clearFault();
    return STOP;
  }
}
