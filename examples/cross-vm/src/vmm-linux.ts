/**
 * cross-vm with Linux: the same connections, component and virtual PCI bus as ./vmm.ts, with the
 * Debian arm64 kernel as the guest (camkes-vm's vm_cross_connector application). The guest's
 * pci-host-generic driver enumerates the bus from the device tree's /pci node, and user space
 * reaches the connections through uio_pci_generic (linux/init.sh, linux/crossvm.c).
 */
import { buildQemuVirtFdt, Fdt, QEMU_VIRT } from "@sel4ts/fdt";
import { PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, vm_smc_handle_default, vm_t, type guest_error_report, type vm_exit_kind, type vm_vcpu_t } from "@sel4ts/libsel4vm";
import { vm_load_guest_kernel, vm_load_guest_module, type guest_image_t, type guest_kernel_image_t } from "@sel4ts/libsel4vmmplatsupport";
import { Kernel, type seL4_UserContext } from "@sel4ts/sel4-kernel-sim";
import { addPciNode, startComponent, type EventCounts } from "./connections";
import { setUpCrossVm, startAndRun } from "./vm-setup";

/** Guest RAM: 128 MiB at QEMU virt's RAM base. */
export const LINUX_RAM_SIZE = 0x800_0000;
/** arm64 Image placement as QEMU's virt loader: kernel 2 MiB in, initrd at half of RAM, DTB after it (2 MiB aligned). */
const KERNEL_OFFSET = 0x20_0000;
const TWO_MIB = 0x20_0000;
/** SMCCC's NOT_SUPPORTED (-1), what Linux expects for the PSCI/SMCCC calls the default handler has no answer for. */
const SMCCC_NOT_SUPPORTED = 0xffff_ffff_ffff_ffffn;
const PSCI_FUNCTION_BASE = 0x8400_0000;
const PSCI_FUNCTION_MASK = 0xbfff_ffe0;

/** What a Linux run of the example produced. */
export interface CrossVmLinuxResult {
  /** "powered-off": PSCI SYSTEM_OFF; "guest-error": libsel4vm stopped the guest; "instruction-limit": it ran out. */
  readonly outcome: "powered-off" | "guest-error" | "instruction-limit";
  /** The console (kernel log and init's output) and the component's lines, in order. */
  readonly output: string;
  readonly events: Readonly<EventCounts>;
  readonly exits: Readonly<Record<vm_exit_kind, number>>;
  readonly instructions: number;
  readonly virtualNs: number;
  readonly error: guest_error_report | null;
  readonly log: readonly string[];
}

/** Options of {@link runCrossVmLinux}. */
export interface CrossVmLinuxOptions {
  /** The arm64 kernel Image. */
  readonly kernel: Uint8Array;
  /** The gzip'd initramfs (with linux/init.sh as /init, see linux-guest.ts). */
  readonly initrd: Uint8Array;
  /** Round trips (passed on the command line as crossvm.rounds=N); default 3. */
  readonly rounds?: number;
  /** Kernel command line before crossvm.rounds; default "console=ttyAMA0". */
  readonly bootargs?: string;
  /** Stop after this many guest instructions (default 4e9). */
  readonly maxInstructions?: number;
  readonly onOutput?: (text: string) => void;
}

/** Boots Linux with the connections on a fresh kernel; resolves when it powered off or stopped. */
export async function runCrossVmLinux(options: CrossVmLinuxOptions): Promise<CrossVmLinuxResult> {
  let output = "";
  const out = (text: string) => {
    output += text;
    options.onOutput?.(text);
  };
  const kernel = new Kernel({
    debugMessages: false,
    consoleOutput: out,
    disableWfiWfeTraps: true,
    // One 4K frame cap per guest page.
    rootCNodeSizeBits: Math.ceil(Math.log2(LINUX_RAM_SIZE / 0x1000)) + 1,
  });
  const log: string[] = [];
  const events: EventCounts = { emitted: 0, consumed: 0 };
  let outcome: CrossVmLinuxResult["outcome"] | null = null;
  let vmRef: vm_t | null = null;

  kernel.createRootTask(async (sel4) => {
    // The VM (RAM, the vGICv2, the board's PL011 passed through: Linux's amba-pl011 drives it and
    // never needs a TX interrupt), the vCPU, PSCI over SMC, and the connections, the component's
    // notifications and the PCI bus exactly as for the bare-metal guest (./vm-setup).
    const vm = new vm_t();
    vmRef = vm;
    const setup = setUpCrossVm(sel4, vm, {
      name: "cross-vm-linux",
      ramSize: LINUX_RAM_SIZE,
      log,
      events,
      powerOffCalls: [PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET],
      onPowerOff: () => (outcome = "powered-off"),
      otherSmc: (v: vm_vcpu_t, regs: seL4_UserContext) => {
        const id = Number(regs.x0 & 0xffff_ffffn);
        if ((id & PSCI_FUNCTION_MASK) >>> 0 === PSCI_FUNCTION_BASE && vm_smc_handle_default(v, regs) === 0) return 0;
        regs.x0 = SMCCC_NOT_SUPPORTED;
        return 0;
      },
    });
    const { ctx, installed } = setup;
    const check = ctx.check;

    // Images as QEMU's virt loader places them, and the DTB with the initrd and /pci.
    const files = new Map<string, Uint8Array>([["Image", options.kernel], ["initrd", options.initrd]]);
    const source = { files: (name: string) => files.get(name) ?? null };
    const kernelImage: guest_kernel_image_t = { kernel_image: { load_paddr: 0, alignment: 0, size: 0 }, kernel_image_arch: {} };
    check(vm_load_guest_kernel(vm, "Image", QEMU_VIRT.ramBase + KERNEL_OFFSET, 0, kernelImage, source), "vm_load_guest_kernel");
    const initrdAt = QEMU_VIRT.ramBase + LINUX_RAM_SIZE / 2;
    const initrdImage: guest_image_t = { load_paddr: 0, alignment: 0, size: 0 };
    check(vm_load_guest_module(vm, "initrd", initrdAt, 0, initrdImage, source), "loading the initrd");
    const dtbAt = Math.ceil((initrdAt + options.initrd.length) / TWO_MIB) * TWO_MIB;
    const bootargs = `${options.bootargs ?? "console=ttyAMA0"} crossvm.rounds=${options.rounds ?? 3}`;
    const fdt = Fdt.parse(
      buildQemuVirtFdt({ memorySize: LINUX_RAM_SIZE, bootargs, psciMethod: "smc", initrd: { start: initrdAt, end: initrdAt + options.initrd.length }, rngSeed: new Uint8Array(32).fill(0x5a) }),
      { source: "qemu-virt" },
    );
    addPciNode(ctx, vm, installed.pci, fdt);
    files.set("dtb", fdt.toBlob());
    check(vm_load_guest_module(vm, "dtb", dtbAt, 0, { load_paddr: 0, alignment: 0, size: 0 }, source), "loading the DTB");

    startComponent(ctx, installed, out);
    const status = await startAndRun(setup, BigInt(dtbAt));
    if (status < 0) outcome = "guest-error";
    kernel.stop();
  });

  const limit = options.maxInstructions ?? 4e9;
  await kernel.run({ until: () => kernel.instructionsRetired >= limit });
  const vm = vmRef as vm_t | null;
  return {
    outcome: outcome ?? "instruction-limit",
    output,
    events: { ...events },
    exits: vm ? { ...vm.run.exit_counts } : ({} as Record<vm_exit_kind, number>),
    instructions: kernel.instructionsRetired,
    virtualNs: kernel.clock.now,
    error: vm?.run.last_error ?? null,
    log,
  };
}
