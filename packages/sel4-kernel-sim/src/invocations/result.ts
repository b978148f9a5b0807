import { seL4_Error } from "../constants/errors";
import { encodeLookupFault, type LookupFault } from "../cspace/lookup-fault";

/** A failed invocation: seL4's error code, its error MRs and a debug-kernel style reason. */
export interface SyscallError {
  readonly error: seL4_Error;
  readonly mrs: readonly bigint[];
  readonly reason: string;
}

/** Reply message registers: a list, or a register snapshot copied without making bigints. */
export type ReplyWords = readonly bigint[] | BigUint64Array;

/** Success with reply MRs, or a {@link SyscallError}. */
export type InvocationResult =
  | { readonly ok: true; readonly mrs: ReplyWords }
  | { readonly ok: false; readonly failure: SyscallError };

const NO_WORDS: readonly bigint[] = Object.freeze([]);
/** The empty success, made once: most invocations reply with no MRs. */
const OK_EMPTY: InvocationResult = Object.freeze({ ok: true, mrs: NO_WORDS });

/** A successful result with reply message registers. */
export function ok(mrs: ReplyWords = NO_WORDS): InvocationResult {
  return mrs === NO_WORDS ? OK_EMPTY : { ok: true, mrs };
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
