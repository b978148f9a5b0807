/** HSR (ESR_EL2) fields libsel4vm reads, and a one-line decoder for error reports. */

/** Exception classes (HSR bits 26-31) that libsel4vm and its users dispatch on. */
export const HSR_EC_UNKNOWN = 0x00;
export const HSR_EC_WFX = 0x01;
export const HSR_EC_HVC64 = 0x16;
export const HSR_EC_SMC64 = 0x17;
export const HSR_EC_SYSREG64 = 0x18;
export const HSR_EC_IABT_LOW = 0x20;
export const HSR_EC_DABT_LOW = 0x24;
export const HSR_EC_BRK64 = 0x3c;

/** Exception class (bits 26-31). */
export const hsrExceptionClass = (hsr: number): number => (hsr >>> 26) & 0x3f;
/** Instruction length bit (1: 32-bit instruction). */
export const hsrIl32 = (hsr: number): boolean => ((hsr >>> 25) & 1) === 1;
/** Data abort: instruction syndrome valid (bit 24). */
export const hsrIsv = (hsr: number): boolean => ((hsr >>> 24) & 1) === 1;
/** Data abort: access size as log2 bytes (SAS, bits 22-23). */
export const hsrSas = (hsr: number): number => (hsr >>> 22) & 3;
/** Data abort: sign-extend the loaded value (SSE, bit 21). */
export const hsrSse = (hsr: number): boolean => ((hsr >>> 21) & 1) === 1;
/** Data abort: transfer register (SRT, bits 16-20). */
export const hsrSrt = (hsr: number): number => (hsr >>> 16) & 0x1f;
/** Data abort: the register is 64-bit (SF, bit 15). */
export const hsrSf = (hsr: number): boolean => ((hsr >>> 15) & 1) === 1;
/** Data abort: write, not read (WnR, bit 6). */
export const hsrWnR = (hsr: number): boolean => ((hsr >>> 6) & 1) === 1;

const EC_NAMES: Readonly<Record<number, string>> = {
  0x00: "unknown reason (undefined instruction)",
  0x01: "WFI/WFE",
  0x07: "SVE/SIMD/FP access",
  0x0e: "illegal execution state",
  0x15: "SVC (AArch64)",
  0x16: "HVC (AArch64)",
  0x17: "SMC (AArch64)",
  0x18: "MSR/MRS/system instruction",
  0x20: "instruction abort from a lower EL",
  0x21: "instruction abort",
  0x22: "PC alignment fault",
  0x24: "data abort from a lower EL",
  0x25: "data abort",
  0x26: "SP alignment fault",
  0x2f: "SError",
  0x3c: "BRK (AArch64)",
};

function faultStatus(fsc: number): string {
  const level = fsc & 3;
  switch (fsc >>> 2) {
    case 0b0001:
      return `translation fault, level ${level}`;
    case 0b0010:
      return `access flag fault, level ${level}`;
    case 0b0011:
      return `permission fault, level ${level}`;
    default:
      if (fsc === 0b010000) return "synchronous external abort";
      if (fsc === 0b100001) return "alignment fault";
      return `fault status 0x${fsc.toString(16)}`;
  }
}

/** "EC 0x24 (data abort from a lower EL), IL32, ISV, write, 4 bytes, x1, translation fault, level 1" */
export function describeHsr(hsr: number): string {
  const ec = hsrExceptionClass(hsr);
  const parts = [`EC 0x${ec.toString(16)} (${EC_NAMES[ec] ?? "reserved"})`, hsrIl32(hsr) ? "IL32" : "IL16"];
  if (ec === 0x24 || ec === 0x25) {
    if (hsrIsv(hsr)) {
      parts.push("ISV", `${1 << hsrSas(hsr)} bytes`, `${hsrSf(hsr) ? "x" : "w"}${hsrSrt(hsr)}`);
      if (hsrSse(hsr)) parts.push("sign-extend");
    } else {
      parts.push("no instruction syndrome");
    }
    parts.push(hsrWnR(hsr) ? "write" : "read", faultStatus(hsr & 0x3f));
  } else if (ec === 0x20 || ec === 0x21) {
    parts.push(faultStatus(hsr & 0x3f));
  } else {
    parts.push(`ISS 0x${(hsr & 0x1ff_ffff).toString(16)}`);
  }
  return parts.join(", ");
}
