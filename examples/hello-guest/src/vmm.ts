/**
 * hello-guest: a VMM written against @sel4ts/libsel4vm, as a CAmkES-VM style VMM would be.
 *
 * The VMM is the root task of a simulated seL4 kernel on QEMU's `virt` board. It creates a VM
 * with 2 MiB of RAM, the vGICv2, a PL011 UART and one vCPU, loads a bare-metal guest and runs it
 * until the guest powers off through PSCI. The UART is either emulated by the VMM (every access
 * is an exit; output only) or the board's own PL011 passed through, with its receive interrupt
 * forwarded to the guest as a virtual IRQ (an interactive console).
 */
import { Kernel, seL4_Error, type Sel4, type seL4_UserContext } from "@sel4ts/sel4-kernel-sim";
import {
  HSR_EC_SMC64,
  HSR_EC_WFX,
  PSCI_CPU_ON_64,
  PSCI_FEATURES,
  PSCI_SYSTEM_OFF,
  PSCI_SYSTEM_RESET,
  PSCI_VERSION,
  VM_RUN_STOPPED,
  advance_vcpu_fault,
  describeHsr,
  vcpu_set_entry,
  vcpu_start,
  vm_create_vcpu,
  vm_get_thread_context,
  vm_guest_ram_write_callback,
  vm_ram_touch,
  vm_register_irq,
  vm_register_smc_handler_callback,
  vm_register_unhandled_vcpu_fault_callback,
  vm_reserve_memory_at,
  vm_run,
  sel4ts_vm_init_default,
  sel4ts_vmm_env_init,
  vm_set_thread_context,
  vm_smc_handle_default,
  vm_t,
  type guest_error_report,
  type vm_exit_kind,
  type vm_vcpu_t,
} from "@sel4ts/libsel4vm";
import type { VmmEvent } from "./events";
import { UART_BASE, forwardUartIrq, passThroughUartFrame, uartFault } from "./uart";

/** Guest physical layout (QEMU virt). */
export const GUEST_RAM_BASE = 0x4000_0000;
export const GUEST_RAM_SIZE = 0x20_0000;
const VTIMER_PPI = 27;

/** How a guest is wired up: the UART model and the WFI trap setting. */
export interface GuestConfig {
  /**
   * "emulated": the VMM emulates the PL011's DR and FR through a reservation (every access is an
   * exit; output only). "passthrough": the board's PL011 is mapped into the guest (no exits) and
   * its receive interrupt forwarded as virtual IRQ 33 (input reaches the guest).
   */
  readonly uart: "emulated" | "passthrough";
  /**
   * Trap guest WFI to the VMM (seL4's default). Needed for a guest that waits for input: its
   * vCPU blocks until an IRQ is injected, so the system goes idle between keystrokes. Off for a
   * guest that sleeps on its own virtual timer (see the README's notes).
   */
  readonly trapWfi: boolean;
}

/** hello.bin: prints, sleeps on its timer three times, powers off. */
export const HELLO_GUEST: GuestConfig = { uart: "emulated", trapWfi: false };
/** echo.bin: greets, echoes what is typed, powers off on Ctrl-D. */
export const ECHO_GUEST: GuestConfig = { uart: "passthrough", trapWfi: true };
/** primes.bin: counts primes (tens of millions of instructions), prints the count, powers off. */
export const PRIMES_GUEST: GuestConfig = HELLO_GUEST;

