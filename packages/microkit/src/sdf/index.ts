export { parseSdf, MAX_PDS, type ParseSdfOptions } from "./parse.js";
export { SdfError } from "./errors.js";
export { defaultSdfConfig, type SdfConfig } from "./config.js";
export { formatSystemReport } from "./report.js";
export { PD_MAX_ID, PD_MAX_PRIORITY, BUDGET_DEFAULT, PD_DEFAULT_STACK_SIZE } from "./elements.js";
export type { SdfLocation } from "./xml.js";
export {
  SysMapPerms,
  type SysMap, type SysMemoryRegion, type SysMemoryRegionPaddr, type SysIrq, type SysSetVar, type CapMap,
  type SchedulingParams, type VirtualCpu, type VirtualMachine, type ProtectionDomain, type ChannelEnd,
  type Channel, type SystemDescription,
} from "./types.js";
