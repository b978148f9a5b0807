import { invalidateCode } from "../memory/guest-memory.js";
import type { GuestMemory } from "../memory/guest-memory.js";
import type { MmioSize, PageEntry } from "../memory/types.js";
import { PAGE_SIZE, PERM_READ, PERM_WRITE } from "../memory/types.js";
import { startAsDoubles } from "./double-fields.js";

/**
 * Entries of each data TLB (core/jit/native.ts indexes them too). A Linux boot missed the read
 * TLB 455,520 times with 256 entries, 184,847 with 1,024 (139,102 with 4,096); a miss in a
 * translated block that V8 optimised before the miss first happened also costs a deoptimisation
 * (182 of the boot's blocks' with 256 entries, 132 with 1,024).
 */
export const TLB_ENTRIES = 1024;
const TLB_MASK = TLB_ENTRIES - 1;
/**
 * Entries of the fetch-side cache (VA page → decoded code of its page): see `fetchLookup`. A
 * Linux boot runs code from ~1,500 pages: with 64 entries the cache missed 1.15 M times, with 512
 * 0.12 M.
 */
const FETCH_ENTRIES = 512;
const FETCH_MASK = FETCH_ENTRIES - 1;
/** Size of the exclusive monitor's granule (one cache line, as on Cortex-A53). */
const EXCLUSIVE_GRANULE = 64;
const TWO_32 = 4294967296;

/**
 * The read and write TLBs for one kind of access rights: EL1's, or EL0's (EL0 itself and LDTR/STTR
 * at EL1). Their arrays are what `MemoryPort`'s `rTagLo`…`wView` point at while those rights apply.
 */
interface DataTlbs {
  readonly rTagLo: Int32Array;
  readonly rTagHi: Uint32Array;
  readonly rBase: Int32Array;
  readonly rView: DataView[];
  readonly wTagLo: Int32Array;
  readonly wTagHi: Uint32Array;
  readonly wBase: Int32Array;
  readonly wView: DataView[];
}

/** Drops slot `i` of both TLBs of `tlbs` where it holds VA page `page` (VA[31:12]) with VA[55:32] `hi24`, of any tag byte. */
function dropPage(tlbs: DataTlbs, i: number, page: number, hi24: number): void {
  if (tlbs.rTagLo[i] === page && (tlbs.rTagHi[i]! & 0xffffff) === hi24) tlbs.rTagLo[i] = -1;
  if (tlbs.wTagLo[i] === page && (tlbs.wTagHi[i]! & 0xffffff) === hi24) tlbs.wTagLo[i] = -1;
}

/** A write-TLB entry taken out of its slot, to be put back there if nothing changed meanwhile. */
class SetAsideEntry {
  /** The slot it came from, or -1 when nothing is set aside. */
  slot = -1;
  /** The TLBs it came from, and the entry. */
  tlbs: DataTlbs | null = null;
  private page = 0;
  private tagHi = 0;
  private view: DataView | null = null;
  private base = 0;
  /** MemoryPort.tlbGeneration when it was taken out. */
  generation = 0;

  take(tlbs: DataTlbs, slot: number, generation: number): void {
    this.slot = slot;
    this.tlbs = tlbs;
    this.page = tlbs.wTagLo[slot]!;
    this.tagHi = tlbs.wTagHi[slot]!;
    this.view = tlbs.wView[slot]!;
    this.base = tlbs.wBase[slot]!;
    this.generation = generation;
  }

  /** Puts the entry back into its slot if no other page has been cached there since. */
  putBack(): void {
    const slot = this.slot;
    const tlbs = this.tlbs!;
    if (tlbs.wTagLo[slot] !== -1) return;
    tlbs.wTagLo[slot] = this.page;
    tlbs.wTagHi[slot] = this.tagHi;
    tlbs.wView[slot] = this.view!;
    tlbs.wBase[slot] = this.base;
  }
}

