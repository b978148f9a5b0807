/**
 * The Linux VMM: a Microkit protection domain on @sel4ts/libvmm, built from a `.system` file (see
 * system/linux.system), in the shape of libvmm's simple example. It loads the kernel, initrd and
 * DTB with linux_setup_images, passes the board's PL011 through (its frame is mapped into the VM;
 * IRQ 33 reaches the VMM as a Microkit IRQ and goes in with virq_register_passthrough), and leaves
 * the virtual timer (VPPI 27) and PSCI to libvmm. SYSTEM_OFF ends the run; SYSTEM_RESET reboots
 * with guest_restart up to a limit.
 *
 * {@link LinuxVmm} keeps the kernel, the built system and the libvmm instance reachable, so debug
 * aids can attach to them before {@link LinuxVmm.run}.
 */
import { GUEST_BOOT_VCPU_ID, fault_to_string, libvmm, type Libvmm } from "@sel4ts/libvmm";
import { buildSystem, defineProtectionDomain, type MicrokitPd, type MicrokitSystem, type microkit_msginfo } from "@sel4ts/microkit";
import { IrqSignal, Pl011, QemuVirtBoard, USER_CONTEXT_NAMES, seL4_VMFault_Addr, type Kernel, type KernelOptions, type Tcb } from "@sel4ts/sel4-kernel-sim";
import type { LinuxBootImages } from "./boot-images.js";
import { FIFO_FILL_NS, OPEN_DELAY_NS, pl011InputPort, type ConsoleInput } from "./console-input.js";
import { UART_IRQ, VMM_PROGRAM_IMAGE, type LinuxSystem } from "./system.js";

/**
 * The one switch for guest WFI: false builds the kernel with WFI/WFE traps off (seL4's
 * KernelArmDisableWFIWFETraps), so an idle guest sleeps in the kernel until its next interrupt
 * without an exit to the VMM; true traps every WFI to libvmm (a VCPUFault per idle entry).
 */
export const TRAP_GUEST_WFI = true;

const VPPI_EVENT = 9; // seL4_Fault_VPPIEvent (MCS numbering)
const VCPU_FAULT = 8;
const VM_FAULT = 6;
const GIC_DIST = { base: 0x800_0000, size: 0x1_0000 };
const EXCEPTION_CLASSES: Record<number, string> = { 0x01: "WFI/WFE", 0x16: "HVC", 0x17: "SMC", 0x18: "system register" };

export interface LinuxVmmOptions {
  readonly system: LinuxSystem;
  readonly images: LinuxBootImages;
  readonly kernelImage: Uint8Array;
  readonly initrd: Uint8Array | null;
  /** Each byte the guest writes to its console (the board's PL011). */
  readonly onOutput: (byte: number) => void;
  /** Console input from the host, handed to the UART as its driver takes it. */
  readonly input?: ConsoleInput;
  /** Checked between scheduling decisions: true ends the run (e.g. after a kernel panic). */
  readonly shouldStop?: () => boolean;
  /** Pace virtual time against the wall clock (interactive consoles). */
  readonly realtime?: boolean;
  /** Stop after this many guest instructions (a bring-up aid). */
  readonly maxInstructions?: number;
  /** PSCI SYSTEM_RESETs answered with guest_restart; the next one ends the run (default: no limit). */
  readonly maxReboots?: number;
  /** Wait for input when the guest is idle (an interactive console); otherwise end when idle. */
  readonly keepAlive?: boolean;
  /** Trap guest WFI to the VMM (default {@link TRAP_GUEST_WFI}). */
  readonly trapWfi?: boolean;
  /** Run the guest with cpu-aarch64's block translator (KernelOptions.jit; default true, false for the interpreter only). */
  readonly jit?: boolean;
  /** Each line the VMM and the Microkit monitor print (LOG_VMM, LOG_VMM_ERR, MON|...). */
  readonly log?: (line: string) => void;
  /** Extra Kernel options for debugging aids (KernelOptions.onGuestCore: `pnpm linux --trace-diff`). */
  readonly kernelOptions?: Pick<KernelOptions, "onGuestCore">;
}

export type LinuxRunOutcome = "powered-off" | "reset" | "guest-error" | "instruction-limit" | "idle" | "stopped";

