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

// libmicrokit and the system builder (an MCS kernel sim underneath).
export { MicrokitPd, MicrokitCrash, microkit_msginfo_new, microkit_msginfo_get_label, microkit_msginfo_get_count } from "./runtime/libmicrokit.js";
export type { MicrokitPdConfig, seL4_ARM_SMCContext } from "./runtime/libmicrokit.js";
export { defineProtectionDomain } from "./runtime/program.js";
export type { MicrokitEntryPoints, MicrokitProgram, microkit_channel, microkit_child, microkit_msginfo } from "./runtime/program.js";
export {
  MicrokitSlots, PROGRAM_ENTRY, MICROKIT_MAX_CHANNELS, MICROKIT_MAX_CHANNEL_ID, MICROKIT_MAX_USER_CAPS, MICROKIT_PD_NAME_LENGTH,
  BADGE_ENDPOINT_BIT, BADGE_FAULT_BIT, PPC_BADGE, FAULT_BADGE, PD_MASK, CHANNEL_MASK, decodeBadge,
} from "./runtime/layout.js";
export type { MicrokitEvent } from "./runtime/layout.js";
export { planSystem } from "./runtime/build-plan.js";
export type { PdPlan, ChannelCap } from "./runtime/build-plan.js";
export { buildSystem, DEFAULT_RAM_SIZE } from "./runtime/system.js";
export type { BuildSystemOptions, MicrokitSystem } from "./runtime/system.js";
export type { BuiltSystem, BuiltPd, BuiltVcpu } from "./runtime/builder.js";
export { MicrokitError } from "./runtime/errors.js";
export type { MicrokitErrorKind } from "./runtime/errors.js";
