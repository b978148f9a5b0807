import { hex, logError, type LoggingVm } from "./log";

/**
 * uintptr_t / size_t / seL4_Word arguments: a number or a bigint (an entry point read from an ELF
 * header, a register value). libsel4vm works with numbers, which are exact below 2^53.
 */
export type uintptr_t = number | bigint;

/** The number for an address or size argument, or null if it is not a non-negative integer below 2^53. */
export function addressNumber(value: uintptr_t): number | null {
  if (typeof value === "bigint") return value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * The numbers for `values` (argument name → value), or null after logging
 * `<vm>|ERROR: <fn>: <name> <value> is not an address …` for the first one that is not.
 */
export function addressArgs<K extends string>(vm: LoggingVm, fn: string, values: Record<K, uintptr_t>): Record<K, number> | null {
  const out = {} as Record<K, number>;
  for (const name of Object.keys(values) as K[]) {
    const value = values[name];
    const n = addressNumber(value);
    if (n === null) {
      const shown = typeof value === "bigint" ? hex(value) : String(value);
      logError(vm, fn, `${name} ${shown} is not an address or size (a non-negative integer below 2^53, as a number or bigint)`);
      return null;
    }
    out[name] = n;
  }
  return out;
}

/** A 64-bit register value from a number or bigint argument (wrapped to 64 bits, as C's seL4_Word). */
export const wordOf = (value: uintptr_t): bigint => BigInt.asUintN(64, typeof value === "bigint" ? value : BigInt(Math.trunc(value)));

/** Anything vm_init fills: the flag and what log lines need. */
interface InitialisedVm extends LoggingVm {
  readonly vm_initialised: boolean;
}

/** False (after logging `<fn>: the VM is not initialised: call vm_init first`) if vm_init has not succeeded on `vm`. */
export function requireInitialised(vm: InitialisedVm, fn: string): boolean {
  if (vm.vm_initialised) return true;
  logError(vm, fn, "the VM is not initialised: call vm_init first");
  return false;
}