function newDataTlbs(): DataTlbs {
  const empty = new DataView(new ArrayBuffer(8));
  return {
    rTagLo: new Int32Array(TLB_ENTRIES).fill(-1),
    rTagHi: new Uint32Array(TLB_ENTRIES),
    rBase: new Int32Array(TLB_ENTRIES),
    rView: new Array<DataView>(TLB_ENTRIES).fill(empty),
    wTagLo: new Int32Array(TLB_ENTRIES).fill(-1),
    wTagHi: new Uint32Array(TLB_ENTRIES),
    wBase: new Int32Array(TLB_ENTRIES),
    wView: new Array<DataView>(TLB_ENTRIES).fill(empty),
  };
}
/** DFSC of a stage-2 translation fault: GuestMemory has no tables, so every hole is reported at level 3. */
const STAGE2_TRANSLATION_L3 = 0x07;
const STAGE2_PERMISSION_L3 = 0x0f;

/**
 * Stage-1 translation as the memory path uses it (the system level while SCTLR_EL1.M = 1):
 * the output address, or -1 after recording the fault in the port's `fault*` fields.
 */
export interface AddressTranslator {
  translate(lo: number, hi: number, write: boolean, fetch: boolean): number;
}

/**
 * A CPU's data-side view of GuestMemory: direct-mapped read and write TLBs (page → DataView and
 * offset) in front of the page map, MMIO dispatch, code-page invalidation on stores, and the
 * exclusive monitor. Addresses are passed as two unsigned 32-bit halves so that the fast path
 * stays in small-integer arithmetic. Faults are never cached.
 *
 * Reads return the low 32 bits and leave bits 63..32 of a 64-bit read in `hiWord`; on a fault
 * they set `fault` (and `faultLo/faultHi/faultWrite`) and return 0. Writes return false on a
 * fault.
 */
export class MemoryPort {
  readonly memory: GuestMemory;
  /** Upper half of the last 64-bit read. */
  hiWord = 0;
  fault = false;
  faultLo = 0;
  faultHi = 0;
  faultWrite = false;
  faultAlignment = false;
  /** DFSC/IFSC of the last fault (alignment faults use `faultAlignment` instead). */
  faultStatus = STAGE2_TRANSLATION_L3;
  /** The fault is in the guest-physical (stage-2) space: a hole or a page without the permission. */
  faultStage2 = true;
  /** That stage-2 fault hit the stage-1 table walk's own read. */
  faultS1ptw = false;
  /** Guest-physical address of a stage-2 fault. */
  faultIpa = 0;
  /** Stage-1 translation, or null when addresses are physical (MMU off, or a user-level core). */
  translator: AddressTranslator | null = null;
  /** LDTR/STTR at EL1: translate with EL0 permissions. */
  unprivileged = false;
  /** The last `resolve` failed in stage 1 (the translator recorded the fault). */
  private stage1Faulted = false;

  private epoch = -1;
  /**
   * Two sets of data TLBs, one per kind of access rights (see `useUnprivilegedTlbs`): switching
   * between EL0 and EL1, or around an LDTR/STTR, selects the other set instead of emptying the
   * TLBs (a Linux boot's LDTR/STTR alone emptied them 11,000 times).
   */
  private readonly privilegedTlbs = newDataTlbs();
  private readonly unprivilegedTlbs = newDataTlbs();
  /** The set the fields below are now. */
  private currentTlbs = this.privilegedTlbs;
  // The TLBs of the current access rights: read by the block translator's inline hit path too
  // (core/jit/native.ts, at each block's start), which relies on TLB_ENTRIES and on what they
  // never hold (MMIO; code or exclusive pages for writes). Initialised here, not in the
  // constructor: a field that first holds `undefined` loses V8's knowledge of its type, and the
  // hit paths then check the array's map at every access (the integer-loop bench rows were 5–9 %
  // slower that way).
  /** @internal */
  rTagLo: Int32Array = this.privilegedTlbs.rTagLo;
  /** @internal */
  rTagHi: Uint32Array = this.privilegedTlbs.rTagHi;
  /** @internal */
  rBase: Int32Array = this.privilegedTlbs.rBase;
  /** @internal */
  rView: DataView[] = this.privilegedTlbs.rView;
  /** @internal */
  wTagLo: Int32Array = this.privilegedTlbs.wTagLo;
  /** @internal */
  wTagHi: Uint32Array = this.privilegedTlbs.wTagHi;
  /** @internal */
  wBase: Int32Array = this.privilegedTlbs.wBase;
  /** @internal */
  wView: DataView[] = this.privilegedTlbs.wView;
  /**
   * The fetch side: VA page number → the page's PageEntry (its decoded code) and guest-physical
   * page, filled after a successful fetch translation and dropped with the data TLBs (mapping,
   * permission or translation changes), so a branch to another page costs one compare.
   */
  private readonly fTag = new Float64Array(FETCH_ENTRIES).fill(NaN);
  private readonly fEntry: (PageEntry | null)[] = new Array<PageEntry | null>(FETCH_ENTRIES).fill(null);
  private readonly fPhys = new Float64Array(FETCH_ENTRIES);

