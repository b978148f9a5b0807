import { pdMapMaxVaddr } from "./config.js";
import { SdfError } from "./errors.js";
import {
  PD_DEFAULT_STACK_SIZE, PD_MAX_PRIORITY, PD_MAX_STACK_SIZE, PD_MIN_STACK_SIZE,
  addSetvar, checkAttributes, checkedLookup, invalidElement, locString, parseBudgetPeriod, parseCSpace, parseIrq,
  parseMap, parsePdCpu, parseVirtualMachine, toSafeNumber, valueError, type SdfContext,
} from "./elements.js";
import { hex, sdfParseNumber, strToBool } from "./numbers.js";
import type { CapMap, SysIrq, SysMap, SysSetVar, VirtualMachine } from "./types.js";
import type { SdfLocation, SdfNode } from "./xml.js";

/** A protection domain as parsed, before its children are flattened into the system's list. */
export interface ParsedPd {
  readonly id: number | null;
  readonly name: string;
  readonly priority: number;
  readonly budget: number;
  readonly period: number;
  readonly passive: boolean;
  readonly stackSize: number;
  readonly smc: boolean;
  readonly cpu: number;
  readonly fpu: boolean;
  readonly programImage: string;
  readonly programImageForSymbols: string | null;
  readonly maps: SysMap[];
  readonly irqs: SysIrq[];
  readonly setvars: SysSetVar[];
  readonly capMaps: Omit<CapMap, "pd">[];
  readonly virtualMachine: VirtualMachine | null;
  readonly children: ParsedPd[];
  readonly setvarId: string | null;
  readonly location: SdfLocation;
}

function boolAttr(ctx: SdfContext, node: SdfNode, name: string, fallback: boolean): boolean {
  const text = node.attribute(name);
  if (text === undefined) return fallback;
  const value = strToBool(text);
  if (value === undefined) throw valueError(ctx, node, `${name} must be 'true' or 'false'`);
  return value;
}

