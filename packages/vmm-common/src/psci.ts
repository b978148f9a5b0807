// PSCI (Arm DEN 0022) and SMCCC (Arm DEN 0028) numbers shared by every VMM library.

/** SMCCC function ID fields: bit 31 fast call, bit 30 SMC64, bits 24-29 owning service, bits 0-15 function. */
export const smcccService = (fid: number): number => (fid >>> 24) & 0x3f;
export const smcccFunction = (fid: number): number => fid & 0xffff;
export const smcccIs64 = (fid: number): boolean => ((fid >>> 30) & 1) === 1;
/** Owning services. */
export const SMC_SERVICE_ARM_ARCH = 0;
export const SMC_SERVICE_CPU = 1;
export const SMC_SERVICE_SIP = 2;
export const SMC_SERVICE_OEM = 3;
export const SMC_SERVICE_STANDARD = 4;
export const SMC_SERVICE_HYP = 5;
/** SMCCC_VERSION (0x80000000) and the SMCCC "unknown function" answer. */
export const SMCCC_VERSION = 0x8000_0000;
export const SMCCC_ARCH_FEATURES = 0x8000_0001;
export const SMCCC_NOT_SUPPORTED = -1;

/** PSCI function numbers (the low 16 bits; 0x84000000 | n is SMC32, 0xC4000000 | n SMC64). */
export const PSCI_VERSION = 0x00;
export const PSCI_CPU_SUSPEND = 0x01;
export const PSCI_CPU_OFF = 0x02;
export const PSCI_CPU_ON = 0x03;
export const PSCI_AFFINITY_INFO = 0x04;
export const PSCI_MIGRATE = 0x05;
export const PSCI_MIGRATE_INFO_TYPE = 0x06;
export const PSCI_MIGRATE_INFO_UP_CPU = 0x07;
export const PSCI_SYSTEM_OFF = 0x08;
export const PSCI_SYSTEM_RESET = 0x09;
export const PSCI_FEATURES = 0x0a;
export const PSCI_CPU_FREEZE = 0x0b;
export const PSCI_CPU_DEFAULT_SUSPEND = 0x0c;
export const PSCI_NODE_HW_STATE = 0x0d;
export const PSCI_SYSTEM_SUSPEND = 0x0e;
export const PSCI_SET_SUSPEND_MODE = 0x0f;
export const PSCI_STAT_RESIDENCY = 0x10;
export const PSCI_STAT_COUNT = 0x11;
export const PSCI_SYSTEM_RESET2 = 0x12;
export const PSCI_MEM_PROTECT = 0x13;
export const PSCI_MEM_PROTECT_CHECK_RANGE = 0x14;
export const PSCI_MAX = 0x1f;

/** PSCI return codes. */
export const PSCI_SUCCESS = 0;
export const PSCI_NOT_SUPPORTED = -1;
export const PSCI_INVALID_PARAMETERS = -2;
export const PSCI_DENIED = -3;
export const PSCI_ALREADY_ON = -4;
export const PSCI_ON_PENDING = -5;
export const PSCI_INTERNAL_FAILURE = -6;
export const PSCI_NOT_PRESENT = -7;
export const PSCI_DISABLED = -8;
export const PSCI_INVALID_ADDRESS = -9;

/** AFFINITY_INFO answers. */
export const PSCI_AFFINITY_ON = 0;
export const PSCI_AFFINITY_OFF = 1;
export const PSCI_AFFINITY_ON_PENDING = 2;
/** MIGRATE_INFO_TYPE: no Trusted OS that needs migrating. */
export const PSCI_TOS_NOT_PRESENT_MP = 2;

/** PSCI versions as VERSION returns them (major << 16 | minor). */
export const PSCI_VERSION_1_0 = 0x0001_0000;
export const PSCI_VERSION_1_1 = 0x0001_0001;

/** A PSCI return code as the 64-bit x0 value. */
export const psciReturn = (value: number): bigint => BigInt.asUintN(64, BigInt(value));
