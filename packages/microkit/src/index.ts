// @sel4ts/microkit: the Microkit System Description Format loader and libmicrokit on the kernel sim.
// Browser-safe: nothing here imports `node:` modules (the CLI and file loading are in ./node).
export {
  parseSdf, MAX_PDS, SdfError, defaultSdfConfig, formatSystemReport, PD_MAX_ID, PD_MAX_PRIORITY, BUDGET_DEFAULT,
  PD_DEFAULT_STACK_SIZE, SysMapPerms,
} from "./sdf/index.js";
export type {
  ParseSdfOptions, SdfConfig, SdfLocation, SysMap, SysMemoryRegion, SysMemoryRegionPaddr, SysIrq, SysSetVar, CapMap,
  SchedulingParams, VirtualCpu, VirtualMachine, ProtectionDomain, ChannelEnd, Channel, SystemDescription,
} from "./sdf/index.js";