/** `<protection_domain>` and its children, with the Microkit tool's rules in its order. */
export function parseProtectionDomain(ctx: SdfContext, node: SdfNode, isChild: boolean): ParsedPd {
  // `pp` is the Microkit 1.x attribute (the PD may receive PPCs); later versions put pp on channel ends.
  const allowed = ["name", "priority", "budget", "period", "passive", "stack_size", "smc", "cpu", "domain", "fpu", "pp"];
  if (isChild) allowed.push("id", "setvar_id");
  checkAttributes(ctx, node, allowed);
  const name = checkedLookup(ctx, node, "name");
  let id: number | null = null;
  if (isChild) {
    const idText = checkedLookup(ctx, node, "id");
    id = toSafeNumber(ctx, node, idText, sdfParseNumber(ctx.fileName, idText, node));
  }
  const { budget, period } = parseBudgetPeriod(ctx, node);
  const passive = boolAttr(ctx, node, "passive", false);
  const stackText = node.attribute("stack_size");
  const stackSize = stackText === undefined ? BigInt(PD_DEFAULT_STACK_SIZE) : sdfParseNumber(ctx.fileName, stackText, node);
  const smc = boolAttr(ctx, node, "smc", false);
  if (smc && !ctx.config.armSmc) {
    throw valueError(ctx, node, "Using SMC support without ARM SMC forwarding support enabled in the kernel for this platform");
  }
  const cpu = parsePdCpu(ctx, node);
  const domain = node.attribute("domain");
  if (domain !== undefined) {
    throw valueError(ctx, node, `Specifying a domain '${domain}' without declaring a domain schedule is not allowed:`);
  }
  if (stackSize < PD_MIN_STACK_SIZE || stackSize > PD_MAX_STACK_SIZE) {
    throw valueError(ctx, node, `stack size must be between ${hex(PD_MIN_STACK_SIZE)} bytes and ${hex(PD_MAX_STACK_SIZE)} bytes`);
  }
  const smallPage = ctx.config.pageSizes[0]!;
  if (stackSize % BigInt(smallPage) !== 0n) {
    throw valueError(ctx, node, `stack size must be aligned to the smallest page size, ${smallPage} bytes`);
  }
  const priorityText = node.attribute("priority");
  const priority = priorityText === undefined ? 0n : sdfParseNumber(ctx.fileName, priorityText, node);
  if (priority > BigInt(PD_MAX_PRIORITY)) throw valueError(ctx, node, `priority must be between 0 and ${PD_MAX_PRIORITY}`);
  const fpu = boolAttr(ctx, node, "fpu", true);
  if (node.attribute("pp") !== undefined) {
    boolAttr(ctx, node, "pp", false);
    ctx.warnings.push(
      `WARNING: attribute 'pp' on protection_domain '${name}' is from Microkit 1.x and is ignored (channel ends carry pp): ${locString(ctx, node.location)}`,
    );
  }

  const maps: SysMap[] = [];
  const irqs: SysIrq[] = [];
  const setvars: SysSetVar[] = [];
  const children: ParsedPd[] = [];
  let capMaps: Omit<CapMap, "pd">[] | null = null;
  let programImage: string | null = null;
  let programImageForSymbols: string | null = null;
  let virtualMachine: VirtualMachine | null = null;

  for (const child of node.children) {
    switch (child.tag) {
      case "program_image":
        checkAttributes(ctx, child, ["path", "path_for_symbols"]);
        if (programImage !== null) throw valueError(ctx, node, "program_image must only be specified once");
        programImage = checkedLookup(ctx, child, "path");
        programImageForSymbols = child.attribute("path_for_symbols") ?? null;
        break;
      case "map": {
        const map = parseMap(ctx, child, true, pdMapMaxVaddr(ctx.config, stackSize));
        const vaddrSymbol = child.attribute("setvar_vaddr");
        if (vaddrSymbol !== undefined) addSetvar(ctx, setvars, { symbol: vaddrSymbol, kind: "vaddr", address: map.vaddr }, child);
        const sizeSymbol = child.attribute("setvar_size");
        if (sizeSymbol !== undefined) addSetvar(ctx, setvars, { symbol: sizeSymbol, kind: "size", mr: map.mr }, child);
        const prefillSymbol = child.attribute("setvar_prefill_size");
        if (prefillSymbol !== undefined) addSetvar(ctx, setvars, { symbol: prefillSymbol, kind: "prefillSize", mr: map.mr }, child);
        maps.push(map);
        break;
      }
      case "irq":
        irqs.push(parseIrq(ctx, child, setvars));
        break;
      case "ioport":
        throw valueError(ctx, node, "I/O Ports are only available on x86");
      case "setvar": {
        checkAttributes(ctx, child, ["symbol", "region_paddr"]);
        const symbol = checkedLookup(ctx, child, "symbol");
        const region = checkedLookup(ctx, child, "region_paddr");
        addSetvar(ctx, setvars, { symbol, kind: "paddr", region }, child);
        break;
      }
      case "protection_domain": {
        const childPd = parseProtectionDomain(ctx, child, true);
        if (childPd.setvarId !== null) addSetvar(ctx, setvars, { symbol: childPd.setvarId, kind: "id", id: childPd.id! }, child);
        children.push(childPd);
        break;
      }
      case "virtual_machine": {
        if (!ctx.config.hypervisor) {
          throw valueError(ctx, node, "seL4 has not been built as a hypervisor, virtual machines are disabled");
        }
        if (virtualMachine !== null) throw valueError(ctx, node, "virtual_machine must only be specified once");
        const vm = parseVirtualMachine(ctx, child);
        for (const vcpu of vm.vcpus) {
          if (vcpu.setvarId !== null) addSetvar(ctx, setvars, { symbol: vcpu.setvarId, kind: "id", id: vcpu.id }, child);
        }
        virtualMachine = vm;
        break;
      }
      case "cspace":
        if (capMaps !== null) throw valueError(ctx, node, "cspace must only be specified once");
        capMaps = parseCSpace(ctx, child);
        break;
      default:
        throw invalidElement(ctx, child.tag, child.location);
    }
  }
  if (programImage === null) {
    throw new SdfError(`Error: missing 'program_image' element on protection_domain: '${name}' @ ${locString(ctx, node.location)}`);
  }
  return {
    id,
    name,
    priority: Number(priority),
    budget: toSafeNumber(ctx, node, "budget", budget),
    period: toSafeNumber(ctx, node, "period", period),
    passive,
    stackSize: Number(stackSize),
    smc,
    cpu,
    fpu,
    programImage,
    programImageForSymbols,
    maps,
    irqs,
    setvars,
    capMaps: capMaps ?? [],
    virtualMachine,
    children,
    setvarId: isChild ? (node.attribute("setvar_id") ?? null) : null,
    location: node.location,
  };
}
