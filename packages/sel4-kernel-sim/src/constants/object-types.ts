/** seL4_ObjectType numbers for a non-MCS AArch64 kernel with hypervisor support. */
export enum seL4_ObjectType {
  seL4_UntypedObject = 0,
  seL4_TCBObject = 1,
  seL4_EndpointObject = 2,
  seL4_NotificationObject = 3,
  seL4_CapTableObject = 4,
  seL4_ARM_HugePageObject = 5,
  seL4_ARM_VSpaceObject = 6,
  seL4_ARM_SmallPageObject = 7,
  seL4_ARM_LargePageObject = 8,
  seL4_ARM_PageTableObject = 9,
  seL4_ARM_VCPUObject = 10,
}

/** seL4_ObjectTypeCount: type numbers at or above it are rejected by Retype. */
export const seL4_ObjectTypeCount = 11;

/** Object sizes in log2 bytes (fixed-size types). */
export const seL4_TCBBits = 11;
export const seL4_EndpointBits = 4;
export const seL4_NotificationBits = 5;
export const seL4_SlotBits = 5;
export const seL4_PageBits = 12;
export const seL4_LargePageBits = 21;
export const seL4_HugePageBits = 30;
export const seL4_PageTableBits = 12;
/** VSpace root: 8 KiB for the 40-bit PA (Cortex-A53) stage-2 with concatenated root tables. */
export const seL4_VSpaceBits = 13;
export const seL4_VCPUBits = 12;
export const seL4_ASIDPoolBits = 12;
export const seL4_MinUntypedBits = 4;
export const seL4_MaxUntypedBits = 47;
/** Untyped watermarks count in units of 2^seL4_MinUntypedBits bytes. */
export const seL4_UntypedRetypeMaxObjects = 256;

/**
 * The size in log2 bytes of an object of `type` created with `userSize`
 * (meaningful only for Untyped and CapTable).
 */
export function objectSizeBits(type: seL4_ObjectType, userSize: number): number {
  switch (type) {
    case seL4_ObjectType.seL4_UntypedObject:
      return userSize;
    case seL4_ObjectType.seL4_TCBObject:
      return seL4_TCBBits;
    case seL4_ObjectType.seL4_EndpointObject:
      return seL4_EndpointBits;
    case seL4_ObjectType.seL4_NotificationObject:
      return seL4_NotificationBits;
    case seL4_ObjectType.seL4_CapTableObject:
      return seL4_SlotBits + userSize;
    case seL4_ObjectType.seL4_ARM_HugePageObject:
      return seL4_HugePageBits;
    case seL4_ObjectType.seL4_ARM_VSpaceObject:
      return seL4_VSpaceBits;
    case seL4_ObjectType.seL4_ARM_SmallPageObject:
      return seL4_PageBits;
    case seL4_ObjectType.seL4_ARM_LargePageObject:
      return seL4_LargePageBits;
    case seL4_ObjectType.seL4_ARM_PageTableObject:
      return seL4_PageTableBits;
    case seL4_ObjectType.seL4_ARM_VCPUObject:
      return seL4_VCPUBits;
  }
}

/** True for the three frame types. */
export function isFrameType(type: seL4_ObjectType): boolean {
  return (
    type === seL4_ObjectType.seL4_ARM_SmallPageObject ||
    type === seL4_ObjectType.seL4_ARM_LargePageObject ||
    type === seL4_ObjectType.seL4_ARM_HugePageObject
  );
}
