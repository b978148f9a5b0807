/**
 * AT_HWCAP / AT_HWCAP2 as the runner reports them: what Linux's arch/arm64 cpufeature code sets
 * for the modelled Cortex-A53 (ID_AA64PFR0.FP/AdvSIMD = 0, ID_AA64ISAR0 = 0x11120), the
 * "Features" line of /proc/cpuinfo there: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid.
 * EVTSTRM is set by Linux's arch timer driver (the timer event stream is on by default); CPUID
 * because EL0 reads of the ID registers are emulated (src/system/cpu-model.ts, userIdRegister).
 * qemu-aarch64 reports the same set without EVTSTRM.
 */
export const HWCAP_FP = 1 << 0;
export const HWCAP_ASIMD = 1 << 1;
export const HWCAP_EVTSTRM = 1 << 2;
export const HWCAP_AES = 1 << 3;
export const HWCAP_PMULL = 1 << 4;
export const HWCAP_SHA1 = 1 << 5;
export const HWCAP_SHA2 = 1 << 6;
export const HWCAP_CRC32 = 1 << 7;
export const HWCAP_CPUID = 1 << 11;

/** The AT_HWCAP value: 0x8ff. */
export const USER_HWCAP =
  HWCAP_FP | HWCAP_ASIMD | HWCAP_EVTSTRM | HWCAP_AES | HWCAP_PMULL | HWCAP_SHA1 | HWCAP_SHA2 | HWCAP_CRC32 | HWCAP_CPUID;
/** No HWCAP2 features (none of them exist in ARMv8.0). */
export const USER_HWCAP2 = 0;
