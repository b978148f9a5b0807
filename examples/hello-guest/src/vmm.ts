/**
 * hello-guest: a VMM written against @sel4ts/libsel4vm, as a CAmkES-VM style VMM would be.
 *
 * The VMM is the root task of a simulated seL4 kernel on QEMU's `virt` board. It creates a VM
 * with 2 MiB of RAM, the vGICv2, an emulated PL011 UART and one vCPU, loads a bare-metal guest
 * and runs it until the guest powers off through PSCI.
 */
import {
  Kernel,
  seL4_Error,
  seL4_RootCNodeCapSlots as S,
  sel4ts_make_bootinfo_vka,
  sel4ts_make_vspace,
  simple_default_init_bootinfo,
  vka_alloc_endpoint,
  type simple_t,
  type vka_object_t,
} from "@sel4ts/sel4-kernel-sim";
import {
  FAULT_HANDLED,
  VM_RUN_STOPPED,
  advance_vcpu_fault,
  get_vcpu_fault_data,
  is_vcpu_read_fault,
  set_vcpu_fault_data,
  vcpu_set_entry,
  vcpu_start,
  vm_create_default_irq_controller,
  vm_create_vcpu,
  vm_guest_ram_write_callback,
  vm_init,
  vm_ram_register_at,
  vm_ram_touch,
  vm_register_irq,
  vm_reserve_memory_at,
  vm_run,
  vm_t,
  type guest_error_report,
  type memory_fault_result_t,
  type vm_exit_kind,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";

/** Guest physical layout (QEMU virt). */
export const GUEST_RAM_BASE = 0x4000_0000;
export const GUEST_RAM_SIZE = 0x20_0000;
export const UART_BASE = 0x0900_0000;
const UART_DR = 0x00;
const VTIMER_PPI = 27;

/** What a run of the example produced. */
export interface HelloGuestResult {
  /** "powered-off" when the guest called PSCI SYSTEM_OFF; "guest-error" when libsel4vm stopped it. */
  readonly outcome: "powered-off" | "guest-error";
  /** Everything the guest wrote to its UART. */
  readonly uart: string;
  /** Exits vm_run handled, by kind. */
  readonly exits: Readonly<Record<vm_exit_kind, number>>;
  /** Times vm_run returned: 0 once per virtual-timer PPI (as in C), then VM_RUN_STOPPED after SYSTEM_OFF. */
  readonly vmRunReturns: number;
  /** Instructions the guest retired (counted by the kernel's CPU executor). */
  readonly instructions: number;
  /** Virtual time at power-off, in ns. */
  readonly virtualNs: number;
  /** The libsel4vm error report, if the guest was stopped. */
  readonly error: guest_error_report | null;
  /** Log lines of the VM. */
  readonly log: readonly string[];
}

/** Options of {@link runHelloGuest}. */
export interface HelloGuestOptions {
  /** The guest image (a flat binary loaded at GUEST_RAM_BASE). */
  readonly image: Uint8Array;
  /** Called with each character the guest writes (default: collected only). */
  readonly onOutput?: (text: string) => void;
}

/**
 * The UART: a reservation whose fault callback emulates the two registers the guest uses.
 * DR (write) is the transmit register; FR (read) reports "transmit FIFO not full" (0).
 */
function uartFault(out: (c: string) => void) {
  return (_vm: vm_t, vcpu: vm_vcpu_t, addr: number): memory_fault_result_t => {
    const offset = addr - UART_BASE;
    if (is_vcpu_read_fault(vcpu)) {
      set_vcpu_fault_data(vcpu, 0n); // FR (+0x18) and every other register read as 0: never busy
    } else if (offset === UART_DR) {
      out(String.fromCharCode(Number(get_vcpu_fault_data(vcpu) & 0xffn)));
    }
    advance_vcpu_fault(vcpu);
    return FAULT_HANDLED;
  };
}

/** Runs the example VMM on a fresh kernel; resolves when the guest powered off or was stopped. */
export async function runHelloGuest(options: HelloGuestOptions): Promise<HelloGuestResult> {
  // KernelArmDisableWFIWFETraps, as CAmkES VM and Microkit configure seL4 for guests: a guest WFI
  // sleeps on its own core until an interrupt (here the virtual timer) wakes it, instead of
  // exiting to the VMM on every WFI.
  const kernel = new Kernel({ consoleOutput: () => undefined, disableWfiWfeTraps: true });
  let uart = "";
  const log: string[] = [];
  let result: HelloGuestResult | null = null;

  kernel.createRootTask(async (sel4) => {
    // 1. The VMM's environment: an object allocator, its boot info and its address space.
    const bootInfo = sel4.seL4_GetBootInfo();
    const vka = sel4ts_make_bootinfo_vka(sel4, bootInfo);
    const simple = { value: null as simple_t | null };
    simple_default_init_bootinfo(simple, sel4, bootInfo);
    const vmmVspace = sel4ts_make_vspace(vka, S.seL4_CapInitThreadVSpace);
    const endpoint = { value: null as unknown as vka_object_t };
    if (vka_alloc_endpoint(vka, endpoint) !== 0) throw new Error("no memory for the host endpoint");

    // 2. The VM: guest CSpace and VSpace, reservations, a default SMC (PSCI) handler.
    const vm = new vm_t();
    if (vm_init(vm, vka, simple.value!, vmmVspace, null, endpoint.value.cptr, "hello", { logger: (line) => log.push(line) }) !== 0) {
      throw new Error(`vm_init failed:\n${log.join("\n")}`);
    }

    // 3. Devices: RAM, the vGICv2 (emulated distributor + the hardware virtual CPU interface), the UART.
    const check = (status: number, what: string) => {
      if (status !== 0) throw new Error(`${what} failed:\n${log.join("\n")}`);
    };
    check(vm_ram_register_at(vm, GUEST_RAM_BASE, GUEST_RAM_SIZE, false), "vm_ram_register_at");
    check(vm_create_default_irq_controller(vm), "vm_create_default_irq_controller");
    const out = (c: string) => {
      uart += c;
      options.onOutput?.(c);
    };
    if (!vm_reserve_memory_at(vm, UART_BASE, 0x1000, uartFault(out), null)) check(-1, "vm_reserve_memory_at");

    // 4. The vCPU and the virtual timer PPI (acknowledged in the kernel when the guest EOIs it).
    //    The guest's SMCs (PSCI_VERSION, SYSTEM_OFF) need no code here: without a vcpu fault
    //    callback libsel4vm passes them to the SMC handler, whose default answers PSCI.
    const vcpu = vm_create_vcpu(vm, 100);
    if (!vcpu) return check(-1, "vm_create_vcpu");
    check(vm_register_irq(vcpu, VTIMER_PPI, (v, irq) => {
      const acked = sel4.seL4_ARM_VCPU_AckVPPI(v.vcpu.cptr, irq);
      if (acked !== seL4_Error.seL4_NoError) log.push(`hello|ERROR: AckVPPI failed (${seL4_Error[acked]})`);
    }, null), "vm_register_irq");

    // 5. Load the guest into RAM and start the vCPU at its first instruction.
    check(vm_ram_touch(vm, GUEST_RAM_BASE, options.image.length, vm_guest_ram_write_callback, options.image), "loading the guest");
    check(vcpu_set_entry(vcpu, BigInt(GUEST_RAM_BASE), 0n), "vcpu_set_entry");
    check(vcpu_start(vcpu), "vcpu_start");

    // 6. Run. vm_run returns 0 after each timer PPI (callers loop, as camkes-vm does),
    //    VM_RUN_STOPPED once the guest has powered off, -1 when libsel4vm stopped the VM.
    let returns = 1;
    let status: number;
    while ((status = await vm_run(vm)) === 0) returns++;
    result = {
      outcome: status === VM_RUN_STOPPED ? "powered-off" : "guest-error",
      uart,
      exits: { ...vm.run.exit_counts },
      vmRunReturns: returns,
      instructions: kernel.instructionsRetired,
      virtualNs: kernel.clock.now,
      error: vm.run.last_error,
      log,
    };
  });
  await kernel.run();
  if (!result) throw new Error(`the VMM did not finish:\n${log.join("\n")}`);
  return result;
}
