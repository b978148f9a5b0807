import { FdtError } from "./errors.js";
import { FdtWriter } from "./writer.js";

/** Options for {@link buildQemuVirtFdt}. */
export interface QemuVirtFdtOptions {
  /** Guest RAM size in bytes (RAM starts at {@link QEMU_VIRT.ramBase}). */
  readonly memorySize: number;
  /** Number of cortex-a53 vCPUs, 1 to 8 with a GICv2, 1 to 123 with a GICv3 (QEMU's first redistributor region); default 1. */
  readonly cpus?: number;
  /**
   * The interrupt controller, as QEMU's `-M virt,gic-version=`: 2 (default; `arm,cortex-a15-gic`
   * with distributor and CPU interface) or 3 (`arm,gic-v3` with distributor and one
   * redistributor region, as QEMU writes it without its ITS child).
   */
  readonly gicVersion?: 2 | 3;
  /** Kernel command line for `/chosen/bootargs`; default "console=ttyAMA0". */
  readonly bootargs?: string;
  /** Guest-physical range of the initrd, written as `/chosen/linux,initrd-start` / `-end`. */
  readonly initrd?: { readonly start: number; readonly end: number };
  /** How many `virtio,mmio` transport slots to describe, 0 to 32, as QEMU does; default 0. */
  readonly virtioMmioSlots?: number;
  /** The PSCI conduit in `/psci/method`: "hvc" (default, as QEMU) or "smc" (as libvmm's VMMs trap SMC). */
  readonly psciMethod?: "hvc" | "smc";
  /** Bytes for `/chosen/rng-seed`, so the guest's CRNG need not wait for entropy (QEMU passes 32). */
  readonly rngSeed?: Uint8Array;
}

/** Addresses and interrupt numbers of QEMU's `virt` machine that the guest tree describes. */
export const QEMU_VIRT = {
  ramBase: 0x4000_0000,
  gicDistributor: 0x0800_0000,
  gicCpuInterface: 0x0801_0000,
  gicRegionSize: 0x1_0000,
  /** GICv3: the redistributor region (64 KiB RD_base + 64 KiB SGI_base per CPU, 123 CPUs). */
  gicRedistributor: 0x080a_0000,
  gicRedistributorSize: 0xf6_0000,
  pl011: 0x0900_0000,
  pl011Size: 0x1000,
  /** PL011 interrupt: SPI 1 (INTID 33). */
  pl011Spi: 1,
  /** Generic timer PPIs: secure physical, non-secure physical, virtual, hypervisor. */
  timerPpis: [13, 14, 11, 10],
  /** The PL011's reference clock: 24 MHz. */
  apbClockHz: 24_000_000,
  /** virtio-mmio transports: slot n is at `virtioMmio + n * virtioMmioSize`, on SPI `virtioMmioFirstSpi + n`. */
  virtioMmio: 0x0a00_0000,
  virtioMmioSize: 0x200,
  virtioMmioFirstSpi: 16,
  virtioMmioMaxSlots: 32,
} as const;

const GIC_SPI = 0;
const GIC_PPI = 1;
const IRQ_EDGE_RISING = 1;
const IRQ_LEVEL_HIGH = 4;
const GICV2_MAX_CPUS = 8;
const GICV3_MAX_CPUS = 123;

/**
 * Builds the device tree of a Linux guest on a QEMU-`virt`-like board: RAM, cortex-a53 CPUs
 * started through PSCI (HVC), a GICv2 or GICv3, the architected timer, a PL011 console with its clocks,
 * optional virtio-mmio transports, and `/chosen`. The layout matches `fixtures/qemu-virt.dts`, which dtc compiles to the same bytes.
 */
