/**
 * cross-vm: a CAmkES-VM style VMM with cross-VM connections, written against
 * @sel4ts/libsel4vm and @sel4ts/libsel4vmmplatsupport.
 *
 * The VMM is the root task of a simulated seL4 kernel on QEMU's `virt` board. It builds a VM
 * with 2 MiB of RAM, the vGICv2, the board's PL011 passed through, and a virtual PCI bus that
 * carries two cross-VM connections (camkes-vm's vm_cross_connector): connection 0 carries the
 * guest's messages and events to a native component, connection 1 the component's replies and
 * events back. The guest is a bare-metal AArch64 program booted as an arm64 Image.
 */
import { Fdt, buildQemuVirtFdt } from "@sel4ts/fdt";
import { PSCI_SYSTEM_OFF, vm_smc_handle_default, vm_t, type guest_error_report, type vm_exit_kind } from "@sel4ts/libsel4vm";
import { vm_load_guest_kernel, type guest_kernel_image_t } from "@sel4ts/libsel4vmmplatsupport";
import { Kernel } from "@sel4ts/sel4-kernel-sim";
import { addPciNode, startComponent } from "./connections";
import { setUpCrossVm, startAndRun } from "./vm-setup";

export { CONNECTION_IRQ, DATAPORT_SIZE, DONE_BADGE } from "./connections";

/** Guest physical layout (QEMU virt). */
export const GUEST_RAM_BASE = 0x4000_0000;
export const GUEST_RAM_SIZE = 0x20_0000;
export const UART_BASE = 0x0900_0000;

/** What a run of the example produced. */
export interface CrossVmResult {
  /** "powered-off" when the guest called PSCI SYSTEM_OFF; "guest-error" when libsel4vm stopped it. */
  readonly outcome: "powered-off" | "guest-error";
  /** The guest's UART output and the component's lines, in the order they happened. */
  readonly output: string;
  /** Events the guest emitted (connection 0) and events relayed to it (connection 1). */
  readonly events: { readonly emitted: number; readonly consumed: number };
  /** Exits vm_run handled, by kind. */
  readonly exits: Readonly<Record<vm_exit_kind, number>>;
  /** Instructions the guest retired. */
  readonly instructions: number;
  /** Virtual time at power-off, in ns. */
  readonly virtualNs: number;
  /** The device tree a Linux guest of this VMM would get (with the /pci node). */
  readonly dtb: Uint8Array;
  /** The libsel4vm error report, if the guest was stopped. */
  readonly error: guest_error_report | null;
  /** Log lines of the VM. */
  readonly log: readonly string[];
}

/** Options of {@link runCrossVm}. */
export interface CrossVmOptions {
  /** The guest (an arm64 Image). */
  readonly image: Uint8Array;
  /** Round trips guest → component → guest (default 3). */
  readonly rounds?: number;
  /** No per-round output (the bench). */
  readonly quiet?: boolean;
  /** Called with the output as it happens. */
  readonly onOutput?: (text: string) => void;
}

/** Runs the example on a fresh kernel; resolves when the guest powered off or was stopped. */
export async function runCrossVm(options: CrossVmOptions): Promise<CrossVmResult> {
  const rounds = options.rounds ?? 3;
  let output = "";
  const out = (text: string) => {
    output += text;
    options.onOutput?.(text);
  };
  const kernel = new Kernel({ debugMessages: false, consoleOutput: out, disableWfiWfeTraps: true });
  const log: string[] = [];
  const events = { emitted: 0, consumed: 0 };
  let result: CrossVmResult | null = null;

  kernel.createRootTask(async (sel4) => {
    // 1-6. The environment, the VM (RAM, the vGIC, the board's UART passed through), the vCPU,
    //      PSCI, virtual PCI and the two connections (./vm-setup, ./connections). PSCI
    //      SYSTEM_OFF powers the vCPU off; other calls go to the default PSCI handler.
    const vm = new vm_t();
    const setup = setUpCrossVm(sel4, vm, {
      name: "cross-vm",
      ramSize: GUEST_RAM_SIZE,
      log,
      events,
      powerOffCalls: [PSCI_SYSTEM_OFF],
      otherSmc: vm_smc_handle_default,
    });
    const { ctx, installed } = setup;

    // 7. The device tree a Linux guest would get: QEMU virt's, plus /pci made after all devices.
    const fdt = Fdt.parse(buildQemuVirtFdt({ memorySize: GUEST_RAM_SIZE }), { source: "qemu-virt" });
    addPciNode(ctx, vm, installed.pci, fdt);

    // 8. The component: a thread in this address space with its own view of the dataports.
    startComponent(ctx, installed, options.quiet ? null : out);

    // 9. Load the guest (an arm64 Image); 10. start the vCPU with x0 = rounds | quiet << 32 and
    //    run until the guest powers off.
    const kernelImage: guest_kernel_image_t = { kernel_image: { load_paddr: 0, alignment: 0, size: 0 }, kernel_image_arch: {} };
    ctx.check(vm_load_guest_kernel(vm, "cross.img", GUEST_RAM_BASE, 0, kernelImage, { files: (name) => (name === "cross.img" ? options.image : null) }), "vm_load_guest_kernel");
    const status = await startAndRun(setup, BigInt(rounds) | (options.quiet ? 1n << 32n : 0n));
    result = {
      outcome: status < 0 ? "guest-error" : "powered-off",
      output,
      events: { ...events },
      exits: { ...vm.run.exit_counts },
      instructions: kernel.instructionsRetired,
      virtualNs: kernel.clock.now,
      dtb: fdt.toBlob(),
      error: vm.run.last_error,
      log,
    };
  });
  await kernel.run();
  if (!result) throw new Error(`the VMM did not finish:\n${log.join("\n")}`);
  return result;
}
