/**
 * The `.system` file of the Linux VMM: which protection domain is the VMM, where its guest RAM is,
 * which channel carries the UART's IRQ. Checked here, before anything is built, so a description
 * the VMM cannot run ends with one clear line.
 */
import { QEMU_VIRT } from "@sel4ts/fdt";
import { SdfError, parseSdf, type ProtectionDomain, type SystemDescription } from "@sel4ts/microkit";
import { BootInputError, formatSize } from "./image.js";

/** The program_image the VMM protection domain names (the build maps it to the VMM program). */
export const VMM_PROGRAM_IMAGE = "linux-vmm.elf";
/** The setvar through which the VMM learns where it maps guest RAM (libvmm's examples use it too). */
export const GUEST_RAM_SETVAR = "guest_ram_vaddr";
/** The PL011's interrupt on qemu-virt (SPI 1). */
export const UART_IRQ = 32 + QEMU_VIRT.pl011Spi;

/** What the VMM needs to know about its system. */
export interface LinuxSystem {
  readonly description: SystemDescription;
  readonly vmmName: string;
  /** Guest RAM: the VMM maps it at the guest-physical address (libvmm 0.1.0's rule). */
  readonly guestRamBase: number;
  readonly guestRamSize: number;
  /** The channel on which the UART's IRQ arrives; null when the system does not pass it through. */
  readonly uartIrqChannel: number | null;
}

/**
 * Parses a `.system` file and finds the VMM in it; `memorySize` (from --mem) resizes the guest RAM
 * region. Throws {@link BootInputError} naming `fileName` when the VMM could not run it.
 */
export function loadLinuxSystem(fileName: string, xml: string, memorySize?: number): LinuxSystem {
  let description: SystemDescription;
  try {
    description = parseSdf(fileName, xml);
  } catch (error) {
    if (error instanceof SdfError) throw new BootInputError(error.message.replace(/^Error: /, `${fileName}: `));
    throw error;
  }
  const fail = (what: string): never => {
    throw new BootInputError(`${fileName}: ${what}`);
  };
  const vmms = description.protectionDomains.filter((pd) => pd.virtualMachine !== null);
  if (vmms.length !== 1) fail(`expected one protection domain with a <virtual_machine>, found ${vmms.length}`);
  const vmm = vmms[0]!;
  if (vmm.programImage !== VMM_PROGRAM_IMAGE) fail(`the VMM protection domain '${vmm.name}' must have program_image path="${VMM_PROGRAM_IMAGE}" (it names "${vmm.programImage}")`);
  const others = description.protectionDomains.filter((pd) => pd !== vmm);
  if (others.length > 0) fail(`protection domain '${others[0]!.name}' has no program here: only the VMM protection domain runs`);
  const vm = vmm.virtualMachine!;
  if (vm.vcpus.length !== 1) fail(`the virtual machine '${vm.name}' has ${vm.vcpus.length} vCPUs; this VMM runs one`);

  const setvar = vmm.setvars.find((s) => s.symbol === GUEST_RAM_SETVAR);
  if (setvar?.kind !== "vaddr") fail(`the VMM maps no memory region with setvar_vaddr="${GUEST_RAM_SETVAR}" (guest RAM)`);
  const vmmMap = vmm.maps.find((m) => m.vaddr === (setvar as { address: number }).address)!;
  const ramName = vmmMap.mr;
  const vmMap = vm.maps.find((m) => m.mr === ramName);
  if (!vmMap) fail(`the virtual machine '${vm.name}' does not map guest RAM ('${ramName}')`);
  if (vmMap!.vaddr !== QEMU_VIRT.ramBase || vmmMap.vaddr !== QEMU_VIRT.ramBase) {
    fail(`guest RAM ('${ramName}') must be mapped at 0x${QEMU_VIRT.ramBase.toString(16)} in both the VMM and the virtual machine (qemu-virt's RAM base, which the DTB describes)`);
  }
  const region = description.memoryRegions.find((mr) => mr.name === ramName)!;
  let size = region.size;
  if (memorySize !== undefined && memorySize !== size) {
    if (memorySize % region.pageSize !== 0) fail(`--mem ${formatSize(memorySize)} is not a multiple of guest RAM's page size (${formatSize(region.pageSize)} for '${ramName}')`);
    size = memorySize;
    const resized = { ...region, size, pageCount: size / region.pageSize };
    description = { ...description, memoryRegions: description.memoryRegions.map((mr) => (mr === region ? resized : mr)) };
  }
  return { description, vmmName: vmm.name, guestRamBase: QEMU_VIRT.ramBase, guestRamSize: size, uartIrqChannel: uartChannel(vmm) };
}

function uartChannel(vmm: ProtectionDomain): number | null {
  return vmm.irqs.find((irq) => irq.irq === UART_IRQ)?.id ?? null;
}
