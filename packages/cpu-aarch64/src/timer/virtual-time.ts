/**
 * The one definition of virtual time: how retired instructions map to generic-timer ticks.
 * The core is taken to retire one instruction per nanosecond; at 62.5 MHz that is one counter
 * tick every 16 instructions. Everything that turns instructions into time (CNTVCT reads, WFI
 * idle skipping, the kernel sim's scheduler) must use these, so the clocks agree.
 */

/** Generic timer frequency (CNTFRQ_EL0): 62.5 MHz, as QEMU's virt machine reports. */
export const CNTFRQ_HZ = 62_500_000;

/** Retired instructions per counter tick (1 ns per instruction at 62.5 MHz = 16 ns per tick). */
export const INSTRUCTIONS_PER_TICK = 16;

/** Counter ticks elapsed after `retired` instructions (whole ticks, rounded down). */
export function ticksFromInstructions(retired: number): bigint {
  return BigInt(Math.floor(retired / INSTRUCTIONS_PER_TICK));
}

/** Instructions that correspond to `ticks` counter ticks (for skipping idle time forward). */
export function instructionsFromTicks(ticks: bigint): number {
  return Number(ticks) * INSTRUCTIONS_PER_TICK;
}
