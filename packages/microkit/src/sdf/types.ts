import type { SdfLocation } from "./xml.js";

/** Map permissions as the Microkit tool encodes them: r = 1, w = 2, x = 4. */
export const SysMapPerms = { read: 1, write: 2, execute: 4 } as const;

/** `<map>`: a memory region mapped into a PD's or VM's address space. */
export interface SysMap {
  readonly mr: string;
  readonly vaddr: number;
  /** bit set of `SysMapPerms` */
  readonly perms: number;
  readonly cached: boolean;
  readonly location: SdfLocation;
}

/** Where a memory region's physical address comes from. */
export type SysMemoryRegionPaddr =
  | { readonly kind: "unspecified" }
  /** no `phys_addr`, but a `<setvar region_paddr>` names it: the builder picks the address */
  | { readonly kind: "toolAllocated" }
  | { readonly kind: "specified"; readonly paddr: number };

/** `<memory_region>` */
export interface SysMemoryRegion {
  readonly name: string;
  readonly size: number;
  /** after the Microkit tool's page-size optimisation when `page_size` was not given */
  readonly pageSize: number;
  readonly pageSizeSpecifiedByUser: boolean;
  readonly pageCount: number;
  readonly physAddr: SysMemoryRegionPaddr;
  readonly prefill: Uint8Array | null;
  readonly prefillBootinfo: string | null;
  readonly location: SdfLocation;
}

/** `<irq>` (ARM: `irq`, `id`, `trigger`) */
export interface SysIrq {
  readonly id: number;
  readonly irq: number;
  readonly trigger: "level" | "edge";
}

/** What a `setvar` patches into the program image's symbol. */
export type SysSetVar =
  | { readonly symbol: string; readonly kind: "vaddr"; readonly address: number }
  | { readonly symbol: string; readonly kind: "size"; readonly mr: string }
  | { readonly symbol: string; readonly kind: "prefillSize"; readonly mr: string }
  | { readonly symbol: string; readonly kind: "paddr"; readonly region: string }
  | { readonly symbol: string; readonly kind: "id"; readonly id: number };

/** `<cspace>` children: extra caps to another PD's TCB, SC or VSpace. */
export interface CapMap {
  readonly capType: "tcb" | "sc" | "vspace";
  readonly pdName: string;
  readonly pd: number;
  readonly slot: number;
  readonly location: SdfLocation;
}

export interface SchedulingParams {
  readonly priority: number;
  /** microseconds */
  readonly budget: number;
  /** microseconds */
  readonly period: number;
}

/** `<vcpu>` */
export interface VirtualCpu {
  readonly id: number;
  readonly cpu: number | null;
  readonly setvarId: string | null;
}

/** `<virtual_machine>` (child of a protection domain) */
export interface VirtualMachine {
  readonly name: string;
  readonly vcpus: readonly VirtualCpu[];
  readonly maps: readonly SysMap[];
  readonly schedParams: SchedulingParams;
  readonly location: SdfLocation;
}

/** `<protection_domain>`, flattened: children follow their parent and name it by index. */
export interface ProtectionDomain {
  /** the child id (`id` attribute); null for a top-level PD */
  readonly id: number | null;
  readonly name: string;
  readonly schedParams: SchedulingParams;
  readonly passive: boolean;
  readonly stackSize: number;
  readonly smc: boolean;
  readonly cpu: number;
  readonly fpu: boolean;
  readonly programImage: string;
  readonly programImageForSymbols: string | null;
  readonly maps: readonly SysMap[];
  readonly irqs: readonly SysIrq[];
  readonly setvars: readonly SysSetVar[];
  readonly capMaps: readonly CapMap[];
  readonly virtualMachine: VirtualMachine | null;
  /** index of the parent in `SystemDescription.protectionDomains` */
  readonly parent: number | null;
  readonly hasChildren: boolean;
  readonly setvarId: string | null;
  readonly location: SdfLocation;
}

/** `<end>` of a channel; `pd` indexes `SystemDescription.protectionDomains`. */
export interface ChannelEnd {
  readonly pd: number;
  readonly id: number;
  readonly notify: boolean;
  readonly pp: boolean;
  readonly setvarId: string | null;
}

/** `<channel>` */
export interface Channel {
  readonly endA: ChannelEnd;
  readonly endB: ChannelEnd;
  readonly location: SdfLocation;
}

/** A validated system description. */
export interface SystemDescription {
  readonly fileName: string;
  readonly protectionDomains: readonly ProtectionDomain[];
  readonly memoryRegions: readonly SysMemoryRegion[];
  readonly channels: readonly Channel[];
  /** e.g. `WARNING: unused memory region 'x'`, as the Microkit tool prints them */
  readonly warnings: readonly string[];
}
