import { describe, expect, it } from "vitest";
import { formatDts } from "./dts.js";
import { Fdt } from "./fdt.js";

describe("formatDts", () => {
  it("lays a tree out as dtc decompiles it, guessing strings, cells and bytes", () => {
    const fdt = Fdt.create();
    fdt.memoryReservations.push({ address: 0x8_0000_0000n, size: 0x1000n });
    const root = fdt.root;
    root.setU32("#address-cells", 1);
    root.setStringList("compatible", ["vendor,board", "vendor,soc"]);
    root.setString("escapes", 'tab\there "quoted" back\\slash');
    root.setProperty("control", Uint8Array.of(0x41, 0x1b, 0x42, 0)); // ESC has no short escape: not a string
    root.setProperty("high", Uint8Array.of(0xe9, 0)); // not ASCII: not a string
    root.setProperty("mostly-nul", Uint8Array.of(0x61, 0, 0, 0)); // more NULs than text: cells
    root.setBytes("three", [1, 0xab, 0xff]);
    root.setEmpty("flag");
    const child = root.addChild("child@10");
    child.setCells("reg", [0x10]);
    child.addChild("grandchild");

    expect(formatDts(fdt)).toBe(
      [
        "/dts-v1/;",
        "",
        "/memreserve/\t0x0000000800000000 0x0000000000001000;",
        "/ {",
        "\t#address-cells = <0x01>;",
        '\tcompatible = "vendor,board", "vendor,soc";',
        '\tescapes = "tab\\there \\"quoted\\" back\\\\slash";',
        "\tcontrol = <0x411b4200>;",
        "\thigh = [e9 00];",
        "\tmostly-nul = <0x61000000>;",
        "\tthree = [01 ab ff];",
        "\tflag;",
        "",
        "\tchild@10 {",
        "\t\treg = <0x10>;",
        "",
        "\t\tgrandchild {",
        "\t\t};",
        "\t};",
        "};",
        "",
      ].join("\n")
    );
  });

  it("prints values with more NULs than text as bytes, as dtc does", () => {
    const fdt = Fdt.create();
    fdt.root.setString("empty", "");
    fdt.root.setStringList("half", ["ab", ""]);
    fdt.root.setStringList("less", ["a", ""]);
    expect(formatDts(fdt)).toContain('\tempty = [00];\n\thalf = "ab", "";\n\tless = [61 00 00];\n');
  });
});