export interface LinuxRunResult {
  readonly outcome: LinuxRunOutcome;
  readonly instructions: number;
  readonly virtualNs: number;
  /** Exits to the VMM by class: fault labels (VCPUFault split by exception class) and IRQ notifications. */
  readonly exits: Readonly<Record<string, number>>;
  /** Boots of the guest: 1 + the reboots done. */
  readonly boots: number;
  readonly pc: bigint | null;
  readonly error: string | null;
}

/** One Linux guest on a fresh kernel sim; {@link run} boots it and resolves when it stops. */
export class LinuxVmm {
  readonly kernel: Kernel;
  readonly system: MicrokitSystem;
  /** The VMM PD's libvmm instance (set when the PD starts, before the guest's first instruction). */
  vmm: Libvmm | null = null;
  readonly exits: Record<string, number> = {};
  #outcome: LinuxRunOutcome | null = null;
  #error: string | null = null;
  #inputPoll: (() => void) | null = null;

  constructor(private readonly options: LinuxVmmOptions) {
    let pending = "";
    const log = options.log ?? (() => {});
    const kernelOptions = {
      rootCNodeSizeBits: 17,
      platform: new QemuVirtBoard({ ramSize: boardRamSize(options.system.guestRamSize), uartOutput: options.onOutput }),
      consoleOutput: (text: string) => {
        pending += text;
        for (let nl = pending.indexOf("\n"); nl >= 0; nl = pending.indexOf("\n")) {
          log(pending.slice(0, nl));
          pending = pending.slice(nl + 1);
        }
      },
      disableWfiWfeTraps: !(options.trapWfi ?? TRAP_GUEST_WFI),
      ...(options.realtime ? { realtime: true } : {}),
      jit: options.jit ?? true,
      ...options.kernelOptions,
    };
    this.system = buildSystem(options.system.description, { [VMM_PROGRAM_IMAGE]: this.#program() }, { kernel: kernelOptions });
    this.kernel = this.system.kernel;
  }

  /** The guest vCPU's thread (its saved registers; null before the system is built). */
  get guestTcb(): Tcb | null {
    return [...this.kernel.tcbs].find((t) => t.vcpu !== null) ?? null;
  }

  /** The board's console UART, which the guest drives directly (passed through). */
  get uart(): Pl011 {
    return this.kernel.board!.uart;
  }

  /** Offers queued console input to the UART now and keeps offering it until the queue is empty. */
  kickInput(): void {
    if (!this.#inputPoll) this.#pollInput();
  }

  async run(): Promise<LinuxRunResult> {
    const { options } = this;
    options.input?.attach(pl011InputPort(this.uart), () => this.kernel.wake());
    this.kickInput();
    const limit = options.maxInstructions ?? Infinity;
    const shouldStop = options.shouldStop ?? (() => false);
    let stopped = false;
    const run = await this.system.run({
      until: () => (stopped ||= shouldStop()) || this.kernel.instructionsRetired >= limit,
      ...(options.keepAlive ? { keepAlive: true } : {}),
    });
    this.#inputPoll?.();
    const outcome = this.#outcome ?? (stopped ? "stopped" : run.reason === "until" ? "instruction-limit" : "idle");
    // The run has ended, so nobody can ask the kernel; read the vCPU thread's saved registers.
    const vcpuTcb = this.guestTcb;
    return {
      outcome,
      instructions: this.kernel.instructionsRetired,
      virtualNs: this.kernel.clock.now,
      exits: { ...this.exits },
      boots: this.vmm?.stats.boots ?? 0,
      pc: vcpuTcb ? vcpuTcb.regs[USER_CONTEXT_NAMES.indexOf("pc")]! : null,
      error: this.#error,
    };
  }

  #end(outcome: LinuxRunOutcome, error: string | null = null): void {
    this.#outcome ??= outcome;
    this.#error ??= error;
    this.kernel.stop();
  }

  #count(what: string): void {
    this.exits[what] = (this.exits[what] ?? 0) + 1;
  }

  #pollInput(): void {
    this.#inputPoll = null;
    const input = this.options.input;
    if (!input) return;
    const now = this.kernel.clock.now;
    input.tick(now);
    if (input.pending > 0) this.#inputPoll = this.kernel.clock.schedule(now + Math.min(FIFO_FILL_NS, OPEN_DELAY_NS), () => this.#pollInput());
  }