  /** Counts the changes that drop TLB entries (flushes, page invalidations): see `setAside`. */
  private tlbGeneration = 0;
  /** The write-TLB entry of the page the exclusive monitor was armed on, while it is out of the TLB. */
  private readonly setAside = new SetAsideEntry();

  /** The exclusive monitor: armed by LDXR/LDAXR/LDXP, checked by STXR, cleared by stores to its granule. */
  exclusiveArmed = false;
  exclusiveLo = 0;
  exclusiveHi = 0;
  exclusiveSize = 0;

  constructor(memory: GuestMemory) {
    this.memory = memory;
    // Addresses and their 32-bit halves: they reach 2^31 (see startAsDoubles).
    startAsDoubles(this, ["hiWord", "faultLo", "faultHi", "faultIpa", "exclusiveLo", "exclusiveHi"]);
    // Both sets once, so that V8 sees the current-TLB fields written after their initialisers. A
    // field never written since is "const" to V8, and optimised code that relies on that is
    // thrown away when it first changes: a Linux boot's first switch to EL0's set (its first
    // user-space access, at 885 M of 893 M instructions) discarded about 400 optimised functions
    // at once, nearly every translated block, which then ran unoptimised until V8 compiled them
    // again ("Run /init" to power-off: 0.5–0.7 s before, 0.3–0.6 s after, in 6 alternated pairs).
    this.useUnprivilegedTlbs(true);
    this.useUnprivilegedTlbs(false);
    this.syncEpoch();
  }

  /** Flushes the TLBs if GuestMemory's mappings changed since the last check. */
  syncEpoch(): void {
    if (this.memory.epoch !== this.epoch) {
      this.epoch = this.memory.epoch;
      this.flushTlb();
    }
  }

  /**
   * Makes loads and stores use the TLBs of EL0's access rights (`unprivileged`) or of EL1's. The
   * system level calls it when the EL changes and around LDTR/STTR at EL1; entries stay valid in
   * the set not in use, since every translation change empties both.
   */
  useUnprivilegedTlbs(unprivileged: boolean): void {
    const tlbs = unprivileged ? this.unprivilegedTlbs : this.privilegedTlbs;
    this.currentTlbs = tlbs;
    this.rTagLo = tlbs.rTagLo;
    this.rTagHi = tlbs.rTagHi;
    this.rBase = tlbs.rBase;
    this.rView = tlbs.rView;
    this.wTagLo = tlbs.wTagLo;
    this.wTagHi = tlbs.wTagHi;
    this.wBase = tlbs.wBase;
    this.wView = tlbs.wView;
  }

  /** Empties the fetch cache (instruction fetches' permissions depend on the EL). */
  forgetFetches(): void {
    this.fTag.fill(NaN);
  }

  /**
   * The fetch cache's entry for VA page `pageNumber`: its slot, or -1 (also whenever GuestMemory's
   * mappings changed since the last `syncEpoch`). The slot's page and guest-physical page number
   * are `fetchEntry(slot)` and `fetchPhysPage(slot)`.
   */
  protected fetchLookup(pageNumber: number): number {
    const i = pageNumber & FETCH_MASK;
    return this.fTag[i] === pageNumber && this.memory.epoch === this.epoch ? i : -1;
  }

  protected fetchEntry(slot: number): PageEntry {
    return this.fEntry[slot]!;
  }

  protected fetchPhysPage(slot: number): number {
    return this.fPhys[slot]!;
  }

