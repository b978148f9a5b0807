import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSdf } from "../sdf/parse.js";
import { MicrokitError } from "./errors.js";
import type { MicrokitProgram } from "./program.js";
import { buildSystem } from "./system.js";

const fixture = (path: string) => parseSdf(path.split("/").pop()!, readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), "utf8"));
const quiet: MicrokitProgram = () => ({ init() {}, notified() {} });
const programsFor = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, quiet]));

describe("buildSystem", () => {
  it("refuses a system with a PD that has no program, before making anything", () => {
    const description = fixture("microkit-examples/passive_server.system");
    expect(() => buildSystem(description, { "server.elf": quiet })).toThrow(
      new MicrokitError("program", "passive_server.system: no program for protection domain 'client' (program_image 'client.elf')"),
    );
  });

  it("builds libvmm's simple system: 256 MiB guest RAM in 2 MiB pages, the UART and GIC vCPU interface at their addresses", async () => {
    const description = fixture("libvmm/simple.system");
    const system = buildSystem(description, { "vmm.elf": quiet }, { kernel: { consoleOutput: () => {} } });
    await system.run();
    const built = system.built!;
    expect(Object.fromEntries(built.regionPaddrs)).toMatchObject({ serial: 0x900_0000, gic_vcpu: 0x804_0000 });
    expect(built.vcpus.map((v) => v.id)).toEqual([0]);
    expect(built.pds[0]!.endpoint).not.toBeNull();
  });

  it("builds Microkit's setvar example and gives each setvar its value", async () => {
    const description = fixture("microkit-examples/setvar.system");
    let values: Record<string, bigint> = {};
    const system = buildSystem(description, { "setvar.elf": (mk) => ({ init: () => void (values = { ...mk.setvars }), notified() {} }) }, { kernel: { consoleOutput: () => {} } });
    await system.run();
    expect(values.mr_with_paddr_vaddr).toBe(0x2000_0000n);
    expect(values.mr_with_paddr_paddr).toBe(0x8000_0000n);
    expect(values.pl011_paddr).toBe(0x900_0000n);
    expect(values.small_mr_no_paddr_paddr).toBeGreaterThanOrEqual(0x4000_0000n);
    expect(Number(values.large_mr_no_paddr_paddr) % 0x20_0000).toBe(0);
  });

  it("reports a region the board does not have as a MicrokitError from run()", async () => {
    const description = fixture("microkit-examples/timer.system");
    const system = buildSystem(description, programsFor(["timer.elf"]), { kernel: { consoleOutput: () => {} } });
    await expect(system.run()).rejects.toThrow(
      "building timer.system: the board has no RAM or device memory at 0xffd0f000 for page 0 of memory region 'timer'",
    );
  });
});