  /** The VMM PD's program: libvmm's simple example's vmm.c with Linux's images. */
  #program() {
    const { system, images, kernelImage, initrd } = this.options;
    const uartChannel = system.uartIrqChannel;
    return defineProtectionDomain((microkit: MicrokitPd) => {
      const ramVaddr = Number(microkit.setvars.guest_ram_vaddr);
      const vmm = libvmm(microkit, {
        guest_ram_vaddr: ramVaddr,
        guest_ram_size: system.guestRamSize,
        on_system_off: () => this.#end("powered-off"),
        on_system_reset: () => {
          const done = vmm.stats.boots - 1;
          if (done >= (this.options.maxReboots ?? Infinity)) return this.#end("reset");
          // A system reset resets the board's devices too: the UART comes back masked with empty FIFOs.
          this.uart.restore(new Pl011({ irq: new IrqSignal(), output: () => {} }).save());
          if (!vmm.guest_restart(GUEST_BOOT_VCPU_ID, ramVaddr, system.guestRamSize)) this.#end("guest-error", "guest_restart failed");
        },
      });
      this.vmm = vmm;
      return {
        init: () => {
          const initrdBytes = initrd && images.initrd ? initrd : new Uint8Array(0);
          const ramStart = images.kernel - (images.kernel % 0x20_0000);
          const kernelPc = vmm.linux_setup_images(
            ramStart, kernelImage, kernelImage.length, images.dtbBlob, images.dtb, images.dtbBlob.length,
            initrdBytes, images.initrd?.start ?? 0, initrdBytes.length,
          );
          if (kernelPc !== images.kernel) return this.#end("guest-error", `linux_setup_images placed the kernel at ${kernelPc}, not at 0x${images.kernel.toString(16)}`);
          if (!vmm.virq_controller_init(GUEST_BOOT_VCPU_ID)) return this.#end("guest-error", "virq_controller_init failed");
          if (uartChannel !== null && !vmm.virq_register_passthrough(GUEST_BOOT_VCPU_ID, UART_IRQ, uartChannel)) {
            return this.#end("guest-error", "virq_register_passthrough failed for the UART");
          }
          if (!vmm.guest_start(GUEST_BOOT_VCPU_ID, kernelPc, images.dtb, images.initrd?.start ?? 0)) this.#end("guest-error", "guest_start failed");
        },
        notified: (ch) => {
          this.#count(`IRQ (channel ${ch})`);
          if (ch === uartChannel) vmm.virq_handle_passthrough(ch);
          else vmm.log.error("notified", `unexpected channel ${ch}`);
        },
        fault: (child, msginfo, reply) => {
          this.#count(this.#exitClass(microkit, msginfo));
          if (!vmm.fault_handle(child, msginfo)) {
            this.#end("guest-error", `libvmm could not handle a ${fault_to_string(msginfo.label)} of vCPU ${child}`);
            return false;
          }
          reply.value = microkit.microkit_msginfo_new(0, 0);
          // Timer PPIs come at least once per guest tick while it runs or sleeps: a good moment to
          // pass on stdin (the kernel sim's run() gives the host's event loop turns to read it).
          if (msginfo.label === VPPI_EVENT) this.options.input?.tick(this.kernel.clock.now);
          return true;
        },
      };
    });
  }

  #exitClass(microkit: MicrokitPd, msginfo: microkit_msginfo): string {
    const name = fault_to_string(msginfo.label);
    if (msginfo.label === VCPU_FAULT) {
      const ec = Number(microkit.microkit_mr_get(0)) >>> 26;
      return `${name} (${EXCEPTION_CLASSES[ec] ?? `EC 0x${ec.toString(16)}`})`;
    }
    if (msginfo.label === VM_FAULT) {
      const addr = Number(microkit.microkit_mr_get(seL4_VMFault_Addr));
      return `${name} (${addr >= GIC_DIST.base && addr < GIC_DIST.base + GIC_DIST.size ? "GIC distributor" : "other"})`;
    }
    return name;
  }
}

/** The board's RAM: guest RAM plus room for the kernel's and the system's objects (allocated lazily). */
function boardRamSize(guestRamSize: number): number {
  return Math.max(0x8000_0000, 2 ** Math.ceil(Math.log2(guestRamSize + 0x2000_0000)));
}
