/**
 * The parts of a Microkit kernel configuration that the SDF rules depend on. The defaults are
 * Microkit's AArch64 hypervisor build with a 40-bit physical address space (the sim's
 * `qemu-virt` board): 4 KiB and 2 MiB pages, user address space up to 0xff_ffff_ffff.
 */
export interface SdfConfig {
  /** CPU cores (`cpu` attributes must be below this); default 1 */
  readonly numCores: number;
  /** seL4 built as a hypervisor (virtual machines allowed); default true */
  readonly hypervisor: boolean;
  /** SMC forwarding enabled in the kernel (`smc="true"` allowed); default false */
  readonly armSmc: boolean;
  /** last user virtual address (inclusive), seL4_UserTop */
  readonly vspaceUserTop: bigint;
  /** page sizes, smallest first */
  readonly pageSizes: readonly number[];
}

export const defaultSdfConfig: SdfConfig = {
  numCores: 1,
  hypervisor: true,
  armSmc: false,
  vspaceUserTop: 0xff_ffff_ffffn,
  pageSizes: [0x1000, 0x20_0000],
};

const SMALL_PAGE = 0x1000n;

/** Microkit puts the IPC buffer in the top page, a guard page under it, then the stack. */
export function pdIpcBuffer(config: SdfConfig): bigint {
  return config.vspaceUserTop & ~(SMALL_PAGE - 1n);
}
export function pdStackTop(config: SdfConfig): bigint {
  return pdIpcBuffer(config) - SMALL_PAGE;
}
/** First address a PD may not map at (its stack bottom). */
export function pdMapMaxVaddr(config: SdfConfig, stackSize: bigint): bigint {
  return pdStackTop(config) - stackSize;
}
/** A VM has no stack or IPC buffer: its whole address space is usable. */
export function vmMapMaxVaddr(config: SdfConfig): bigint {
  return config.vspaceUserTop + 1n;
}
