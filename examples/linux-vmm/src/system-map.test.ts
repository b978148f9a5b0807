import { describe, expect, it } from "vitest";
import { SystemMap } from "./system-map.js";

// Lines in the format of Debian's /boot/System.map-6.1.0-*-cloud-arm64 (nm -n: address, type, name).
const SAMPLE = `ffff800008000000 T _text
ffff800008010000 T __irqentry_text_start
ffff800008010000 T gic_handle_irq
ffff800008010340 t gic_eoimode1_eoi_irq
ffff8000080103a0 D some_data
ffff800008c0a000 T __cpu_setup
ffff800009a10000 B __bss_start
`;

describe("System.map symbols", () => {
  const map = SystemMap.parse(SAMPLE);

  it("names a code address as the symbol at or below it plus the offset; data symbols are not code", () => {
    expect(map.size).toBe(5);
    expect(map.symbolize(0xffff800008010000n)).toMatch(/^(__irqentry_text_start|gic_handle_irq)$/);
    expect(map.symbolize(0xffff800008010344n)).toBe("gic_eoimode1_eoi_irq+0x4");
    expect(map.symbolize(0xffff8000080103a4n)).toBe("gic_eoimode1_eoi_irq+0x64");
    expect(map.symbolize(0xffff800007ffffffn)).toBeNull();
    expect(map.symbolize(0xffff800009c0a000n)).toBeNull(); // far past the last code symbol
  });

  it("moves MMU-off (physical) addresses of head.S to the link address of an image loaded at a physical address", () => {
    const symbolize = map.kernelSymbolizer(0x4020_0000);
    expect(symbolize(0x40e0a010n)).toBe("__cpu_setup+0x10");
    expect(symbolize(0xffff800008c0a010n)).toBe("__cpu_setup+0x10");
  });

  it("refuses a file that is not a System.map, naming the line", () => {
    expect(() => SystemMap.parse("ffff800008000000 T _text\nELF\u0002\u0001", "vmlinux")).toThrow(
      /^vmlinux:2: expected "ADDRESS TYPE NAME" \(a System\.map\)/,
    );
  });
});
