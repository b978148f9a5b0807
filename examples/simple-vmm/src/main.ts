#!/usr/bin/env node
// simple-vmm: builds system/simple.system (or the system named on the command line, e.g.
// system/two-vms.system) on the kernel sim and runs it until every guest has powered off.
// Exit status 0 when every VM ended with PSCI SYSTEM_OFF.
//
//   simple-vmm [--no-wfi-traps] [file.system]
//
// WFI traps are on by default, as seL4 builds: a waiting guest's WFI exits to the VMM once, and
// the kernel lets the vCPU sleep in it until its timer or an IRQ. --no-wfi-traps builds the kernel
// with KernelArmDisableWFIWFETraps: the WFI waits in the guest without an exit.
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Libvmm } from "@sel4ts/libvmm";
import { buildSystem, parseSdf } from "@sel4ts/microkit";
import { simpleVmm } from "../system/vmm.js";

const args = process.argv.slice(2);
const noWfiTraps = args.includes("--no-wfi-traps");
const files = args.filter((arg) => arg !== "--no-wfi-traps");
const unknown = files.find((arg) => arg.startsWith("-"));
if (unknown !== undefined || files.length > 1) {
  process.stderr.write(`simple-vmm: ${unknown !== undefined ? `unknown option ${unknown}` : "give at most one .system file"}; usage: simple-vmm [--no-wfi-traps] [file.system]\n`);
  process.exit(2);
}
const defaultSystem = fileURLToPath(new URL("../system/simple.system", import.meta.url));
const systemFile = files[0] ? resolve(files[0]) : defaultSystem;
const description = parseSdf(basename(systemFile), readFileSync(systemFile, "utf8"));
const vmms: Libvmm[] = [];
const system = buildSystem(description, { "vmm.elf": simpleVmm((vmm) => vmms.push(vmm)) }, {
  kernel: { consoleOutput: (text) => process.stdout.write(text), disableWfiWfeTraps: noWfiTraps },
});
const result = await system.run();
const off = vmms.filter((vmm) => vmm.stats.powered_off).length;
const wfi = vmms.reduce((n, vmm) => n + vmm.stats.wfi_exits, 0);
process.stdout.write(`simple-vmm: ${off} of ${vmms.length} VMs powered off, ${wfi} WFI exits, after ${(result.now / 1000).toFixed(0)} us of virtual time\n`);
process.exitCode = off === vmms.length && vmms.length > 0 ? 0 : 1;