/** What a run of the example produced. */
export interface HelloGuestResult {
  /** "powered-off" when the guest called PSCI SYSTEM_OFF; "guest-error" when libsel4vm stopped it. */
  readonly outcome: "powered-off" | "guest-error";
  /** Everything the guest wrote to its UART. */
  readonly uart: string;
  /** Exits vm_run handled, by kind. */
  readonly exits: Readonly<Record<vm_exit_kind, number>>;
  /** Times vm_run returned 0: once per virtual-timer PPI (as in C) and once after SYSTEM_OFF. */
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

/** Options of {@link GuestSession}. */
export interface GuestSessionOptions {
  /** The guest image (a flat binary loaded at GUEST_RAM_BASE). */
  readonly image: Uint8Array;
  /** How the guest is wired up (default {@link HELLO_GUEST}). */
  readonly config?: GuestConfig;
  /** The VM's name, which prefixes libsel4vm's log lines (default "hello"). */
  readonly name?: string;
  /** Called with each character the guest writes (default: collected only). */
  readonly onOutput?: (text: string) => void;
  /** Called with each thing the VMM does (default: nothing). */
  readonly onEvent?: (event: VmmEvent) => void;
}

/** Options of {@link runHelloGuest}. */
export type HelloGuestOptions = Omit<GuestSessionOptions, "config" | "onEvent">;

/** How {@link GuestSession.run} returned. */
export type SessionState = "finished" | "waiting-for-input" | "paused";

const NO_EXITS: Readonly<Record<vm_exit_kind, number>> = {
  abort: 0, syscall: 0, user_exception: 0, vgic_maintenance: 0, vcpu: 0, vppi: 0, unknown: 0, notification: 0,
};

const PSCI_NAMES = new Map<number, string>([
  [PSCI_VERSION, "PSCI_VERSION"],
  [PSCI_FEATURES, "PSCI_FEATURES"],
  [PSCI_CPU_ON_64, "CPU_ON"],
  [PSCI_SYSTEM_OFF, "SYSTEM_OFF"],
  [PSCI_SYSTEM_RESET, "SYSTEM_RESET"],
]);

/**
 * One run of the example VMM on a fresh kernel. {@link run} advances it; statistics can be read
 * between runs. Input for a pass-through UART is queued with {@link input} and handed to the
 * board's PL011 one byte at a time, only when the whole system is idle (the guest waits in WFI):
 * the same keystrokes give the same transcript and instruction count however fast they are typed.
 */
export class GuestSession {
  readonly kernel: Kernel;
  readonly config: GuestConfig;
  #vm: vm_t | null = null;
  #result: HelloGuestResult | null = null;
  #irqsInjected = 0;
  readonly #input: number[] = [];

  constructor(options: GuestSessionOptions) {
    this.config = options.config ?? HELLO_GUEST;
    let uart = "";
    const out = (c: string) => {
      uart += c;
      options.onOutput?.(c);
    };
    // 0. The kernel. With WFI traps off (KernelArmDisableWFIWFETraps, as CAmkES VM and Microkit
    //    configure seL4 for guests) a guest WFI sleeps on its own core until an interrupt (here the
    //    virtual timer) wakes it; with traps on, WFI is a VCPUFault and the VMM keeps the vCPU
    //    blocked until it injects an IRQ. The board's PL011 transmits into `out` (pass-through).
    const kernel = new Kernel({
      debugMessages: false,
      consoleOutput: (text) => {
        for (const c of text) out(c);
      },
      disableWfiWfeTraps: !this.config.trapWfi,
    });
    this.kernel = kernel;
    const emit = options.onEvent ?? (() => undefined);
    kernel.createRootTask(async (sel4) => {
      const vm = new vm_t();
      this.#vm = vm;
      const { log } = setUpVm(sel4, vm, options.name ?? "hello", options.image, this.config, out, emit, () => this.#irqsInjected++);
      // 7. Run. vm_run returns 0 after each timer PPI (callers loop, as camkes-vm does),
      //    VM_RUN_STOPPED once the guest has powered off, -1 when libsel4vm stopped the VM.
      let returns = 1;
      let status: number;
      while ((status = await vm_run(vm)) === 0) returns++;
      const outcome = status === VM_RUN_STOPPED ? "powered-off" : "guest-error";
      emit({ kind: "stopped", outcome });
      this.#result = {
        outcome,
        uart,
        exits: { ...vm.run.exit_counts },
        vmRunReturns: returns,
        instructions: kernel.instructionsRetired,
        virtualNs: kernel.clock.now,
        error: vm.run.last_error,
        log,
      };
    });
  }

