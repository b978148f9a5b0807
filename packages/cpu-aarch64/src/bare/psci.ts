/**
 * The PSCI calls the bare-metal test machine answers (SMC Calling Convention function IDs in
 * w0), with the results QEMU's virt machine gives (conformance/system/README.md).
 */

/** PSCI function IDs. */
export const PSCI = {
  VERSION: 0x84000000,
  SYSTEM_OFF: 0x84000008,
  SYSTEM_RESET: 0x84000009,
} as const;

/** PSCI 1.1, what QEMU 7.2 reports. */
export const PSCI_VERSION_1_1 = 0x10001n;
/** NOT_SUPPORTED (-1) as a 64-bit register value. */
export const PSCI_NOT_SUPPORTED = (1n << 64n) - 1n;

/** What a PSCI call does to the machine. */
export type PsciOutcome = { kind: "return"; x0: bigint } | { kind: "off" } | { kind: "reset" };

/** The outcome of the PSCI call with function ID `functionId` (w0). */
export function psciCall(functionId: number): PsciOutcome {
  switch (functionId >>> 0) {
    case PSCI.VERSION:
      return { kind: "return", x0: PSCI_VERSION_1_1 };
    case PSCI.SYSTEM_OFF:
      return { kind: "off" };
    case PSCI.SYSTEM_RESET:
      return { kind: "reset" };
    default:
      return { kind: "return", x0: PSCI_NOT_SUPPORTED };
  }
}
