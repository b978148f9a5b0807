import { seL4_LookupFailureType } from "../constants/errors";

/** Why a capability lookup failed. */
export type LookupFault =
  | { readonly kind: "invalidRoot" }
  | { readonly kind: "missingCapability"; readonly bitsLeft: number }
  | { readonly kind: "depthMismatch"; readonly bitsLeft: number; readonly bitsFound: number }
  | { readonly kind: "guardMismatch"; readonly bitsLeft: number; readonly guardFound: bigint; readonly bitsFound: number };

/** The lookup-failure block of error and fault messages: type, then its fields. */
export function encodeLookupFault(fault: LookupFault): bigint[] {
  switch (fault.kind) {
    case "invalidRoot":
      return [BigInt(seL4_LookupFailureType.seL4_InvalidRoot)];
    case "missingCapability":
      return [BigInt(seL4_LookupFailureType.seL4_MissingCapability), BigInt(fault.bitsLeft)];
    case "depthMismatch":
      return [BigInt(seL4_LookupFailureType.seL4_DepthMismatch), BigInt(fault.bitsLeft), BigInt(fault.bitsFound)];
    case "guardMismatch":
      return [
        BigInt(seL4_LookupFailureType.seL4_GuardMismatch),
        BigInt(fault.bitsLeft),
        fault.guardFound,
        BigInt(fault.bitsFound),
      ];
  }
}

/** A short description of a lookup fault for debug output. */
export function describeLookupFault(fault: LookupFault): string {
  switch (fault.kind) {
    case "invalidRoot":
      return "invalid root";
    case "missingCapability":
      return `missing capability (${fault.bitsLeft} bits left)`;
    case "depthMismatch":
      return `depth mismatch (${fault.bitsLeft} bits left, ${fault.bitsFound} found)`;
    case "guardMismatch":
      return `guard mismatch (${fault.bitsLeft} bits left, guard 0x${fault.guardFound.toString(16)} of ${fault.bitsFound} bits)`;
  }
}