  /** The result, once the guest powered off or was stopped (null before). */
  get result(): HelloGuestResult | null {
    return this.#result;
  }

  /** Instructions the guest retired so far. */
  get instructions(): number {
    return this.kernel.instructionsRetired;
  }

  /** Exits vm_run handled so far, by kind. */
  get exits(): Readonly<Record<vm_exit_kind, number>> {
    return this.#vm ? { ...this.#vm.run.exit_counts } : NO_EXITS;
  }

  /** Virtual IRQs injected so far: virtual-timer PPIs (vm_run injects each) and the UART's. */
  get irqsInjected(): number {
    return (this.#vm?.run.exit_counts.vppi ?? 0) + this.#irqsInjected;
  }

  /** Virtual time in ns. */
  get virtualNs(): number {
    return this.kernel.clock.now;
  }

  /** Queues bytes for the guest's serial line (a pass-through UART only; see the class comment). */
  input(bytes: string | Iterable<number>): void {
    for (const b of typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes) this.#input.push(b & 0xff);
  }

  /**
   * Runs the system until the guest finished ("finished"), until it waits for input and none is
   * queued ("waiting-for-input"), or until `until` returns true ("paused"; call again to go on).
   * Rejects if the VMM itself failed (a setup step that should not fail did).
   */
  async run(until?: () => boolean): Promise<SessionState> {
    for (;;) {
      if (this.#result) return "finished";
      const ended = await this.kernel.run(until ? { until } : {});
      if (ended.reason === "until") return "paused";
      if (this.#result) return "finished";
      // Only a passed-through PL011 receives; the emulated one has no receiver (input stays queued).
      const next = this.config.uart === "passthrough" ? this.#input.shift() : undefined;
      if (next === undefined) return "waiting-for-input";
      this.kernel.board!.uart.receive([next]);
    }
  }
}

/** Steps 1 to 6: the VMM's environment, the VM, its devices, PSCI, the vCPU, the loaded guest. */
function setUpVm(
  sel4: Sel4,
  vm: vm_t,
  name: string,
  image: Uint8Array,
  config: GuestConfig,
  out: (c: string) => void,
  emit: (event: VmmEvent) => void,
  countInjection: () => void,
): { vcpu: vm_vcpu_t; log: string[] } {
  const log: string[] = [];
  const logger = (line: string) => {
    log.push(line);
    emit({ kind: "log", line });
  };
  const check = (status: number, what: string) => {
    if (status !== 0) throw new Error(`${what} failed:\n${log.join("\n")}`);
  };

  // 1. The VMM's environment: an object allocator over its boot info, `simple`, its address space.
  const env = sel4ts_vmm_env_init(sel4);
  const { vka, simple } = env;

  // 2-3. The VM (a host endpoint, vm_init: guest CSpace and VSpace, reservations, a default SMC
  //    (PSCI) handler), its RAM and the vGICv2 (emulated distributor + the hardware virtual CPU
  //    interface); then the UART.
  check(sel4ts_vm_init_default(vm, env, name, GUEST_RAM_BASE, GUEST_RAM_SIZE, { logger }), "sel4ts_vm_init_default");
  if (config.uart === "emulated") {
    if (!vm_reserve_memory_at(vm, UART_BASE, 0x1000, uartFault(out, emit), null)) check(-1, "vm_reserve_memory_at");
  } else {
    passThroughUartFrame(vm, vka);
  }

  // 4. PSCI: libsel4vm's default handler answers every call (SYSTEM_OFF stops the VM and vm_run
  //    returns VM_RUN_STOPPED); this wrapper only records each call for the event log.
  vm_register_smc_handler_callback(vm, (vcpu: vm_vcpu_t, regs: seL4_UserContext) => {
    const call = Number(regs.x0 & 0xffff_ffffn);
    emit({ kind: "psci", call: PSCI_NAMES.get(call) ?? `0x${call.toString(16)}` });
    return vm_smc_handle_default(vcpu, regs);
  });

  // 5. The vCPU: the virtual timer PPI (acknowledged in the kernel when the guest EOIs it) and
  //    the VCPU-fault callback that libsel4vmmplatsupport's vmm_handle_arm_vcpu_exception would be:
  //    SMC goes to the SMC handler; a trapped WFI leaves the vCPU blocked (no reply) until
  //    vm_inject_irq wakes it.
  const vcpu = vm_create_vcpu(vm, 100);
  if (!vcpu) throw new Error(`vm_create_vcpu failed:\n${log.join("\n")}`);
  check(vm_register_irq(vcpu, VTIMER_PPI, (v, irq) => {
    emit({ kind: "irq-ack", irq });
    const acked = sel4.seL4_ARM_VCPU_AckVPPI(v.vcpu.cptr, irq);
    if (acked !== seL4_Error.seL4_NoError) logger(`${name}|ERROR: AckVPPI failed (${seL4_Error[acked]})`);
  }, null), "vm_register_irq");
  vm_register_unhandled_vcpu_fault_callback(vcpu, async (v, hsr) => {
    const ec = hsr >>> 26;
    if (ec === HSR_EC_WFX) {
      emit({ kind: "wfi", vcpu: v.vcpu_id });
      return 0;
    }
    if (ec !== HSR_EC_SMC64) {
      logger(`${name}|ERROR: unexpected vcpu exception: ${describeHsr(hsr)}`);
      return -1;
    }
    const regs = {} as seL4_UserContext;
    if (vm_get_thread_context(v, regs) !== 0) return -1;
    const status = await v.vm.arch.vm_smc_handler(v, regs);
    if (status !== 0 || !v.vcpu_online) return status;
    vm_set_thread_context(v, regs);
    advance_vcpu_fault(v);
    return 0;
  }, null);
  if (config.uart === "passthrough") forwardUartIrq(sel4, vm, vcpu, simple, emit, countInjection);

  // 6. Load the guest into RAM and start the vCPU at its first instruction.
  if (image.length > GUEST_RAM_SIZE) throw new Error(`the guest image (${image.length} bytes) is larger than guest RAM (${GUEST_RAM_SIZE} bytes)`);
  check(vm_ram_touch(vm, GUEST_RAM_BASE, image.length, vm_guest_ram_write_callback, image), "loading the guest");
  check(vcpu_set_entry(vcpu, BigInt(GUEST_RAM_BASE), 0n), "vcpu_set_entry");
  check(vcpu_start(vcpu), "vcpu_start");
  return { vcpu, log };
}

/** Runs the example VMM with hello.bin's wiring on a fresh kernel; resolves when the guest powered off or was stopped. */
export async function runHelloGuest(options: HelloGuestOptions): Promise<HelloGuestResult> {
  return runGuest({ ...options, config: HELLO_GUEST });
}

/** Options of {@link runEchoGuest}. */
export interface EchoGuestOptions extends HelloGuestOptions {
  /** What is typed, delivered one byte at a time whenever the guest waits for input. */
  readonly input: string;
}

/** Runs the interactive echo.bin with scripted input; resolves when it powered off (or waits for more input: throws). */
export async function runEchoGuest(options: EchoGuestOptions): Promise<HelloGuestResult> {
  const { input, ...rest } = options;
  const session = new GuestSession({ ...rest, config: ECHO_GUEST });
  session.input(input);
  return finish(session);
}

/** Runs a guest with the given wiring to the end (no input). */
export async function runGuest(options: GuestSessionOptions): Promise<HelloGuestResult> {
  return finish(new GuestSession(options));
}

async function finish(session: GuestSession): Promise<HelloGuestResult> {
  const state = await session.run();
  if (state !== "finished" || !session.result) throw new Error("the guest waits for input that will not come (it has not powered off)");
  return session.result;
}
