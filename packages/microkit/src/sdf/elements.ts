/**
 * Element-level rules of the System Description Format, one function per element, in the order
 * the Microkit tool applies them (tool/microkit/src/sdf.rs), with its error wording.
 */
import { pdMapMaxVaddr, vmMapMaxVaddr, type SdfConfig } from "./config.js";
import { SdfError } from "./errors.js";
import { hex, sdfParseDecimal, sdfParseNumber, strToBool } from "./numbers.js";
import type {
  CapMap, SchedulingParams, SysIrq, SysMap, SysMemoryRegion, SysSetVar, VirtualCpu, VirtualMachine,
} from "./types.js";
import type { SdfLocation, SdfNode } from "./xml.js";

/** Channel, IRQ, child and vCPU ids: 0..61 (bit 62 of the badge marks faults, bit 63 PPCs). */
export const PD_MAX_ID = 61;
export const VCPU_MAX_ID = PD_MAX_ID;
export const PD_MAX_PRIORITY = 254;
/** microseconds */
export const BUDGET_DEFAULT = 1000;
export const PD_DEFAULT_STACK_SIZE = 0x2000;
const PD_MIN_STACK_SIZE = 0x1000n;
const PD_MAX_STACK_SIZE = 1024n * 1024n * 16n;
const CAP_MAP_MAX_SLOT = 128n;
const PREFILL_BOOTINFO_TYPES = ["x86_vbe", "x86_mbmmap", "x86_acpi_rsdp", "x86_framebuffer", "x86_tsc_freq", "fdt"];

/** Everything the rules need besides the node: the file name (for messages) and the kernel configuration. */
export interface SdfContext {
  readonly fileName: string;
  readonly config: SdfConfig;
  /** contents of a `prefill_path` file, or undefined when it cannot be found */
  readonly readPrefill: ((path: string) => Uint8Array | undefined) | undefined;
  /** warnings in the Microkit tool's `WARNING: …` form */
  readonly warnings: string[];
}

export function locString(ctx: SdfContext, location: SdfLocation): string {
  return `${ctx.fileName}:${location.line}:${location.column}`;
}

/** `Error: <what> on element '<name>': <file>:<line>:<col>` */
export function valueError(ctx: SdfContext, node: SdfNode, what: string): SdfError {
  return new SdfError(`Error: ${what} on element '${node.tag}': ${locString(ctx, node.location)}`);
}

export function checkAttributes(ctx: SdfContext, node: SdfNode, allowed: readonly string[]): void {
  for (const [name] of node.attributes) {
    if (!allowed.includes(name)) throw valueError(ctx, node, `invalid attribute '${name}'`);
  }
}

export function checkedLookup(ctx: SdfContext, node: SdfNode, attribute: string): string {
  const value = node.attribute(attribute);
  if (value === undefined) {
    throw new SdfError(
      `Error: Missing required attribute '${attribute}' on element '${node.tag}': ${locString(ctx, node.location)}`,
    );
  }
  return value;
}

export function invalidElement(ctx: SdfContext, tag: string, location: SdfLocation): SdfError {
  return new SdfError(`Error: invalid XML element '${tag}': ${locString(ctx, location)}`);
}

/** Numbers kept in the description are JavaScript numbers; SDF values above 2^53 are refused. */
export function toSafeNumber(ctx: SdfContext, node: SdfNode, text: string, value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw valueError(ctx, node, `value '${text}' is above 2^53, the largest sel4ts supports`);
  }
  return Number(value);
}

function parseNumberAttr(ctx: SdfContext, node: SdfNode, name: string, fallback: bigint): bigint {
  const text = node.attribute(name);
  return text === undefined ? fallback : sdfParseNumber(ctx.fileName, text, node);
}

function parseBoolAttr(ctx: SdfContext, node: SdfNode, name: string, fallback: boolean): boolean {
  const text = node.attribute(name);
  if (text === undefined) return fallback;
  const value = strToBool(text);
  if (value === undefined) throw valueError(ctx, node, `${name} must be 'true' or 'false'`);
  return value;
}

