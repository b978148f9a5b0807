import { seL4_Error } from "../constants/errors";
import { encodeLookupFault, type LookupFault } from "../cspace/lookup-fault";

/** A failed invocation: seL4's error code, its error MRs and a debug-kernel style reason. */
export interface SyscallError {
  readonly error: seL4_Error;
  readonly mrs: readonly bigint[];
  readonly reason: string;
}

/** Success with reply MRs, or a {@link SyscallError}. */
export type InvocationResult =
  | { readonly ok: true; readonly mrs: readonly bigint[] }
  | { readonly ok: false; readonly failure: SyscallError };

/** A successful result with reply message registers. */
export function ok(mrs: readonly bigint[] = []): InvocationResult {
  return { ok: true, mrs };
}

/** A failed result. */
export function fail(error: seL4_Error, reason: string, mrs: readonly bigint[] = []): InvocationResult {
  return { ok: false, failure: { error, mrs, reason } };
}

/** InvalidArgument with MR0 = the argument number. */
export function invalidArgument(argument: number, reason: string): InvocationResult {
  return fail(seL4_Error.seL4_InvalidArgument, reason, [BigInt(argument)]);
}

/** InvalidCapability with MR0 = the cap number. */
export function invalidCapability(capIndex: number, reason: string): InvocationResult {
  return fail(seL4_Error.seL4_InvalidCapability, reason, [BigInt(capIndex)]);
}

/** IllegalOperation. */
export function illegalOperation(reason: string): InvocationResult {
  return fail(seL4_Error.seL4_IllegalOperation, reason);
}

/** RangeError with MR0 = min, MR1 = max. */
export function rangeError(min: number | bigint, max: number | bigint, reason: string): InvocationResult {
  return fail(seL4_Error.seL4_RangeError, reason, [BigInt(min), BigInt(max)]);
}

/** FailedLookup with MR0 = 1 if the source side failed, then the lookup-failure block. */
export function failedLookup(wasSource: boolean, fault: LookupFault, reason: string): InvocationResult {
  return fail(seL4_Error.seL4_FailedLookup, reason, [wasSource ? 1n : 0n, ...encodeLookupFault(fault)]);
}

/** TruncatedMessage. */
export function truncatedMessage(reason: string): InvocationResult {
  return fail(seL4_Error.seL4_TruncatedMessage, reason);
}