export function buildQemuVirtFdt(options: QemuVirtFdtOptions): Uint8Array {
  const gicVersion = options.gicVersion ?? 2;
  if (gicVersion !== 2 && gicVersion !== 3) {
    throw new FdtError("bad-value", `buildQemuVirtFdt: gicVersion must be 2 or 3, got ${String(gicVersion)}`);
  }
  const maxCpus = gicVersion === 3 ? GICV3_MAX_CPUS : GICV2_MAX_CPUS;
  const cpus = options.cpus ?? 1;
  if (!Number.isInteger(cpus) || cpus < 1 || cpus > maxCpus) {
    throw new FdtError(
      "bad-value",
      `buildQemuVirtFdt: cpus must be an integer from 1 to ${maxCpus} with a GICv${gicVersion}, got ${cpus}`
    );
  }
  const virtioSlots = options.virtioMmioSlots ?? 0;
  if (!Number.isInteger(virtioSlots) || virtioSlots < 0 || virtioSlots > QEMU_VIRT.virtioMmioMaxSlots) {
    throw new FdtError(
      "bad-value",
      `buildQemuVirtFdt: virtioMmioSlots must be an integer from 0 to ${QEMU_VIRT.virtioMmioMaxSlots}, got ${virtioSlots}`
    );
  }
  const w = new FdtWriter();
  // Allocated in the order dtc numbers labels: the first reference in the tree gets 1.
  const gic = w.allocatePhandle();
  const apbClock = w.allocatePhandle();
  const uartPath = `/pl011@${QEMU_VIRT.pl011.toString(16)}`;

  const root = w.beginNode("");
  w.propertyU32("interrupt-parent", gic);
  w.propertyU32("#address-cells", 2);
  w.propertyU32("#size-cells", 2);
  w.propertyString("compatible", "linux,dummy-virt");

  const psci = w.beginNode("psci");
  w.propertyStringList("compatible", ["arm,psci-0.2", "arm,psci"]);
  const method = options.psciMethod ?? "hvc";
  if (method !== "hvc" && method !== "smc") {
    throw new FdtError("bad-value", `buildQemuVirtFdt: psciMethod must be "hvc" or "smc", got ${String(method)}`);
  }
  w.propertyString("method", method);
  w.endNode(psci);

  const memory = w.beginNode(`memory@${QEMU_VIRT.ramBase.toString(16)}`);
  w.propertyString("device_type", "memory");
  w.propertyU64Array("reg", [QEMU_VIRT.ramBase, options.memorySize]);
  w.endNode(memory);

  const cpusNode = w.beginNode("cpus");
  w.propertyU32("#address-cells", 1);
  w.propertyU32("#size-cells", 0);
  for (let id = 0; id < cpus; id++) {
    const cpu = w.beginNode(`cpu@${id}`);
    w.propertyString("device_type", "cpu");
    w.propertyString("compatible", "arm,cortex-a53");
    w.propertyU32("reg", id);
    w.propertyString("enable-method", "psci");
    w.endNode(cpu);
  }
  w.endNode(cpusNode);

  const intc = w.beginNode(`intc@${QEMU_VIRT.gicDistributor.toString(16)}`);
  if (gicVersion === 3) {
    w.propertyString("compatible", "arm,gic-v3");
    w.propertyU32("#interrupt-cells", 3);
    w.propertyEmpty("interrupt-controller");
    w.propertyU32("#address-cells", 2);
    w.propertyU32("#size-cells", 2);
    w.propertyEmpty("ranges");
    w.propertyU32("#redistributor-regions", 1);
    w.propertyU64Array("reg", [
      QEMU_VIRT.gicDistributor,
      QEMU_VIRT.gicRegionSize,
      QEMU_VIRT.gicRedistributor,
      QEMU_VIRT.gicRedistributorSize,
    ]);
  } else {
    w.propertyString("compatible", "arm,cortex-a15-gic");
    w.propertyU32("#interrupt-cells", 3);
    w.propertyU32("#address-cells", 0);
    w.propertyEmpty("interrupt-controller");
    w.propertyU64Array("reg", [
      QEMU_VIRT.gicDistributor,
      QEMU_VIRT.gicRegionSize,
      QEMU_VIRT.gicCpuInterface,
      QEMU_VIRT.gicRegionSize,
    ]);
  }
  w.propertyPhandle(gic);
  w.endNode(intc);

  // With GICv2, a PPI's flags carry the mask of CPUs it is wired to in bits [15:8]; GICv3 has none.
  const ppiFlags = gicVersion === 3 ? IRQ_LEVEL_HIGH : (((1 << cpus) - 1) << 8) | IRQ_LEVEL_HIGH;
  const timer = w.beginNode("timer");
  w.propertyString("compatible", "arm,armv8-timer");
  w.propertyEmpty("always-on");
  w.propertyCells(
    "interrupts",
    QEMU_VIRT.timerPpis.flatMap((ppi) => [GIC_PPI, ppi, ppiFlags])
  );
  w.endNode(timer);

  const clock = w.beginNode("apb-pclk");
  w.propertyString("compatible", "fixed-clock");
  w.propertyU32("#clock-cells", 0);
  w.propertyU32("clock-frequency", QEMU_VIRT.apbClockHz);
  w.propertyString("clock-output-names", "clk24mhz");
  w.propertyPhandle(apbClock);
  w.endNode(clock);

  const uart = w.beginNode(uartPath.slice(1));
  w.propertyStringList("compatible", ["arm,pl011", "arm,primecell"]);
  w.propertyU64Array("reg", [QEMU_VIRT.pl011, QEMU_VIRT.pl011Size]);
  w.propertyCells("interrupts", [GIC_SPI, QEMU_VIRT.pl011Spi, IRQ_LEVEL_HIGH]);
  w.propertyCells("clocks", [apbClock, apbClock]);
  w.propertyStringList("clock-names", ["uartclk", "apb_pclk"]);
  w.endNode(uart);

  for (let slot = 0; slot < virtioSlots; slot++) {
    const base = QEMU_VIRT.virtioMmio + slot * QEMU_VIRT.virtioMmioSize;
    const virtio = w.beginNode(`virtio_mmio@${base.toString(16)}`);
    w.propertyString("compatible", "virtio,mmio");
    w.propertyU64Array("reg", [base, QEMU_VIRT.virtioMmioSize]);
    w.propertyCells("interrupts", [GIC_SPI, QEMU_VIRT.virtioMmioFirstSpi + slot, IRQ_EDGE_RISING]);
    w.propertyEmpty("dma-coherent");
    w.endNode(virtio);
  }

  const chosen = w.beginNode("chosen");
  w.propertyString("bootargs", options.bootargs ?? "console=ttyAMA0");
  w.propertyString("stdout-path", uartPath);
  if (options.initrd !== undefined) {
    w.propertyU64("linux,initrd-start", options.initrd.start);
    w.propertyU64("linux,initrd-end", options.initrd.end);
  }
  if (options.rngSeed !== undefined) w.propertyBytes("rng-seed", options.rngSeed);
  w.endNode(chosen);

  w.endNode(root);
  return w.finish();
}
