import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SYSTEM } from "./cli.js";
import { BootInputError } from "./image.js";
import { loadLinuxSystem } from "./system.js";

const xml = readFileSync(DEFAULT_SYSTEM, "utf8");

describe("loadLinuxSystem", () => {
  it("finds the VMM, its 512 MiB of guest RAM in 2 MiB pages at 0x40000000, and the UART's IRQ channel", () => {
    const system = loadLinuxSystem("linux.system", xml);
    expect(system.vmmName).toBe("VMM");
    expect(system.guestRamBase).toBe(0x4000_0000);
    expect(system.guestRamSize).toBe(512 << 20);
    expect(system.uartIrqChannel).toBe(1);
    const ram = system.description.memoryRegions.find((mr) => mr.name === "guest_ram")!;
    expect([ram.pageSize, ram.pageCount]).toEqual([0x20_0000, 256]);
  });

  it("resizes guest RAM for --mem", () => {
    const system = loadLinuxSystem("linux.system", xml, 1 << 30);
    const ram = system.description.memoryRegions.find((mr) => mr.name === "guest_ram")!;
    expect([system.guestRamSize, ram.size, ram.pageCount]).toEqual([1 << 30, 1 << 30, 512]);
  });

  it.each([
    ["--mem that is not a multiple of the page size", xml, 513 << 20, /--mem 513M is not a multiple of guest RAM's page size \(2M/],
    ["another program image", xml.replace("linux-vmm.elf", "vmm.elf"), undefined, /must have program_image path="linux-vmm.elf"/],
    ["no virtual machine", xml.replace(/<virtual_machine[\s\S]*<\/virtual_machine>/, ""), undefined, /one protection domain with a <virtual_machine>, found 0/],
    ["no guest RAM setvar", xml.replace(' setvar_vaddr="guest_ram_vaddr"', ""), undefined, /setvar_vaddr="guest_ram_vaddr"/],
    ["guest RAM elsewhere", xml.replace('<map mr="guest_ram" vaddr="0x40000000" perms="rwx" />', '<map mr="guest_ram" vaddr="0x80000000" perms="rwx" />'), undefined, /must be mapped at 0x40000000/],
    ["malformed XML", "<system><protection_domain", undefined, /^bad\.system: /],
  ])("rejects %s with one line", (_what, text, mem, message) => {
    expect(() => loadLinuxSystem("bad.system", text, mem)).toThrow(BootInputError);
    expect(() => loadLinuxSystem("bad.system", text, mem)).toThrow(message);
  });
});
