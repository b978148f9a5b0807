import { hex } from "./numbers.js";
import type { ProtectionDomain, SysMap, SysMemoryRegion, SystemDescription } from "./types.js";

function table(rows: readonly (readonly string[])[], indent = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd());
}

function perms(map: SysMap): string {
  return `${map.perms & 1 ? "r" : ""}${map.perms & 2 ? "w" : ""}${map.perms & 4 ? "x" : ""}`;
}

function size(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`;
  return `${bytes} B`;
}

function physAddr(mr: SysMemoryRegion): string {
  switch (mr.physAddr.kind) {
    case "specified":
      return hex(mr.physAddr.paddr);
    case "toolAllocated":
      return "allocated (setvar region_paddr)";
    case "unspecified":
      return "-";
  }
}

function mapRows(maps: readonly SysMap[], mrs: readonly SysMemoryRegion[], indent: string): string[] {
  return maps.map((m) => {
    const mr = mrs.find((r) => r.name === m.mr);
    const end = m.vaddr + (mr?.size ?? 0);
    return `${indent}map ${m.mr} at [${hex(m.vaddr)}..${hex(end)}) ${perms(m)}${m.cached ? "" : " uncached"}`;
  });
}

function pdTitle(pd: ProtectionDomain, all: readonly ProtectionDomain[]): string {
  const parent = pd.parent === null ? "" : ` (child id ${pd.id} of ${all[pd.parent]!.name})`;
  return `${pd.name}${parent}`;
}

/** The text report of `sel4ts-microkit check`: everything the loader validated, in tables. */
export function formatSystemReport(system: SystemDescription, numCores: number): string {
  const { protectionDomains: pds, memoryRegions: mrs, channels } = system;
  const vms = pds.flatMap((pd) => (pd.virtualMachine === null ? [] : [{ pd, vm: pd.virtualMachine }]));
  const irqCount = pds.reduce((n, pd) => n + pd.irqs.length, 0);
  const lines: string[] = [
    `${system.fileName}: valid Microkit system (${numCores} core${numCores === 1 ? "" : "s"}): ` +
      `${pds.length} protection domain${pds.length === 1 ? "" : "s"}, ${mrs.length} memory region${mrs.length === 1 ? "" : "s"}, ` +
      `${channels.length} channel${channels.length === 1 ? "" : "s"}, ${irqCount} IRQ${irqCount === 1 ? "" : "s"}, ` +
      `${vms.length} virtual machine${vms.length === 1 ? "" : "s"}`,
    "",
    "Protection domains",
  ];
  lines.push(
    ...table([
      ["name", "priority", "budget/period (us)", "passive", "cpu", "stack", "program image"],
      ...pds.map((pd) => [
        pdTitle(pd, pds),
        String(pd.schedParams.priority),
        `${pd.schedParams.budget}/${pd.schedParams.period}`,
        pd.passive ? "yes" : "no",
        String(pd.cpu),
        hex(pd.stackSize),
        pd.programImage,
      ]),
    ]),
  );
  const details = pds.flatMap((pd) => {
    const rows = [
      ...mapRows(pd.maps, mrs, "    "),
      ...pd.irqs.map((irq) => `    irq ${irq.irq} (${irq.trigger}) as channel ${irq.id}`),
      ...pd.setvars.map((s) => `    setvar ${s.symbol} = ${s.kind === "vaddr" ? hex(s.address) : s.kind === "id" ? s.id : s.kind === "paddr" ? `paddr of ${s.region}` : `size of ${s.mr}`}`),
    ];
    return rows.length === 0 ? [] : [`  ${pd.name}:`, ...rows];
  });
  if (details.length > 0) lines.push("", "Maps, IRQs and setvars", ...details);
  lines.push("", "Memory regions");
  lines.push(
    ...(mrs.length === 0
      ? ["  (none)"]
      : table([
          ["name", "size", "page size", "pages", "phys_addr"],
          ...mrs.map((mr) => [mr.name, `${hex(mr.size)} (${size(mr.size)})`, hex(mr.pageSize), String(mr.pageCount), physAddr(mr)]),
        ])),
  );
  lines.push("", "Channels");
  const endText = (end: (typeof channels)[number]["endA"]): string =>
    `${pds[end.pd]!.name}:${end.id}${end.pp ? " (pp)" : ""}${end.notify ? "" : " (no notify)"}`;
  lines.push(
    ...(channels.length === 0
      ? ["  (none)"]
      : table([["end a", "end b"], ...channels.map((ch) => [endText(ch.endA), endText(ch.endB)])])),
  );
  if (vms.length > 0) {
    lines.push("", "Virtual machines");
    for (const { pd, vm } of vms) {
      const vcpus = vm.vcpus.map((v) => `${v.id} (cpu ${v.cpu ?? pd.cpu})`).join(", ");
      lines.push(
        `  ${vm.name} in ${pd.name}: priority ${vm.schedParams.priority}, budget/period ${vm.schedParams.budget}/${vm.schedParams.period} us, vcpus ${vcpus}`,
        ...mapRows(vm.maps, mrs, "    "),
      );
    }
  }
  if (system.warnings.length > 0) lines.push("", ...system.warnings);
  return lines.join("\n") + "\n";
}