  /** Remembers that VA page `pageNumber` fetches from `entry`, guest-physical page `physPage`. */
  protected fetchInsert(pageNumber: number, entry: PageEntry, physPage: number): void {
    const i = pageNumber & FETCH_MASK;
    this.fTag[i] = pageNumber;
    this.fEntry[i] = entry;
    this.fPhys[i] = physPage;
  }

  read8(lo: number, hi: number): number {
    const i = (lo >>> 12) & TLB_MASK;
    if (this.rTagLo[i] === lo >>> 12 && this.rTagHi[i] === hi) {
      return this.rView[i]!.getUint8(this.rBase[i]! + (lo & 0xfff));
    }
    return this.slowRead(lo, hi, 1);
  }

  read16(lo: number, hi: number): number {
    const i = (lo >>> 12) & TLB_MASK;
    const off = lo & 0xfff;
    if (this.rTagLo[i] === lo >>> 12 && this.rTagHi[i] === hi && off <= 0xffe) {
      return this.rView[i]!.getUint16(this.rBase[i]! + off, true);
    }
    return this.slowRead(lo, hi, 2);
  }

  read32(lo: number, hi: number): number {
    const i = (lo >>> 12) & TLB_MASK;
    const off = lo & 0xfff;
    if (this.rTagLo[i] === lo >>> 12 && this.rTagHi[i] === hi && off <= 0xffc) {
      return this.rView[i]!.getUint32(this.rBase[i]! + off, true);
    }
    return this.slowRead(lo, hi, 4);
  }

  /** Returns bits 31..0; bits 63..32 are left in `hiWord`. */
  read64(lo: number, hi: number): number {
    const i = (lo >>> 12) & TLB_MASK;
    const off = lo & 0xfff;
    if (this.rTagLo[i] === lo >>> 12 && this.rTagHi[i] === hi && off <= 0xff8) {
      const view = this.rView[i]!;
      const at = this.rBase[i]! + off;
      this.hiWord = view.getUint32(at + 4, true);
      return view.getUint32(at, true);
    }
    return this.slowRead(lo, hi, 8);
  }

  write8(lo: number, hi: number, value: number): boolean {
    const i = (lo >>> 12) & TLB_MASK;
    if (this.wTagLo[i] === lo >>> 12 && this.wTagHi[i] === hi) {
      this.wView[i]!.setUint8(this.wBase[i]! + (lo & 0xfff), value);
      return true;
    }
    return this.slowWrite(lo, hi, 1, value, 0);
  }

  write16(lo: number, hi: number, value: number): boolean {
    const i = (lo >>> 12) & TLB_MASK;
    const off = lo & 0xfff;
    if (this.wTagLo[i] === lo >>> 12 && this.wTagHi[i] === hi && off <= 0xffe) {
      this.wView[i]!.setUint16(this.wBase[i]! + off, value, true);
      return true;
    }
    return this.slowWrite(lo, hi, 2, value, 0);
  }

  write32(lo: number, hi: number, value: number): boolean {
    const i = (lo >>> 12) & TLB_MASK;
    const off = lo & 0xfff;
    if (this.wTagLo[i] === lo >>> 12 && this.wTagHi[i] === hi && off <= 0xffc) {
      this.wView[i]!.setUint32(this.wBase[i]! + off, value, true);
      return true;
    }
    return this.slowWrite(lo, hi, 4, value, 0);
  }

  write64(lo: number, hi: number, valueLo: number, valueHi: number): boolean {
    const i = (lo >>> 12) & TLB_MASK;
    const off = lo & 0xfff;
    if (this.wTagLo[i] === lo >>> 12 && this.wTagHi[i] === hi && off <= 0xff8) {
      const view = this.wView[i]!;
      const at = this.wBase[i]! + off;
      view.setUint32(at, valueLo, true);
      view.setUint32(at + 4, valueHi, true);
      return true;
    }
    return this.slowWrite(lo, hi, 8, valueLo, valueHi);
  }