/** budget defaults to 1000 µs and period to the budget; budget <= period. */
export function parseBudgetPeriod(ctx: SdfContext, node: SdfNode): { budget: bigint; period: bigint } {
  const budget = parseNumberAttr(ctx, node, "budget", BigInt(BUDGET_DEFAULT));
  const period = parseNumberAttr(ctx, node, "period", budget);
  if (budget > period) {
    throw valueError(ctx, node, `budget (${budget}) must be less than, or equal to, period (${period})`);
  }
  return { budget, period };
}

export function addSetvar(ctx: SdfContext, setvars: SysSetVar[], setvar: SysSetVar, node: SdfNode): void {
  if (setvars.some((other) => other.symbol === setvar.symbol)) {
    throw valueError(ctx, node, `setvar on symbol '${setvar.symbol}' already exists`);
  }
  setvars.push(setvar);
}

/** `<map mr vaddr perms cached [setvar_vaddr setvar_size setvar_prefill_size]>` */
export function parseMap(ctx: SdfContext, node: SdfNode, allowSetvar: boolean, maxVaddr: bigint): SysMap {
  const allowed = ["mr", "vaddr", "perms", "cached"];
  if (allowSetvar) allowed.push("setvar_vaddr", "setvar_size", "setvar_prefill_size");
  checkAttributes(ctx, node, allowed);
  const mr = checkedLookup(ctx, node, "mr");
  const vaddr = sdfParseNumber(ctx.fileName, checkedLookup(ctx, node, "vaddr"), node);
  if (vaddr >= maxVaddr) throw valueError(ctx, node, `vaddr (${hex(vaddr)}) must be less than ${hex(maxVaddr)}`);
  let perms = 1 | 2; // read-write by default
  const permsText = node.attribute("perms");
  if (permsText !== undefined) {
    perms = 0;
    for (const c of permsText) {
      if (c === "r") perms |= 1;
      else if (c === "w") perms |= 2;
      else if (c === "x") perms |= 4;
      else throw valueError(ctx, node, "perms must only be a combination of 'r', 'w', and 'x'");
    }
  }
  // The kernel does not allow write-only mappings on any architecture.
  if (perms === 2) throw valueError(ctx, node, "perms must not be 'w', write-only mappings are not allowed");
  const cached = parseBoolAttr(ctx, node, "cached", true);
  return { mr, vaddr: Number(vaddr), perms, cached, location: node.location };
}

