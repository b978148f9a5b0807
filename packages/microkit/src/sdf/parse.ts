/**
 * The system-level rules of the System Description Format (tool/microkit/src/sdf.rs `parse`):
 * flattening child PDs, channels, and the checks across elements. Nothing is returned unless the
 * whole file is valid.
 */
import { defaultSdfConfig, pdMapMaxVaddr, vmMapMaxVaddr, type SdfConfig } from "./config.js";
import {
  PD_MAX_ID, checkAttributes, checkedLookup, invalidElement, locString, parseMemoryRegion, valueError, type SdfContext,
} from "./elements.js";
import { SdfError } from "./errors.js";
import { hex, sdfParseDecimal, strToBool } from "./numbers.js";
import { parseProtectionDomain, type ParsedPd } from "./protection-domain.js";
import type {
  Channel, ChannelEnd, ProtectionDomain, SysMap, SysMemoryRegion, SystemDescription,
} from "./types.js";
import { parseSdfXml, type SdfNode } from "./xml.js";

/** The Microkit tool's limit on protection domains (children included). */
export const MAX_PDS = 63;
export const MONITOR_PD_NAME = "monitor";

export interface ParseSdfOptions {
  /** kernel configuration the rules depend on (cores, hypervisor, SMC); defaults to `defaultSdfConfig` */
  readonly config?: Partial<SdfConfig>;
  /**
   * Reads a `prefill_path` file (the Node entry resolves it against the search paths); without it,
   * memory regions with `prefill_path` are reported as not found.
   */
  readonly readPrefill?: (path: string) => Uint8Array | undefined;
}

/**
 * Parses and validates a Microkit system description. Throws `SdfError` with the Microkit tool's
 * message (`Error: … on element '…': file:line:col`) on the first problem.
 */
export function parseSdf(fileName: string, xml: string, options: ParseSdfOptions = {}): SystemDescription {
  const ctx: SdfContext = {
    fileName,
    config: { ...defaultSdfConfig, ...options.config },
    readPrefill: options.readPrefill,
    warnings: [],
  };
  const system = parseSdfXml(fileName, xml);
  const rootPds: ParsedPd[] = [];
  const mrs: SysMemoryRegion[] = [];
  const channelNodes: SdfNode[] = [];
  for (const child of system.children) {
    switch (child.tag) {
      case "protection_domain":
        rootPds.push(parseProtectionDomain(ctx, child, false));
        break;
      case "channel":
        channelNodes.push(child);
        break;
      case "memory_region":
        mrs.push(parseMemoryRegion(ctx, child));
        break;
      case "io_address_space":
        throw new SdfError(`Error: io address space requires seL4 to be built with IOMMU support: ${locString(ctx, child.location)}`);
      case "virtual_machine":
        throw new SdfError(`Error: virtual machine must be a child of a protection domain: ${locString(ctx, child.location)}`);
      case "domains":
        throw new SdfError(`Error: the domain scheduler (<domains>) is not supported by sel4ts: ${locString(ctx, child.location)}`);
      default:
        throw invalidElement(ctx, child.tag, child.location);
    }
  }

  const flat = flattenPds(ctx, rootPds);
  const channels = channelNodes.map((node) => {
    const channel = parseChannel(ctx, node, flat);
    for (const end of [channel.endA, channel.endB]) {
      if (end.setvarId !== null) {
        const setvars = flat[end.pd]!.parsed.setvars;
        if (setvars.some((s) => s.symbol === end.setvarId)) {
          throw valueError(ctx, node, `setvar on symbol '${end.setvarId}' already exists`);
        }
        setvars.push({ symbol: end.setvarId, kind: "id", id: end.id });
      }
    }
    return channel;
  });

  const pds: ProtectionDomain[] = flat.map(({ parsed, parent }, index) => ({
    id: parsed.id,
    name: parsed.name,
    schedParams: { priority: parsed.priority, budget: parsed.budget, period: parsed.period },
    passive: parsed.passive,
    stackSize: parsed.stackSize,
    smc: parsed.smc,
    cpu: parsed.cpu,
    fpu: parsed.fpu,
    programImage: parsed.programImage,
    programImageForSymbols: parsed.programImageForSymbols,
    maps: parsed.maps,
    irqs: parsed.irqs,
    setvars: parsed.setvars,
    capMaps: parsed.capMaps.map((capMap) => {
      const pd = flat.findIndex((p) => p.parsed.name === capMap.pdName);
      if (pd < 0) throw new SdfError(`Error: unknown PD name '${capMap.pdName}': ${locString(ctx, capMap.location)}`);
      return { ...capMap, pd };
    }),
    virtualMachine: parsed.virtualMachine,
    parent,
    hasChildren: flat.some((p) => p.parent === index),
    setvarId: parsed.setvarId,
    location: parsed.location,
  }));

  checkSystem(ctx, pds, mrs, channels);
  const warnings = [
    ...ctx.warnings,
    ...mrs
      .filter((mr) => !allMaps(pds).some((map) => map.mr === mr.name))
      .map((mr) => `WARNING: unused memory region '${mr.name}'`),
  ];
  return {
    fileName,
    protectionDomains: pds,
    memoryRegions: finishMemoryRegions(ctx, pds, mrs),
    channels,
    warnings,
  };
}

