/**
 * seL4_UserContext for aarch64 (spec sel4-kernel.md §3): 36 words, the 17 "frame" registers
 * (pc, sp, spsr, x0–x8, x16, x17, x18, x29, x30) then the 19 "GP" registers (x9–x15, x19–x28,
 * tpidr_el0, tpidrro_el0). Numbers are X registers. For a VCPU thread `sp` is SP_EL0 and `spsr`
 * is the guest's PSTATE (what SPSR_EL2 holds on a trap), as seL4 keeps them in the TCB.
 */
export const USER_CONTEXT_ORDER: readonly (number | "pc" | "sp" | "spsr" | "tpidr_el0" | "tpidrro_el0")[] = [
  "pc",
  "sp",
  "spsr",
  0, 1, 2, 3, 4, 5, 6, 7, 8,
  16, 17, 18, 29, 30,
  9, 10, 11, 12, 13, 14, 15,
  19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
  "tpidr_el0",
  "tpidrro_el0",
];
