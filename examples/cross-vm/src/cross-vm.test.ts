import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Fdt } from "@sel4ts/fdt";
import { beforeAll, describe, expect, it } from "vitest";
import { hasHostTool } from "../../../test-tools.shared";
import { replyTo } from "./component";
import { transcript } from "./summary";
import { CONNECTION_IRQ, runCrossVm, type CrossVmResult } from "./vmm";

const guestDir = fileURLToPath(new URL("../guest/", import.meta.url));
const image = readFileSync(join(guestDir, "cross.bin"));

describe("cross-vm", () => {
  let first: CrossVmResult;
  let second: CrossVmResult;
  beforeAll(async () => {
    first = await runCrossVm({ image });
    second = await runCrossVm({ image });
  });

  it("the guest finds the host bridge and both connectors with their BARs, IRQ and names", () => {
    expect(first.error).toBeNull();
    expect(first.outcome).toBe("powered-off");
    expect(first.output).toContain("  00:00.0 5e14:0042 class 0600\n");
    expect(first.output).toContain(
      "  00:01.0 1af4:a111 class 0500\n    BAR0 df000000 size 00001000\n    BAR1 df001000 size 00001000\n" + `    IRQ ${CONNECTION_IRQ}, name "guest_to_component"\n`,
    );
    expect(first.output).toContain(
      "  00:02.0 1af4:a111 class 0500\n    BAR0 df002000 size 00001000\n    BAR1 df003000 size 00001000\n" + `    IRQ ${CONNECTION_IRQ}, name "component_to_guest"\n`,
    );
    expect(first.output).not.toContain("00:03.0");
  });

  it("a store where no BAR is gives the guest a synchronous External abort (EC 0x25, WnR, DFSC 0x10) at that address", () => {
    expect(first.output).toContain("guest: bus error, ESR_EL1 0x96000050 FAR_EL1 0xdf800000\nguest: continuing after the bus error\n");
  });

  it("three round trips: the message crosses dataport 0, the reply dataport 1, an event and an IRQ each way", () => {
    for (const round of [1, 2, 3]) {
      const message = `hello component, this is round ${round}`;
      expect(first.output).toContain(`component: dataport 0 holds "${message}"\nguest: IRQ ${CONNECTION_IRQ}, events 1, reply "${replyTo(message)}"\n`);
    }
    expect(first.events).toEqual({ emitted: 3, consumed: 3 });
    expect(first.exits).toMatchObject({ notification: 3, vgic_maintenance: 3, vcpu: 1, user_exception: 0, unknown: 0 });
  });

  it("is deterministic: the same output, exits, instruction count and virtual time on every run", () => {
    expect(second).toEqual(first);
  });

  it("matches the committed transcript (regenerate with `pnpm exec vitest run -u`)", async () => {
    await expect(transcript(first)).toMatchFileSnapshot("./cross-vm.transcript.txt");
  });

  it("gives a Linux guest a /pci@de000000 node for pci-host-cam-generic routing INTA of slots 1 and 2 to SPI 50", () => {
    const pci = Fdt.parse(first.dtb).getNode("/pci@de000000");
    expect(pci.getProperty("compatible").asString()).toBe("pci-host-cam-generic");
    const gic = Fdt.parse(first.dtb).findCompatible("arm,cortex-a15-gic")[0]!;
    const phandle = gic.getProperty("phandle").asCells()[0]!;
    // <child unit address (3) pin phandle parent interrupt (GIC: 0 address cells, SPI n flags)>
    expect(pci.getProperty("interrupt-map").asCells()).toEqual([0x800, 0, 0, 1, phandle, 0, 50, 4, 0x1000, 0, 0, 1, phandle, 0, 50, 4]);
  });

  it.skipIf(!hasHostTool("dtc"))("dtc reads the generated device tree", () => {
    const dir = mkdtempSync(join(tmpdir(), "cross-vm-"));
    try {
      writeFileSync(join(dir, "guest.dtb"), first.dtb);
      const dts = execFileSync("dtc", ["-q", "-I", "dtb", "-O", "dts", join(dir, "guest.dtb")], { encoding: "utf8" });
      expect(dts).toContain('compatible = "pci-host-cam-generic";');
      expect(dts).toContain("ranges = <0x1000000 0x00 0x00 0x00 0xdd000000 0x00 0x10000 0x2000000 0x00 0xdf000000 0x00 0xdf000000 0x00 0x1000000>;");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasHostTool("aarch64-linux-gnu-as"))("the committed guest binary matches cross.S", () => {
    const dir = mkdtempSync(join(tmpdir(), "cross-vm-"));
    try {
      execFileSync("sh", [join(guestDir, "build.sh"), join(dir, "cross.bin")]);
      expect(readFileSync(join(dir, "cross.bin"))).toEqual(image);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