/** `<memory_region name size page_size phys_addr prefill_path prefill_bootinfo>` (page size not yet optimised) */
export function parseMemoryRegion(ctx: SdfContext, node: SdfNode): SysMemoryRegion {
  checkAttributes(ctx, node, ["name", "size", "page_size", "phys_addr", "prefill_path", "prefill_bootinfo"]);
  const name = checkedLookup(ctx, node, "name");
  const pageSizeText = node.attribute("page_size");
  const pageSize = parseNumberAttr(ctx, node, "page_size", BigInt(ctx.config.pageSizes[0]!));
  if (!ctx.config.pageSizes.some((p) => BigInt(p) === pageSize)) {
    throw valueError(ctx, node, `page size ${hex(pageSize)} not supported`);
  }
  const prefillPath = node.attribute("prefill_path");
  let prefill: Uint8Array | null = null;
  if (prefillPath !== undefined) {
    const bytes = ctx.readPrefill?.(prefillPath);
    if (bytes === undefined) throw valueError(ctx, node, `unable to find prefill file: '${prefillPath}'`);
    if (bytes.length === 0) throw valueError(ctx, node, `prefill file '${prefillPath}' is empty`);
    prefill = bytes;
  }
  const prefillBootinfo = node.attribute("prefill_bootinfo") ?? null;
  if (prefillBootinfo !== null && !PREFILL_BOOTINFO_TYPES.includes(prefillBootinfo)) {
    throw valueError(ctx, node, `BootInfoMap type: '${prefillBootinfo}' is not supported`);
  }
  if (prefill !== null && prefillBootinfo !== null) {
    throw valueError(ctx, node, "prefill_path and prefill_bootinfo cannot be both specified");
  }
  let size: bigint;
  const sizeText = node.attribute("size");
  if (sizeText !== undefined) {
    size = sdfParseNumber(ctx.fileName, sizeText, node);
    if (size % pageSize !== 0n) throw valueError(ctx, node, "size is not a multiple of the page size");
    if (prefill !== null && BigInt(prefill.length) > size) {
      throw valueError(ctx, node, `size of prefill file exceeds memory region size: ${prefill.length.toString(16)} > ${size.toString(16)}`);
    }
  } else if (prefillBootinfo !== null) {
    size = pageSize;
  } else if (prefill !== null) {
    size = ((BigInt(prefill.length) + pageSize - 1n) / pageSize) * pageSize;
  } else {
    throw valueError(ctx, node, "size must be specified if memory region is not prefilled");
  }
  const physText = node.attribute("phys_addr");
  let physAddr: SysMemoryRegion["physAddr"] = { kind: "unspecified" };
  if (physText !== undefined) {
    const paddr = sdfParseNumber(ctx.fileName, physText, node);
    if (paddr % pageSize !== 0n) throw valueError(ctx, node, "phys_addr is not aligned to the page size");
    physAddr = { kind: "specified", paddr: toSafeNumber(ctx, node, physText, paddr) };
  }
  return {
    name,
    size: toSafeNumber(ctx, node, sizeText ?? "", size),
    pageSize: Number(pageSize),
    pageSizeSpecifiedByUser: pageSizeText !== undefined,
    pageCount: Number(size / pageSize),
    physAddr,
    prefill,
    prefillBootinfo,
    location: node.location,
  };
}

/** `<irq irq id trigger setvar_id>` on AArch64; x86 forms (`pin`, `pcidev`) are refused as on ARM. */
export function parseIrq(ctx: SdfContext, node: SdfNode, setvars: SysSetVar[]): SysIrq {
  const id = sdfParseDecimal(ctx.fileName, checkedLookup(ctx, node, "id"), node, true);
  if (id > BigInt(PD_MAX_ID)) throw valueError(ctx, node, `id must be < ${PD_MAX_ID + 1}`);
  if (id < 0n) throw valueError(ctx, node, "id must be >= 0");
  const setvarId = node.attribute("setvar_id");
  if (setvarId !== undefined) addSetvar(ctx, setvars, { symbol: setvarId, kind: "id", id: Number(id) }, node);
  const irqText = node.attribute("irq");
  if (irqText === undefined) {
    if (node.attribute("pin") !== undefined) throw valueError(ctx, node, "x86 I/O APIC IRQ isn't supported on ARM and RISC-V");
    if (node.attribute("pcidev") !== undefined) throw valueError(ctx, node, "x86 MSI IRQ isn't supported on ARM and RISC-V");
    checkedLookup(ctx, node, "irq");
  }
  checkAttributes(ctx, node, ["irq", "id", "setvar_id", "trigger"]);
  const irq = sdfParseDecimal(ctx.fileName, irqText!, node, false);
  const triggerText = node.attribute("trigger") ?? "level";
  if (triggerText !== "level" && triggerText !== "edge") {
    throw valueError(ctx, node, "trigger must be either 'level' or 'edge'");
  }
  return { id: Number(id), irq: toSafeNumber(ctx, node, irqText!, irq), trigger: triggerText };
}

