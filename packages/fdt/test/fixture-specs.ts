// The trees of fixtures/*.dts, transcribed by hand (see fixtures/README.md).
import { bytes, cells, empty, node, str, strs, u32, u64 } from "./tree-spec.js";
import type { NodeSpec } from "./tree-spec.js";

/** fixtures/types.dts */
export const typesTree: NodeSpec = node(
  "",
  {
    "empty-flag": empty(),
    "one-cell": u32(0xdeadbeef),
    cells: cells(0, 1, 2, 0xffffffff),
    u64: u64(0x123456789abcdef0n),
    "u64-pair": u64(0xffffffffffffffffn, 1n),
    string: str("hello, world"),
    "empty-string": str(""),
    "string-list": strs("first", "second", "", "fourth"),
    "odd-bytes": bytes(0xab, 0xcd, 0xef),
    bytes: bytes(0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff),
    bits8: bytes(1, 2, 3),
    bits16: bytes(0x12, 0x34, 0x56, 0x78),
    mixed: bytes(0x74, 0x61, 0x67, 0x00, 0, 0, 0, 1, 0, 0, 0, 2, 0xaa, 0xbb),
  },
  [
    node("level1", { depth: u32(1), "#address-cells": u32(1), "#size-cells": u32(0) }, [
      node("level2@2", { depth: u32(2), reg: u32(2) }, [
        node("level3", { depth: u32(3), "#address-cells": u32(2), "#size-cells": u32(0) }, [
          node("level4@4,0", { depth: u32(4), reg: cells(4, 0) }, [node("level5", { depth: u32(5), leaf: empty() })]),
        ]),
      ]),
      node("sibling", { status: str("okay") }),
    ]),
    node("level1-b", {}),
  ]
);

/** fixtures/memreserve.dts (compiled with boot CPU 1) */
export const memreserveTree: NodeSpec = node(
  "",
  { "#address-cells": u32(1), "#size-cells": u32(1), model: str("memreserve fixture") },
  [
    node("memory@40000000", { device_type: str("memory"), reg: cells(0x40000000, 0x10000000) }),
    node("reserved-memory", { "#address-cells": u32(1), "#size-cells": u32(1), ranges: empty() }, [
      node("shared@48000000", { reg: cells(0x48000000, 0x100000), "no-map": empty() }),
    ]),
  ]
);

/** The reservations of fixtures/memreserve.dts. */
export const memreserveEntries = [
  { address: 0x48000000n, size: 0x100000n },
  { address: 0x800000000n, size: 0x20000000n },
  { address: 0n, size: 0x1000n },
];

/** fixtures/phandles.dts, with the phandles dtc assigned (gic 1, gpio 2) spelled out. */
export const phandlesTree: NodeSpec = node(
  "",
  { "#address-cells": u32(1), "#size-cells": u32(1), "interrupt-parent": u32(1) },
  [
    node("aliases", { serial0: str("/soc/serial@3000"), serial1: str("/soc/serial@4000") }),
    node("soc", { "#address-cells": u32(1), "#size-cells": u32(1), ranges: empty() }, [
      node("interrupt-controller@1000", {
        reg: cells(0x1000, 0x1000),
        "interrupt-controller": empty(),
        "#interrupt-cells": u32(3),
        "#address-cells": u32(0),
        phandle: u32(1),
      }),
      node("gpio@2000", {
        reg: cells(0x2000, 0x100),
        "gpio-controller": empty(),
        "#gpio-cells": u32(2),
        "interrupt-controller": empty(),
        "#interrupt-cells": u32(2),
        "#address-cells": u32(0),
        interrupts: cells(0, 7, 4),
        phandle: u32(2),
      }),
      node("serial@3000", { reg: cells(0x3000, 0x100), "interrupts-extended": cells(1, 0, 1, 4, 2, 5, 1) }),
      node("serial@4000", {
        reg: cells(0x4000, 0x100),
        "interrupt-parent": u32(2),
        interrupts: cells(6, 4),
        "enable-gpios": cells(2, 2, 0, 2, 3, 1),
      }),
    ]),
  ]
);

/** fixtures/qemu-virt.dts (apb-pclk got phandle 2, the GIC 1). */
export const qemuVirtTree: NodeSpec = node(
  "",
  { "interrupt-parent": u32(1), "#address-cells": u32(2), "#size-cells": u32(2), compatible: str("linux,dummy-virt") },
  [
    node("psci", { compatible: strs("arm,psci-0.2", "arm,psci"), method: str("hvc") }),
    node("memory@40000000", { device_type: str("memory"), reg: u64(0x40000000n, 0x20000000n) }),
    node(
      "cpus",
      { "#address-cells": u32(1), "#size-cells": u32(0) },
      [0, 1].map((id) =>
        node(`cpu@${id}`, {
          device_type: str("cpu"),
          compatible: str("arm,cortex-a53"),
          reg: u32(id),
          "enable-method": str("psci"),
        })
      )
    ),
    node("intc@8000000", {
      compatible: str("arm,cortex-a15-gic"),
      "#interrupt-cells": u32(3),
      "#address-cells": u32(0),
      "interrupt-controller": empty(),
      reg: u64(0x08000000n, 0x10000n, 0x08010000n, 0x10000n),
      phandle: u32(1),
    }),
    node("timer", {
      compatible: str("arm,armv8-timer"),
      "always-on": empty(),
      interrupts: cells(1, 13, 0x304, 1, 14, 0x304, 1, 11, 0x304, 1, 10, 0x304),
    }),
    node("apb-pclk", {
      compatible: str("fixed-clock"),
      "#clock-cells": u32(0),
      "clock-frequency": u32(24000000),
      "clock-output-names": str("clk24mhz"),
      phandle: u32(2),
    }),
    node("pl011@9000000", {
      compatible: strs("arm,pl011", "arm,primecell"),
      reg: u64(0x09000000n, 0x1000n),
      interrupts: cells(0, 1, 4),
      clocks: cells(2, 2),
      "clock-names": strs("uartclk", "apb_pclk"),
    }),
    ...[0, 1].map((slot) =>
      node(`virtio_mmio@a000${slot * 2}00`, {
        compatible: str("virtio,mmio"),
        reg: u64(0x0a000000n + BigInt(slot * 0x200), 0x200n),
        interrupts: cells(0, 16 + slot, 1),
        "dma-coherent": empty(),
      })
    ),
    node("chosen", {
      bootargs: str("console=ttyAMA0 earlycon rdinit=/init"),
      "stdout-path": str("/pl011@9000000"),
      "linux,initrd-start": u64(0x4d000000n),
      "linux,initrd-end": u64(0x4d200000n),
    }),
  ]
);

/** The buildQemuVirtFdt() options that fixtures/qemu-virt.dts describes. */
export const qemuVirtOptions = {
  memorySize: 0x20000000,
  cpus: 2,
  bootargs: "console=ttyAMA0 earlycon rdinit=/init",
  initrd: { start: 0x4d000000, end: 0x4d200000 },
  virtioMmioSlots: 2,
};