interface FlatPd {
  readonly parsed: ParsedPd;
  readonly parent: number | null;
}

/** Depth first, each PD followed by its children ([A, B, D, C] for A{B{D}, C}); child ids unique per parent. */
function flattenPds(ctx: SdfContext, roots: readonly ParsedPd[]): FlatPd[] {
  const all: FlatPd[] = [];
  const visit = (pd: ParsedPd, parent: number | null): void => {
    const seen: number[] = [];
    for (const child of pd.children) {
      if (seen.includes(child.id!)) {
        throw new SdfError(`Error: duplicate id: ${child.id} in protection domain: '${pd.name}' @ ${locString(ctx, child.location)}`);
      }
      if (pd.virtualMachine?.vcpus.some((vcpu) => vcpu.id === child.id)) {
        throw new SdfError(
          `Error: duplicate id: ${child.id} clashes with virtual machine vcpu id in protection domain: '${pd.name}' @ ${locString(ctx, child.location)}`,
        );
      }
      seen.push(child.id!);
    }
    const index = all.length;
    all.push({ parsed: pd, parent });
    for (const child of pd.children) visit(child, index);
  };
  for (const root of roots) visit(root, null);
  return all;
}

function parseChannelEnd(ctx: SdfContext, node: SdfNode, pds: readonly FlatPd[]): ChannelEnd {
  if (node.tag !== "end") throw invalidElement(ctx, node.tag, node.location);
  checkAttributes(ctx, node, ["pd", "id", "pp", "notify", "setvar_id"]);
  const pdName = checkedLookup(ctx, node, "pd");
  const id = sdfParseDecimal(ctx.fileName, checkedLookup(ctx, node, "id"), node, true);
  if (id > BigInt(PD_MAX_ID)) throw valueError(ctx, node, `id must be < ${PD_MAX_ID + 1}`);
  if (id < 0n) throw valueError(ctx, node, "id must be >= 0");
  const bool = (name: string, fallback: boolean): boolean => {
    const text = node.attribute(name);
    if (text === undefined) return fallback;
    const value = strToBool(text);
    if (value === undefined) throw valueError(ctx, node, `${name} must be 'true' or 'false'`);
    return value;
  };
  const notify = bool("notify", true);
  const pp = bool("pp", false);
  const pd = pds.findIndex((p) => p.parsed.name === pdName);
  if (pd < 0) throw valueError(ctx, node, `invalid PD name '${pdName}'`);
  return { pd, id: Number(id), notify, pp, setvarId: node.attribute("setvar_id") ?? null };
}

function parseChannel(ctx: SdfContext, node: SdfNode, pds: readonly FlatPd[]): Channel {
  checkAttributes(ctx, node, []);
  const ends = node.children.map((child) => parseChannelEnd(ctx, child, pds));
  const [endA, endB] = ends;
  if (ends.length !== 2 || endA === undefined || endB === undefined) {
    throw valueError(ctx, node, "exactly two end elements must be specified");
  }
  if (endA.pp && endB.pp) throw valueError(ctx, node, "cannot ppc bidirectionally");
  return { endA, endB, location: node.location };
}

function allMaps(pds: readonly ProtectionDomain[]): SysMap[] {
  return pds.flatMap((pd) => [...pd.maps, ...(pd.virtualMachine?.maps ?? [])]);
}

function pdLocation(ctx: SdfContext, pd: ProtectionDomain): string {
  return locString(ctx, pd.location);
}

