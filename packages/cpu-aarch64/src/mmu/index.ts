// Public surface of the stage-1 MMU unit (re-exported by the package index by the integrator).
export { translateStage1, levelShift, startLevel } from "./translate.js";
export type { Access, ReadPhys64, Stage1Fault, Stage1Result, Stage1Success } from "./types.js";
export {
  asid16,
  currentAsid,
  outputAddressBits,
  PA_RANGE_BITS,
  rangeConfig,
  SCTLR_I,
  SCTLR_M,
  SCTLR_WXN,
} from "./regime.js";
export type { RangeConfig, TranslationRegime } from "./regime.js";
export { faultStatusCode } from "./fault-status.js";
export type { LookupLevel, Stage1FaultKind } from "./fault-status.js";
export {
  leafPermissions,
  permissionsFromMask,
  requiredPermission,
  PERM_ALL,
  PERM_EL0_EXEC,
  PERM_EL0_READ,
  PERM_EL0_WRITE,
  PERM_EL1_EXEC,
  PERM_EL1_READ,
  PERM_EL1_WRITE,
} from "./permissions.js";
export type { LeafPermissionBits, Stage1Permissions } from "./permissions.js";
export {
  ATTR_DEVICE_NGNRNE,
  ATTR_NORMAL_NON_CACHEABLE,
  ATTR_NORMAL_WRITE_THROUGH,
  effectiveShareability,
  isDeviceAttribute,
  mairAttribute,
} from "./memory-attributes.js";
export { parFromResult } from "./par.js";
export type { ParOptions } from "./par.js";
export { Tlb, TLB_GLOBAL } from "./tlb.js";
export type { TlbOptions } from "./tlb.js";
export { decodeTlbiInstruction, decodeTlbiOperand, executeTlbi } from "./tlbi.js";
export type { TlbiInstruction, TlbiOperand, TlbiOperation } from "./tlbi.js";
export { benchTlb } from "./bench.js";
export type { TlbBenchOptions } from "./bench.js";
export { Stage1Mmu } from "./stage1-mmu.js";
export type { Stage1MmuOptions } from "./stage1-mmu.js";