  /**
   * Zeroes [addr, addr+length) (length a multiple of 4, within one page) when the write TLB holds
   * its page, and returns true; false leaves memory alone (the caller takes the checked path).
   * DC ZVA runs about 10^6 times in a Linux boot: one lookup instead of one per doubleword.
   */
  zeroIfCached(lo: number, hi: number, length: number): boolean {
    const i = this.writeSlot(lo, hi, length);
    if (i < 0) return false;
    const view = this.wView[i]!;
    const at = this.wBase[i]! + (lo & 0xfff);
    for (let k = 0; k < length; k += 4) view.setInt32(at + k, 0, true);
    return true;
  }

  /**
   * The read-TLB slot when all of [addr, addr+length) lies in one page the read TLB holds, else
   * -1: lets a multi-register load make its accesses with one lookup (through rView/rBase).
   */
  readSlot(lo: number, hi: number, length: number): number {
    const i = (lo >>> 12) & TLB_MASK;
    return this.rTagLo[i] === lo >>> 12 && this.rTagHi[i] === hi && (lo & 0xfff) + length <= PAGE_SIZE ? i : -1;
  }

  /**
   * The write-TLB slot when all of [addr, addr+length) lies in one page the write TLB holds, else
   * -1. Such a page is plain RAM without decoded code or the exclusive monitor's granule, so a
   * store through wView/wBase needs none of slowWrite's bookkeeping.
   */
  writeSlot(lo: number, hi: number, length: number): number {
    const i = (lo >>> 12) & TLB_MASK;
    return this.wTagLo[i] === lo >>> 12 && this.wTagHi[i] === hi && (lo & 0xfff) + length <= PAGE_SIZE ? i : -1;
  }

  /**
   * True when all of [addr, addr+length) can be written; otherwise records the fault. Lets a
   * multi-register store fault before it changes anything.
   */
  probeWrite(lo: number, hi: number, length: number): boolean {
    // Within one page the write TLB answers: it holds only pages a write has just succeeded on.
    if (this.writeSlot(lo, hi, length) >= 0) return true;
    for (let pos = 0; pos < length; ) {
      const sum = lo + pos;
      const plo = sum >>> 0;
      const phi = (hi + (sum >= TWO_32 ? 1 : 0)) >>> 0;
      const entry = this.resolve(plo, phi, true, false);
      if (entry === undefined || (entry.perms & PERM_WRITE) === 0) return this.stage2Fault(entry, plo, phi, true);
      pos += PAGE_SIZE - (plo & 0xfff);
    }
    return true;
  }

  /** Arms the exclusive monitor for [addr, addr+size) and keeps its page out of the write TLB. */
  armExclusive(lo: number, hi: number, size: number): void {
    this.exclusiveArmed = true;
    this.exclusiveLo = lo;
    this.exclusiveHi = hi;
    this.exclusiveSize = size;
    const i = (lo >>> 12) & TLB_MASK;
    this.setAside.slot = -1;
    if (this.wTagLo[i] === lo >>> 12) this.setAside.take(this.currentTlbs, i, this.tlbGeneration);
    // From both sets: a store with either rights must find the armed granule's page uncached.
    if (this.privilegedTlbs.wTagLo[i] === lo >>> 12) this.privilegedTlbs.wTagLo[i] = -1;
    if (this.unprivilegedTlbs.wTagLo[i] === lo >>> 12) this.unprivilegedTlbs.wTagLo[i] = -1;
  }

  /**
   * True when a store-exclusive of `size` bytes at addr would succeed; always disarms. The write
   * TLB gets back the entry armExclusive took out if nothing has changed the TLBs since, so the
   * store-exclusive and the stores after it need no slow path (a Linux boot arms the monitor
   * about 525,000 times, nearly always on a page the write TLB held).
   */
  claimExclusive(lo: number, hi: number, size: number): boolean {
    const ok = this.exclusiveArmed && this.exclusiveLo === lo && this.exclusiveHi === hi && this.exclusiveSize === size;
    this.exclusiveArmed = false;
    const aside = this.setAside;
    if (aside.slot >= 0 && aside.tlbs === this.currentTlbs && aside.generation === this.tlbGeneration && this.memory.epoch === this.epoch) {
      aside.putBack();
    }
    aside.slot = -1;
    return ok;
  }

