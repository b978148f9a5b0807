// Checks against the installed dtc, where there is one (CI runs from the committed fixtures and
// skips this file): the committed .dtb files are what fixtures/regenerate.sh makes from the .dts
// sources, and dtc decompiles the writer's output and compiles it back to the same bytes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { qemuVirtOptions } from "../test/fixture-specs.js";
import { fixturePath, readFixture } from "../test/tree-spec.js";
import { formatDts } from "./dts.js";
import { Fdt } from "./fdt.js";
import { FdtWriter } from "./writer.js";
import { buildQemuVirtFdt } from "./qemu-virt.js";

const hasDtc = spawnSync("dtc", ["--version"]).status === 0;

/**
 * Runs dtc and returns its stdout; fails the test on a non-zero exit or on any warning that does
 * not match `tolerated`.
 */
function dtc(args: string[], tolerated?: RegExp): string {
  const run = spawnSync("dtc", args, { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  const warnings = run.stderr.split("\n").filter((line) => line !== "" && !(tolerated?.test(line) ?? false));
  expect(warnings).toEqual([]);
  return run.stdout;
}

describe.skipIf(!hasDtc)("with dtc installed", () => {
  const dir = mkdtempSync(join(tmpdir(), "sel4ts-fdt-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the committed fixtures are what regenerate.sh makes", () => {
    const out = mkdtempSync(join(dir, "fixtures-"));
    const run = spawnSync("sh", [fixturePath("regenerate.sh"), out], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const made = readdirSync(out).filter((f) => f.endsWith(".dtb"));
    expect(made.sort()).toEqual(["memreserve.dtb", "phandles.dtb", "qemu-virt.dtb", "types.dtb"]);
    for (const name of made) expect(new Uint8Array(readFileSync(join(out, name))), name).toEqual(readFixture(name));
  });

  it("decompiles the writer's guest tree and compiles it back to the same bytes", () => {
    const ours = buildQemuVirtFdt(qemuVirtOptions);
    writeFileSync(join(dir, "ours.dtb"), ours);
    const dts = dtc(["-I", "dtb", "-O", "dts", join(dir, "ours.dtb")]);
    expect(dts).toContain('compatible = "arm,pl011\\0arm,primecell";');
    expect(dts).toContain('clock-names = "uartclk\\0apb_pclk";');
    expect(dts).toMatch(/intc@8000000 \{[^}]*interrupt-controller;[^}]*phandle = <0x01>;/);
    expect(dts).toContain("linux,initrd-start = <0x00 0x4d000000>;");
    expect(dts).toContain("interrupts = <0x01 0x0d 0x304 0x01 0x0e 0x304 0x01 0x0b 0x304 0x01 0x0a 0x304>;");
    writeFileSync(join(dir, "ours.dts"), dts);
    // Decompiled phandle references are plain numbers, which dtc's checks point out.
    dtc(["-I", "dts", "-O", "dtb", "-o", join(dir, "again.dtb"), join(dir, "ours.dts")], /is not a phandle reference/);
    expect(new Uint8Array(readFileSync(join(dir, "again.dtb")))).toEqual(ours);
  });

  it.each(["types", "memreserve", "phandles", "qemu-virt"])(
    "compiles formatDts(%s.dtb) back to the same blob",
    (name) => {
      const dtb = readFixture(`${name}.dtb`);
      const fdt = Fdt.parse(dtb);
      writeFileSync(join(dir, `${name}.formatted.dts`), formatDts(fdt));
      const bootCpu = String(fdt.header.bootCpuidPhys);
      const out = join(dir, `${name}.formatted.dtb`);
      dtc(
        ["-I", "dts", "-O", "dtb", "-b", bootCpu, "-o", out, join(dir, `${name}.formatted.dts`)],
        /is not a phandle reference/
      );
      expect(new Uint8Array(readFileSync(out))).toEqual(dtb);
    }
  );

  it("decompiles reservations, empty properties and 64-bit values the writer wrote", () => {
    const w = new FdtWriter();
    w.addMemoryReservation(0x8_0000_0000n, 0x1000);
    const root = w.beginNode("");
    w.propertyEmpty("flag");
    w.propertyU64("wide", 0x1122334455667788n);
    w.propertyStringList("names", ["a", "b"]);
    w.propertyBytes("raw", [0xde, 0xad, 0xbe]);
    w.endNode(root);
    writeFileSync(join(dir, "misc.dtb"), w.finish());
    const dts = dtc(["-I", "dtb", "-O", "dts", join(dir, "misc.dtb")]);
    expect(dts).toContain("/memreserve/\t0x0000000800000000 0x0000000000001000;");
    expect(dts).toContain("flag;");
    expect(dts).toContain("wide = <0x11223344 0x55667788>;");
    expect(dts).toContain('names = "a\\0b";');
    expect(dts).toContain("raw = [de ad be];");
  });
});
