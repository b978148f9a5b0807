/** seL4_Error: the error codes returned by kernel invocations, with seL4's values. */
export enum seL4_Error {
  seL4_NoError = 0,
  seL4_InvalidArgument = 1,
  seL4_InvalidCapability = 2,
  seL4_IllegalOperation = 3,
  seL4_RangeError = 4,
  seL4_AlignmentError = 5,
  seL4_FailedLookup = 6,
  seL4_TruncatedMessage = 7,
  seL4_DeleteFirst = 8,
  seL4_RevokeFirst = 9,
  seL4_NotEnoughMemory = 10,
}

/** seL4_LookupFailureType: why a capability lookup failed (first word of a lookup-failure block). */
export enum seL4_LookupFailureType {
  seL4_NoFailure = 0,
  seL4_InvalidRoot = 1,
  seL4_MissingCapability = 2,
  seL4_DepthMismatch = 3,
  seL4_GuardMismatch = 4,
}
