#!/usr/bin/env node
// simple-vmm: builds system/simple.system (or the system named on the command line, e.g.
// system/two-vms.system) on the kernel sim and runs it until every guest has powered off.
// Exit status 0 when every VM ended with PSCI SYSTEM_OFF.
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Libvmm } from "@sel4ts/libvmm";
import { buildSystem, parseSdf } from "@sel4ts/microkit";
import { simpleVmm } from "../system/vmm.js";

const defaultSystem = fileURLToPath(new URL("../system/simple.system", import.meta.url));
const systemFile = process.argv[2] ? resolve(process.argv[2]) : defaultSystem;
const description = parseSdf(basename(systemFile), readFileSync(systemFile, "utf8"));
const vmms: Libvmm[] = [];
const system = buildSystem(description, { "vmm.elf": simpleVmm((vmm) => vmms.push(vmm)) }, {
  // KernelArmDisableWFIWFETraps: a guest WFI sleeps until its next interrupt (the timer) instead
  // of exiting to the VMM on every WFI.
  kernel: { consoleOutput: (text) => process.stdout.write(text), disableWfiWfeTraps: true },
});
const result = await system.run();
const off = vmms.filter((vmm) => vmm.stats.powered_off).length;
const wfi = vmms.reduce((n, vmm) => n + vmm.stats.wfi_exits, 0);
process.stdout.write(`simple-vmm: ${off} of ${vmms.length} VMs powered off, ${wfi} WFI exits, after ${(result.now / 1000).toFixed(0)} us of virtual time\n`);
process.exitCode = off === vmms.length && vmms.length > 0 ? 0 : 1;