/** The checks across elements, in the Microkit tool's order. */
function checkSystem(ctx: SdfContext, pds: readonly ProtectionDomain[], mrs: readonly SysMemoryRegion[], channels: readonly Channel[]): void {
  if (pds.length === 0) throw new SdfError("Error: at least one protection domain must be defined");
  if (pds.length > MAX_PDS) {
    throw new SdfError(`Error: too many protection domains (${pds.length}) defined. Maximum is ${MAX_PDS}.`);
  }
  for (const pd of pds) {
    if (pds.filter((other) => other.name === pd.name).length > 1) {
      throw new SdfError(`Error: duplicate protection domain name '${pd.name}'. @ ${pdLocation(ctx, pd)}`);
    }
    if (pd.name === MONITOR_PD_NAME) {
      throw new SdfError("Error: the PD name 'monitor' is reserved for the Microkit Monitor.");
    }
  }
  for (const mr of mrs) {
    if (mrs.filter((other) => other.name === mr.name).length > 1) {
      throw new SdfError(`Error: duplicate memory region name '${mr.name}'. @ ${locString(ctx, mr.location)}`);
    }
  }
  const vmNames: string[] = [];
  for (const pd of pds) {
    const vm = pd.virtualMachine;
    if (vm === null) continue;
    if (vmNames.includes(vm.name)) {
      throw new SdfError(`Error: duplicate virtual machine name '${vm.name}'. @ ${locString(ctx, vm.location)}`);
    }
    vmNames.push(vm.name);
  }
  const irqNumbers: number[] = [];
  for (const pd of pds) {
    for (const irq of pd.irqs) {
      if (irqNumbers.includes(irq.irq)) {
        throw new SdfError(`Error: duplicate irq: ${irq.irq} in protection domain: '${pd.name}' @ ${pdLocation(ctx, pd)}`);
      }
      irqNumbers.push(irq.irq);
    }
  }
  // IRQ ids and channel ids share one id space per PD.
  const ids = pds.map(() => [] as number[]);
  const duplicate = (pd: number, id: number): SdfError =>
    new SdfError(`Error: duplicate channel id: ${id} in protection domain: '${pds[pd]!.name}' @ ${pdLocation(ctx, pds[pd]!)}`);
  pds.forEach((pd, index) => {
    for (const irq of pd.irqs) {
      if (ids[index]!.includes(irq.id)) throw duplicate(index, irq.id);
      ids[index]!.push(irq.id);
    }
  });
  for (const channel of channels) {
    const { endA, endB } = channel;
    if (ids[endA.pd]!.includes(endA.id)) throw duplicate(endA.pd, endA.id);
    if (ids[endB.pd]!.includes(endB.id)) throw duplicate(endB.pd, endB.id);
    const pdA = pds[endA.pd]!;
    const pdB = pds[endB.pd]!;
    const ppcError = (from: ProtectionDomain, to: ProtectionDomain): SdfError =>
      new SdfError(
        "Error: PPCs must be to protection domains of strictly higher priorities; channel with PPC exists from " +
          `pd ${from.name} (priority: ${from.schedParams.priority}) to pd ${to.name} (priority: ${to.schedParams.priority})`,
      );
    if (endA.pp && pdA.schedParams.priority >= pdB.schedParams.priority) throw ppcError(pdA, pdB);
    if (endB.pp && pdB.schedParams.priority >= pdA.schedParams.priority) throw ppcError(pdB, pdA);
    ids[endA.pd]!.push(endA.id);
    ids[endB.pd]!.push(endB.id);
  }
  for (const pd of pds) {
    checkMaps(ctx, mrs, pd.maps, `protection domain '${pd.name}'`, pdMapMaxVaddr(ctx.config, BigInt(pd.stackSize)));
    if (pd.virtualMachine !== null) {
      checkMaps(ctx, mrs, pd.virtualMachine.maps, `virtual machine '${pd.virtualMachine.name}'`, vmMapMaxVaddr(ctx.config));
    }
  }
  for (const pd of pds) {
    for (const capMap of pd.capMaps) {
      const same = pd.capMaps.filter((other) => other.slot === capMap.slot);
      if (same.length > 1) {
        const typeName = { tcb: "Tcb", sc: "Sc", vspace: "VSpace" } as const;
        const lines = same.map((m) => `\n  type ${typeName[m.capType]} from '${m.pdName}' at '${locString(ctx, m.location)}'`).join("");
        throw new SdfError(`Error: overlapping user caps in slot ${capMap.slot} of protection domain '${pd.name}':${lines}`);
      }
    }
  }
  const placed: { name: string; start: bigint; end: bigint }[] = [];
  for (const mr of mrs) {
    if (mr.physAddr.kind !== "specified") continue;
    const start = BigInt(mr.physAddr.paddr);
    const end = start + BigInt(mr.size);
    const other = placed.find((p) => !(start >= p.end || end <= p.start));
    if (other !== undefined) {
      throw new SdfError(
        `Error: memory region '${mr.name}' physical address range [${hex(start)}..${hex(end)}) overlaps with another memory region ` +
          `'${other.name}' [${hex(other.start)}..${hex(other.end)}) @ ${locString(ctx, mr.location)}`,
      );
    }
    placed.push({ name: mr.name, start, end });
  }
  for (const pd of pds) {
    for (const setvar of pd.setvars) {
      if (setvar.kind !== "prefillSize") continue;
      const mr = mrs.find((m) => m.name === setvar.mr);
      if (mr !== undefined && mr.prefill === null) {
        throw new SdfError(
          `Error: 'setvar_prefill_size' used for MR without a \`prefill_path\` @ '${mr.name}' ${locString(ctx, mr.location)}`,
        );
      }
    }
  }
}

