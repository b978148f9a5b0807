/**
 * Where the user-mode runner places things in the guest's address space. The numbers follow
 * QEMU's linux-user on a 64-bit host (static-pie at 0x55_0000_0000) and the Linux arm64 ABI
 * (4 KiB pages, 8 MiB stack below a 48-bit top).
 *
 * ```
 *   0x7fff_ffff_f000  STACK_TOP  ─┐ argv/env strings, AT_RANDOM bytes, auxv, envp, argv, argc
 *                                 │ stack grows down (STACK_SIZE)
 *   0x7fff_ff7f_f000  ────────────┘
 *        ...          gap
 *   0x7fff_0000_0000  MMAP_TOP    ─┐ mmap() without a hint: highest free gap first (top-down)
 *        ...                       │
 *   0x0100_0000_0000  MMAP_BOTTOM ─┘
 *        ...          brk heap: starts at the page after the highest PT_LOAD, grows up
 *   0x0055_0000_0000  PIE_LOAD_BASE (ET_DYN executables); ET_EXEC loads at its own p_vaddr
 * ```
 */
export const PAGE_SIZE = 0x1000;
/** Highest stack address (exclusive). */
export const STACK_TOP = 0x7fff_ffff_f000;
/** Bytes of stack mapped below STACK_TOP (the default RLIMIT_STACK). */
export const STACK_SIZE = 8 * 1024 * 1024;
/** Upper end (exclusive) of the area searched for mmap placements. */
export const MMAP_TOP = 0x7fff_0000_0000;
/** Lower end of the area searched for mmap placements. */
export const MMAP_BOTTOM = 0x0100_0000_0000;
/** Load bias applied to ET_DYN (static-pie) executables, as QEMU uses on 64-bit hosts. */
export const PIE_LOAD_BASE = 0x55_0000_0000;

/** End of the user address space (48-bit virtual addresses, as Linux on arm64 with 4 KiB pages). */
export const ADDRESS_SPACE_TOP = 2 ** 48;

/** Rounds `value` down to a page boundary. */
export function pageFloor(value: number): number {
  return value - (value % PAGE_SIZE);
}

/** Rounds `value` up to a page boundary. */
export function pageCeil(value: number): number {
  return pageFloor(value + PAGE_SIZE - 1);
}