/** `<cspace>` with `<cap_tcb|cap_sc|cap_vspace slot pd>` children; PD indexes are filled in later. */
export function parseCSpace(ctx: SdfContext, node: SdfNode): Omit<CapMap, "pd">[] {
  checkAttributes(ctx, node, []);
  return node.children.map((child) => {
    const capType = ({ cap_tcb: "tcb", cap_sc: "sc", cap_vspace: "vspace" } as const)[child.tag as "cap_tcb"];
    if (capType === undefined) {
      const where = locString(ctx, child.location);
      if (child.tag.startsWith("cap_")) {
        throw new SdfError(`Cap type: '${child.tag.slice(4)}' is not supported at '${where}'`);
      }
      throw new SdfError(`Element '${child.tag}' is not supported in a <cspace> element at '${where}'`);
    }
    checkAttributes(ctx, child, ["slot", "pd"]);
    const pdName = checkedLookup(ctx, child, "pd");
    const slot = sdfParseNumber(ctx.fileName, checkedLookup(ctx, child, "slot"), child);
    if (slot === 0n) throw valueError(ctx, child, "The destination slot 0 has been reserved for Microkit CNode");
    if (slot >= CAP_MAP_MAX_SLOT) {
      throw valueError(ctx, child, `There are only ${CAP_MAP_MAX_SLOT} destination cspace slots available.`);
    }
    return { capType, pdName, slot: Number(slot), location: child.location };
  });
}

function parseCpu(ctx: SdfContext, text: string, numberNode: SdfNode, errorNode: SdfNode): number {
  const cpu = sdfParseNumber(ctx.fileName, text, numberNode);
  if (cpu >= BigInt(ctx.config.numCores)) {
    throw valueError(ctx, errorNode, `cpu core must be less than ${ctx.config.numCores}, got ${cpu}`);
  }
  return Number(cpu);
}

export function parsePdCpu(ctx: SdfContext, node: SdfNode): number {
  return parseCpu(ctx, node.attribute("cpu") ?? "0", node, node);
}

/** `<virtual_machine name priority budget period>` with `<vcpu id cpu setvar_id>` and `<map>` children. */
export function parseVirtualMachine(ctx: SdfContext, node: SdfNode): VirtualMachine {
  checkAttributes(ctx, node, ["name", "budget", "period", "priority"]);
  const name = checkedLookup(ctx, node, "name");
  const { budget, period } = parseBudgetPeriod(ctx, node);
  const priority = parseNumberAttr(ctx, node, "priority", 0n);
  // The Microkit tool does not range-check a VM's priority (it truncates to 8 bits); we do, as for PDs.
  if (priority > BigInt(PD_MAX_PRIORITY)) throw valueError(ctx, node, `priority must be between 0 and ${PD_MAX_PRIORITY}`);
  const vcpus: VirtualCpu[] = [];
  const maps: SysMap[] = [];
  for (const child of node.children) {
    if (child.tag === "vcpu") {
      checkAttributes(ctx, child, ["id", "setvar_id", "cpu"]);
      const id = sdfParseDecimal(ctx.fileName, checkedLookup(ctx, child, "id"), child, false);
      if (id > BigInt(VCPU_MAX_ID)) throw valueError(ctx, child, `id must be < ${VCPU_MAX_ID + 1}`);
      if (vcpus.some((v) => BigInt(v.id) === id)) {
        throw new SdfError(`Error: duplicate vcpu id ${id} in virtual machine '${name}' @ ${locString(ctx, child.location)}`);
      }
      const cpuText = child.attribute("cpu");
      const cpu = cpuText === undefined ? null : parseCpu(ctx, cpuText, node, child);
      vcpus.push({ id: Number(id), cpu, setvarId: child.attribute("setvar_id") ?? null });
    } else if (child.tag === "map") {
      // Virtual machines have no program image, so no setvar_vaddr.
      maps.push(parseMap(ctx, child, false, vmMapMaxVaddr(ctx.config)));
    } else {
      throw invalidElement(ctx, child.tag, node.location);
    }
  }
  if (vcpus.length === 0) {
    throw new SdfError(`Error: missing 'vcpu' element on virtual_machine: '${name}' @ ${locString(ctx, node.location)}`);
  }
  const schedParams: SchedulingParams = {
    priority: Number(priority),
    budget: toSafeNumber(ctx, node, "budget", budget),
    period: toSafeNumber(ctx, node, "period", period),
  };
  return { name, vcpus, maps, schedParams, location: node.location };
}

export { PD_MIN_STACK_SIZE, PD_MAX_STACK_SIZE, pdMapMaxVaddr };
