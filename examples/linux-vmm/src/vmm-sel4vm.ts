/**
 * The bring-up VMM on @sel4ts/libsel4vm (a CAmkES-VM style VMM): RAM, the vGICv2, an emulated
 * PL011 on SPI 1, PSCI over SMC, the virtual timer PPI, and the kernel, initrd and DTB loaded as
 * QEMU's `virt` loader places them. Everything Linux-specific (images, DTB, console) comes from
 * modules that do not depend on which library drives the VM.
 */
import {
  Kernel,
  QemuVirtBoard,
  seL4_Error,
  sel4ts_make_bootinfo_vka,
  sel4ts_make_vspace,
  USER_CONTEXT_NAMES,
  simple_default_init_bootinfo,
  vka_alloc_endpoint,
  seL4_RootCNodeCapSlots as S,
  type seL4_UserContext,
  type simple_t,
  type vka_object_t,
} from "@sel4ts/sel4-kernel-sim";
import {
  FAULT_HANDLED,
  PSCI_SYSTEM_OFF,
  PSCI_SYSTEM_RESET,
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
  vm_inject_irq,
  vm_ram_register_at,
  vm_ram_touch,
  vm_register_irq,
  vm_register_smc_handler_callback,
  vm_reserve_memory_at,
  vm_run,
  vm_smc_handle_default,
  vm_t,
  type memory_fault_result_t,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";
import { QEMU_VIRT } from "@sel4ts/fdt";
import type { LinuxBootImages } from "./boot-images.js";
import type { ConsoleInput } from "./console-input.js";
import { Pl011 } from "./pl011.js";

const VTIMER_PPI = 27;
const PL011_IRQ = 32 + QEMU_VIRT.pl011Spi;
const PSCI_NOT_SUPPORTED = 0xffff_ffff_ffff_ffffn;
const PSCI_IDS_HANDLED_BY_DEFAULT = new Set([0x8400_0000, 0x8400_0003, 0xc400_0003, 0x8400_0006]);

export interface RunLinuxOptions {
  readonly images: LinuxBootImages;
  readonly kernelImage: Uint8Array;
  readonly initrd: Uint8Array | null;
  readonly memorySize: number;
  /** Each byte the guest writes to its console. */
  readonly onOutput: (byte: number) => void;
  /** Console input from the host (stdin), handed to the UART as its driver takes it. */
  readonly input?: ConsoleInput;
  /** Checked between scheduling decisions: true ends the run (e.g. after a kernel panic). */
  readonly shouldStop?: () => boolean;
  /** Pace virtual time against the wall clock (interactive consoles). */
  readonly realtime?: boolean;
  /** Stop after this many guest instructions (a bring-up aid). */
  readonly maxInstructions?: number;
  /** Wait for input when the guest is idle (an interactive console); otherwise end when idle. */
  readonly keepAlive?: boolean;
  readonly log?: (line: string) => void;
}

export type LinuxRunOutcome = "powered-off" | "reset" | "guest-error" | "instruction-limit" | "idle" | "stopped";

export interface LinuxRunResult {
  readonly outcome: LinuxRunOutcome;
  readonly instructions: number;
  readonly virtualNs: number;
  readonly exits: Readonly<Record<string, number>>;
  readonly pc: bigint | null;
  readonly error: string | null;
}

/** Boots the images on a fresh simulated kernel and resolves when the guest stops. */
export async function runLinuxOnSel4vm(options: RunLinuxOptions): Promise<LinuxRunResult> {
  const log = options.log ?? (() => {});
  const ramBase = options.images.ramBase;
  const kernel = new Kernel({
    debugMessages: false,
    consoleOutput: () => undefined,
    disableWfiWfeTraps: true,
    ...(options.realtime ? { realtime: true } : {}),
    // One 4K frame cap per guest page: 512 MiB of RAM needs 131072 slots.
    rootCNodeSizeBits: Math.max(12, Math.ceil(Math.log2(options.memorySize / 4096)) + 1),
    // The board (not just its memory map), so the GIC's virtual CPU interface frames are live devices.
    platform: new QemuVirtBoard({
      ramSize: Math.max(0x4000_0000, 2 ** Math.ceil(Math.log2(options.memorySize + 0x1000_0000))),
      uartOutput: () => undefined,
    }),
  });
  let outcome: LinuxRunOutcome | null = null;
  let error: string | null = null;
  let vmRef: vm_t | null = null;

  kernel.createRootTask(async (sel4) => {
    const bootInfo = sel4.seL4_GetBootInfo();
    const vka = sel4ts_make_bootinfo_vka(sel4, bootInfo);
    const simple = { value: null as simple_t | null };
    simple_default_init_bootinfo(simple, sel4, bootInfo);
    const vmmVspace = sel4ts_make_vspace(vka, S.seL4_CapInitThreadVSpace);
    const endpoint = { value: null as unknown as vka_object_t };
    if (vka_alloc_endpoint(vka, endpoint) !== 0) throw new Error("no memory for the host endpoint");
    const vm = new vm_t();
    vmRef = vm;
    const check = (status: number, what: string) => {
      if (status !== 0) throw new Error(`${what} failed`);
    };
    check(vm_init(vm, vka, simple.value!, vmmVspace, null, endpoint.value.cptr, "linux", { logger: log }), "vm_init");
    check(vm_ram_register_at(vm, ramBase, options.memorySize, false), "vm_ram_register_at");
    check(vm_create_default_irq_controller(vm), "vm_create_default_irq_controller");

    const vcpu = vm_create_vcpu(vm, 100);
    if (!vcpu) return check(-1, "vm_create_vcpu");

    // The PL011: a level-triggered SPI, re-injected on EOI while it is still asserted.
    const uart = new Pl011({
      onOutput: options.onOutput,
      onIrqLevel: (high) => {
        if (high) vm_inject_irq(vcpu, PL011_IRQ);
      },
    });
    check(vm_register_irq(vcpu, PL011_IRQ, (v) => {
      if (uart.irqLevel) vm_inject_irq(v, PL011_IRQ);
    }, null), "vm_register_irq(PL011)");
    const trace = process.env.SEL4TS_TRACE_UART ? (line: string) => process.stderr.write(`[uart ${kernel.clock.now}] ${line}\n`) : null;
    const uartFault = (_vm: vm_t, v: vm_vcpu_t, addr: number): memory_fault_result_t => {
      const offset = addr - QEMU_VIRT.pl011;
      if (trace && offset !== 0 && offset !== 0x18) trace(`${is_vcpu_read_fault(v) ? "read" : "write"} 0x${offset.toString(16)} ${is_vcpu_read_fault(v) ? "" : get_vcpu_fault_data(v).toString(16)}`);
      if (trace && offset === 0 && is_vcpu_read_fault(v)) trace(`DR read`);
      options.input?.tick(kernel.clock.now);
      if (is_vcpu_read_fault(v)) set_vcpu_fault_data(v, BigInt(uart.read(offset & ~3)));
      else uart.write(offset & ~3, Number(get_vcpu_fault_data(v) & 0xffff_ffffn));
      advance_vcpu_fault(v);
      return FAULT_HANDLED;
    };
    if (!vm_reserve_memory_at(vm, QEMU_VIRT.pl011, QEMU_VIRT.pl011Size, uartFault, null)) check(-1, "vm_reserve_memory_at(PL011)");
    options.input?.attach(uart, () => {
      trace?.(`input delivered, irq level ${uart.irqLevel}`);
      kernel.wake();
    });

    vm_register_smc_handler_callback(vm, (v: vm_vcpu_t, regs: seL4_UserContext) => {
      const id = Number(regs.x0 & 0xffff_ffffn);
      if (id === PSCI_SYSTEM_OFF || id === PSCI_SYSTEM_RESET) {
        outcome = id === PSCI_SYSTEM_OFF ? "powered-off" : "reset";
        sel4.seL4_TCB_Suspend(v.tcb.tcb.cptr);
        v.vcpu_online = false;
        return 0;
      }
      if (PSCI_IDS_HANDLED_BY_DEFAULT.has(id)) return vm_smc_handle_default(v, regs);
      regs.x0 = PSCI_NOT_SUPPORTED; // every other PSCI/SMCCC function: NOT_SUPPORTED, as Linux expects
      return 0;
    });
    check(vm_register_irq(vcpu, VTIMER_PPI, (v, irq) => {
      const acked = sel4.seL4_ARM_VCPU_AckVPPI(v.vcpu.cptr, irq);
      if (acked !== seL4_Error.seL4_NoError) log(`linux|ERROR: AckVPPI failed (${seL4_Error[acked]})`);
    }, null), "vm_register_irq(vtimer)");
    // No vcpu fault callback: libsel4vm sends SMC (PSCI) exits to the SMC handler and stops the VM
    // with a report on anything else, which the run's `error` picks up from vm.run.last_error.

    const { images } = options;
    const load = (addr: number, data: Uint8Array, what: string) =>
      check(vm_ram_touch(vm, addr, data.length, vm_guest_ram_write_callback, data), `loading the ${what}`);
    load(images.kernel, options.kernelImage, "kernel");
    if (options.initrd && images.initrd) load(images.initrd.start, options.initrd, "initrd");
    load(images.dtb, images.dtbBlob, "DTB");
    check(vcpu_set_entry(vcpu, BigInt(images.kernel), BigInt(images.dtb)), "vcpu_set_entry");
    check(vcpu_start(vcpu), "vcpu_start");

    let status = 0;
    while (status === 0 && vcpu.vcpu_online) {
      status = await vm_run(vm);
      // vm_run returns after each virtual-timer PPI. The kernel sim's run loop only settles promises,
      // so give the host's event loop a turn here: stdin data and signals arrive through it.
      await new Promise<void>((resolve) => setImmediate(resolve));
      // Input reaches the UART here, in the VMM thread: injecting its IRQ is a kernel invocation.
      options.input?.tick(kernel.clock.now);
    }
    if (status < 0) {
      outcome = "guest-error";
      error ??= vm.run.last_error ? describeError(vm.run.last_error) : "vm_run failed";
    }
    kernel.stop();
  });

  const limit = options.maxInstructions ?? Infinity;
  const shouldStop = options.shouldStop ?? (() => false);
  let stoppedByCaller = false;
  const run = await kernel.run({
    until: () => {
      if (shouldStop()) stoppedByCaller = true;
      return stoppedByCaller || kernel.instructionsRetired >= limit;
    },
    ...(options.keepAlive ? { keepAlive: true } : {}),
  });
  if (outcome === null) outcome = stoppedByCaller ? "stopped" : run.reason === "until" ? "instruction-limit" : "idle";
  // The run has ended, so the VMM cannot ask the kernel; read the vCPU thread's saved registers.
  const vcpuTcb = [...kernel.tcbs].find((t) => t.vcpu !== null);
  const pc = vcpuTcb ? vcpuTcb.regs[USER_CONTEXT_NAMES.indexOf("pc")]! : null;
  const vm = vmRef as vm_t | null;
  return {
    outcome,
    instructions: kernel.instructionsRetired,
    virtualNs: kernel.clock.now,
    exits: vm ? { ...vm.run.exit_counts } : {},
    pc,
    error,
  };
}

function describeError(report: object): string {
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === "bigint" ? `0x${value.toString(16)}` : value));
}
