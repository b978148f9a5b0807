/**
 * Object allocation for the system builder, from the root task's untypeds and empty slots (the
 * job the Microkit tool does when it lays out its capDL spec). It speaks the MCS kernel's object
 * type numbers and sizes. Frames at fixed physical addresses are made first, in address order,
 * so that every untyped's watermark is still below them.
 */
import {
  seL4_Error, seL4_ObjectType_MCS as T, seL4_RootCNodeCapSlots as R,
  type Sel4, type seL4_BootInfo,
} from "@sel4ts/sel4-kernel-sim";
import { MicrokitError } from "./errors.js";

/** log2 bytes of each MCS object type (seL4 AArch64 with hypervisor support, 40-bit PA). */
function objectBits(type: T, userSize: number): number {
  switch (type) {
    case T.seL4_UntypedObject:
      return userSize;
    case T.seL4_TCBObject:
      return 11;
    case T.seL4_EndpointObject:
      return 4;
    case T.seL4_NotificationObject:
      return 6;
    case T.seL4_CapTableObject:
      return 5 + userSize;
    case T.seL4_SchedContextObject:
      return userSize;
    case T.seL4_ReplyObject:
      return 5;
    case T.seL4_ARM_HugePageObject:
      return 30;
    case T.seL4_ARM_VSpaceObject:
      return 13;
    case T.seL4_ARM_SmallPageObject:
    case T.seL4_ARM_PageTableObject:
    case T.seL4_ARM_VCPUObject:
      return 12;
    case T.seL4_ARM_LargePageObject:
      return 21;
  }
}

interface Untyped {
  readonly cptr: number;
  readonly paddr: number;
  readonly sizeBits: number;
  readonly isDevice: boolean;
  /** bytes used, as the kernel's watermark (objects are placed at offsets aligned to their size) */
  used: number;
}

export class ObjectAllocator {
  private readonly untypeds: Untyped[];
  private nextSlot: number;
  private readonly endSlot: number;

  constructor(
    private readonly sel4: Sel4,
    bootInfo: seL4_BootInfo,
    private readonly where: string,
  ) {
    this.untypeds = bootInfo.untypedList.map((u, i) => ({
      cptr: bootInfo.untyped.start + i,
      paddr: u.paddr,
      sizeBits: u.sizeBits,
      isDevice: u.isDevice !== 0,
      used: 0,
    }));
    this.nextSlot = bootInfo.empty.start;
    this.endSlot = bootInfo.empty.end;
  }

  /** A free slot of the root task's CNode. */
  slot(): number {
    if (this.nextSlot >= this.endSlot) throw new MicrokitError("build", `${this.where}: the root task's CNode is full`);
    return this.nextSlot++;
  }

  private retype(ut: Untyped, type: T, userSize: number, what: string): number {
    const slot = this.slot();
    const err = this.sel4.seL4_Untyped_Retype(ut.cptr, type, userSize, R.seL4_CapInitThreadCNode, 0, 0, slot, 1);
    if (err !== seL4_Error.seL4_NoError) {
      throw new MicrokitError("build", `${this.where}: Untyped_Retype for ${what} failed with ${seL4_Error[err] ?? err}`);
    }
    const size = 2 ** objectBits(type, userSize);
    ut.used = Math.ceil(ut.used / size) * size + size;
    return slot;
  }

  /** A new object anywhere in RAM; returns its cap in the root CNode. */
  object(type: T, userSize: number, what: string): number {
    const size = 2 ** objectBits(type, userSize);
    const ut = this.untypeds.find((u) => !u.isDevice && Math.ceil(u.used / size) * size + size <= 2 ** u.sizeBits);
    if (ut === undefined) throw new MicrokitError("build", `${this.where}: not enough memory for ${what} (${size} bytes)`);
    return this.retype(ut, type, userSize, what);
  }

  /**
   * A frame at physical address `paddr` (RAM or device). The gap below it in its untyped is
   * filled with untyped objects, the way a capDL loader reaches a fixed address.
   */
  frameAt(type: T, paddr: number, what: string): number {
    const size = 2 ** objectBits(type, 0);
    const ut = this.untypeds.find((u) => paddr >= u.paddr && paddr + size <= u.paddr + 2 ** u.sizeBits);
    if (ut === undefined) {
      throw new MicrokitError("build", `${this.where}: the board has no RAM or device memory at 0x${paddr.toString(16)} for ${what}`);
    }
    const offset = paddr - ut.paddr;
    if (ut.used > offset) {
      throw new MicrokitError("build", `${this.where}: 0x${paddr.toString(16)} for ${what} is already in use`);
    }
    while (ut.used < offset) {
      // The largest naturally aligned block that starts at the watermark and stays below `offset`.
      let bits = 4;
      while (bits < 47 && ut.used % 2 ** (bits + 1) === 0 && ut.used + 2 ** (bits + 1) <= offset) bits++;
      this.retype(ut, T.seL4_UntypedObject, bits, `padding below ${what}`);
    }
    return this.retype(ut, type, 0, what);
  }
}