  /** Records an alignment fault for a misaligned exclusive/atomic access. */
  alignmentFault(lo: number, hi: number, isWrite: boolean): void {
    this.setFault(lo, hi, isWrite);
    this.faultAlignment = true;
  }

  /** Clears the recorded fault after it has been reported. */
  clearFault(): void {
    this.fault = false;
    this.faultAlignment = false;
  }

  /** Page holding the address given in halves, if mapped. */
  protected pageOf(lo: number, hi: number): PageEntry | undefined {
    return this.memory.pages.get(hi * 1048576 + (lo >>> 12));
  }

  /**
   * The guest-physical page behind a virtual address, or undefined on a fault. A stage-1 fault is
   * recorded here (`faultStage2` false); a hole or missing permission is left to `stage2Fault`.
   */
  protected resolve(lo: number, hi: number, write: boolean, fetch: boolean): PageEntry | undefined {
    const translator = this.translator;
    this.stage1Faulted = false;
    if (translator === null) {
      this.faultIpa = hi * TWO_32 + lo;
      return this.pageOf(lo, hi);
    }
    const pa = translator.translate(lo, hi, write, fetch);
    if (pa < 0) {
      this.stage1Faulted = true;
      return undefined;
    }
    this.faultIpa = pa;
    return this.memory.pages.get(Math.floor(pa / PAGE_SIZE));
  }

  /** Records the fault of a failed `resolve` (or a page without the permission) at (lo, hi). */
  private stage2Fault(entry: PageEntry | undefined, lo: number, hi: number, isWrite: boolean): false {
    if (!this.stage1Faulted) {
      this.faultStage2 = true;
      this.faultS1ptw = false;
      this.faultStatus = entry === undefined ? STAGE2_TRANSLATION_L3 : STAGE2_PERMISSION_L3;
    }
    return this.setFault(lo, hi, isWrite);
  }

  private setFault(lo: number, hi: number, isWrite: boolean): false {
    this.fault = true;
    this.faultLo = lo;
    this.faultHi = hi;
    this.faultWrite = isWrite;
    return false;
  }

  private slowRead(lo: number, hi: number, size: MmioSize): number {
    this.syncEpoch();
    const off = lo & 0xfff;
    if (off + size > PAGE_SIZE) return this.crossPageRead(lo, hi, size);
    const entry = this.resolve(lo, hi, false, false);
    if (entry === undefined || (entry.perms & PERM_READ) === 0) {
      this.stage2Fault(entry, lo, hi, false);
      return 0;
    }
    if (entry.device !== null) {
      const value = entry.device.read(entry.deviceOffset + off, size);
      this.syncEpoch();
      this.hiWord = Number(BigInt.asUintN(32, value >> 32n));
      return Number(BigInt.asUintN(size === 8 ? 32 : size * 8, value));
    }
    const i = (lo >>> 12) & TLB_MASK;
    this.rTagLo[i] = lo >>> 12;
    this.rTagHi[i] = hi;
    this.rView[i] = entry.view!;
    this.rBase[i] = entry.offset;
    const view = entry.view!;
    const at = entry.offset + off;
    switch (size) {
      case 1:
        return view.getUint8(at);
      case 2:
        return view.getUint16(at, true);
      case 4:
        return view.getUint32(at, true);
      default:
        this.hiWord = view.getUint32(at + 4, true);
        return view.getUint32(at, true);
    }
  }

  /** A read that straddles two pages, assembled byte by byte (little-endian). */
  private crossPageRead(lo: number, hi: number, size: number): number {
    let valueLo = 0;
    let valueHi = 0;
    for (let k = 0; k < size; k++) {
      const sum = lo + k;
      const byte = this.read8(sum >>> 0, (hi + (sum >= TWO_32 ? 1 : 0)) >>> 0);
      if (this.fault) return 0;
      if (k < 4) valueLo |= byte << (8 * k);
      else valueHi |= byte << (8 * (k - 4));
    }
    this.hiWord = valueHi >>> 0;
    return valueLo >>> 0;
  }