/** The Microkit tool's check_maps: region exists, alignment, range inside the address space, no overlap. */
function checkMaps(ctx: SdfContext, mrs: readonly SysMemoryRegion[], maps: readonly SysMap[], addressSpace: string, maxEnd: bigint): void {
  const checked: { name: string; start: bigint; end: bigint }[] = [];
  for (const map of maps) {
    const where = `@ ${locString(ctx, map.location)}`;
    const mr = mrs.find((m) => m.name === map.mr);
    if (mr === undefined) throw new SdfError(`Error: invalid memory region name '${map.mr}' on 'map' ${where}`);
    if (map.vaddr % mr.pageSize !== 0) throw new SdfError(`Error: invalid vaddr alignment on 'map' ${where}`);
    const start = BigInt(map.vaddr);
    const end = start + BigInt(mr.size);
    if (end > (1n << 64n) - 1n) throw new SdfError(`Error: map for '${map.mr}' has address range that overflows ${where}`);
    if (end > maxEnd) {
      throw new SdfError(
        `Error: map for '${map.mr}' has virtual address range [${hex(start)}..${hex(end)}) which exceeds valid address space [0x0..${hex(maxEnd)}) ${where}`,
      );
    }
    const other = checked.find((c) => !(start >= c.end || end <= c.start));
    if (other !== undefined) {
      throw new SdfError(
        `Error: map for '${map.mr}' has virtual address range [${hex(start)}..${hex(end)}) which overlaps with map for ` +
          `'${other.name}' [${hex(other.start)}..${hex(other.end)}) in ${addressSpace} ${where}`,
      );
    }
    checked.push({ name: map.mr, start, end });
  }
}

/**
 * The Microkit tool's last steps: a region without an explicit page_size gets the largest page
 * size that its size and every address it is mapped at (and its phys_addr) are aligned to; a
 * region named by `<setvar region_paddr>` without a phys_addr gets a tool-allocated address.
 */
function finishMemoryRegions(ctx: SdfContext, pds: readonly ProtectionDomain[], mrs: readonly SysMemoryRegion[]): SysMemoryRegion[] {
  const maps = allMaps(pds);
  const paddrSetvars = new Set(pds.flatMap((pd) => pd.setvars.flatMap((s) => (s.kind === "paddr" ? [s.region] : []))));
  return mrs.map((mr) => {
    let { pageSize } = mr;
    if (!mr.pageSizeSpecifiedByUser) {
      const optimal = [...ctx.config.pageSizes].reverse().find((p) => mr.size % p === 0) ?? pageSize;
      if (optimal !== pageSize) {
        const addresses = maps.filter((m) => m.mr === mr.name).map((m) => m.vaddr);
        if (mr.physAddr.kind === "specified") addresses.push(mr.physAddr.paddr);
        for (const larger of ctx.config.pageSizes.filter((p) => p > pageSize && p <= optimal).reverse()) {
          if (addresses.every((a) => a % larger === 0)) {
            pageSize = larger;
            break;
          }
        }
      }
    }
    const physAddr = mr.physAddr.kind === "unspecified" && paddrSetvars.has(mr.name) ? { kind: "toolAllocated" as const } : mr.physAddr;
    return { ...mr, pageSize, pageCount: mr.size / pageSize, physAddr };
  });
}
