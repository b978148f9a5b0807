/**
 * AT_HWCAP / AT_HWCAP2 as the runner reports them: only features the core implements, so that
 * a program (or libc's ifunc resolvers) never picks a code path the emulator would trap on.
 * The core has no FP/AdvSIMD yet, so HWCAP_FP (bit 0) and HWCAP_ASIMD (bit 1) stay clear;
 * add them (and CRC32 = bit 7, ATOMICS = bit 8, …) as the core gains those instructions.
 */
export const USER_HWCAP = 0;
/** No HWCAP2 features are reported. */
export const USER_HWCAP2 = 0;