  private slowWrite(lo: number, hi: number, size: MmioSize, valueLo: number, valueHi: number): boolean {
    this.syncEpoch();
    const off = lo & 0xfff;
    if (off + size > PAGE_SIZE) return this.crossPageWrite(lo, hi, size, valueLo, valueHi);
    const entry = this.resolve(lo, hi, true, false);
    if (entry === undefined || (entry.perms & PERM_WRITE) === 0) return this.stage2Fault(entry, lo, hi, true);
    if (this.exclusiveArmed) this.clearExclusiveIfHit(lo, hi, size);
    if (entry.device !== null) {
      const value = size === 8 ? (BigInt(valueHi >>> 0) << 32n) | BigInt(valueLo >>> 0) : BigInt(valueLo >>> 0);
      entry.device.write(entry.deviceOffset + off, size, BigInt.asUintN(size * 8, value));
      this.syncEpoch();
      return true;
    }
    if (entry.code !== null) {
      invalidateCode(entry, off, size);
    } else if (!(this.exclusiveArmed && this.exclusiveHi === hi && this.exclusiveLo >>> 12 === lo >>> 12)) {
      const i = (lo >>> 12) & TLB_MASK;
      this.wTagLo[i] = lo >>> 12;
      this.wTagHi[i] = hi;
      this.wView[i] = entry.view!;
      this.wBase[i] = entry.offset;
    }
    const view = entry.view!;
    const at = entry.offset + off;
    switch (size) {
      case 1:
        view.setUint8(at, valueLo);
        break;
      case 2:
        view.setUint16(at, valueLo, true);
        break;
      case 4:
        view.setUint32(at, valueLo, true);
        break;
      default:
        view.setUint32(at, valueLo, true);
        view.setUint32(at + 4, valueHi, true);
    }
    return true;
  }

  private crossPageWrite(lo: number, hi: number, size: number, valueLo: number, valueHi: number): boolean {
    if (!this.probeWrite(lo, hi, size)) return false;
    for (let k = 0; k < size; k++) {
      const sum = lo + k;
      const byte = k < 4 ? valueLo >>> (8 * k) : valueHi >>> (8 * (k - 4));
      if (!this.write8(sum >>> 0, (hi + (sum >= TWO_32 ? 1 : 0)) >>> 0, byte & 0xff)) return false;
    }
    return true;
  }

  private clearExclusiveIfHit(lo: number, hi: number, size: number): void {
    if (hi !== this.exclusiveHi) return;
    const granule = Math.floor(this.exclusiveLo / EXCLUSIVE_GRANULE);
    if (Math.floor(lo / EXCLUSIVE_GRANULE) <= granule && Math.floor((lo + size - 1) / EXCLUSIVE_GRANULE) >= granule) {
      this.exclusiveArmed = false;
    }
  }

  /**
   * Drops the entries of one VA page, VA[55:12] given as `vaLo` (bits 31:12) and `hi24` (bits
   * 55:32), as a TLBI VA that changed nothing else asks: data entries of any tag byte, and the
   * fetch entry of the page's (untagged) address.
   */
  invalidatePage(vaLo: number, hi24: number): void {
    const page = vaLo >>> 12;
    const i = page & TLB_MASK;
    this.tlbGeneration++;
    dropPage(this.privilegedTlbs, i, page, hi24);
    dropPage(this.unprivilegedTlbs, i, page, hi24);
    // The PC's page number: VA[63:56] copy bit 55, and the upper range is held as a negative PC.
    const upper = (hi24 & 0x800000) !== 0;
    const pageNumber = (upper ? hi24 - 0x1000000 : hi24) * 2 ** 20 + page;
    const f = pageNumber & FETCH_MASK;
    if (this.fTag[f] === pageNumber) this.fTag[f] = NaN;
  }

  /** Drops every TLB entry (for mapping changes the epoch did not cover). */
  flushTlb(): void {
    this.tlbGeneration++;
    this.privilegedTlbs.rTagLo.fill(-1);
    this.privilegedTlbs.wTagLo.fill(-1);
    this.unprivilegedTlbs.rTagLo.fill(-1);
    this.unprivilegedTlbs.wTagLo.fill(-1);
    this.fTag.fill(NaN);
  }
}
