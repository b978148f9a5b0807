// One libvmm instance per VMM PD: the C library's globals (the guest, the vGIC, the fault
// handler table, the passthrough map) are this object's fields, so several VMM PDs (several VMs)
// run in one process. Every C function is a method with its C name and 0.1.0 signature.
import { MicrokitSlots } from "@sel4ts/microkit";
import {
  emptyUserContext, seL4_FaultType_MCS as Fault, seL4_VCPUReg, seL4_UnknownSyscall_Syscall, seL4_UserException_Code, seL4_UserException_FaultIP,
  seL4_UserException_Number, seL4_VMFault_Addr, seL4_VMFault_FSR, seL4_VMFault_IP, seL4_VMFault_PrefetchFault, type seL4_MessageInfo_t,
  type seL4_UserContext,
} from "@sel4ts/sel4-kernel-sim";
import { HSR_EC_HVC64, HSR_EC_SMC64, HSR_EC_SYSREG64, HSR_EC_WFX, dataAbortMask, describeHsr, emulateDataAbort, hsrExceptionClass, hsrIsv, hsrSas, hsrWnR } from "@sel4ts/vmm-common";
import { decode_rt, fault_emulate_write, fault_get_data, fault_to_string } from "./fault-helpers";
import { GuestRam } from "./guest-ram";
import { setupLinuxImages } from "./linux";
import { hex, vmmLog, type VmmLog, type VmmPd } from "./pd";
import { handleSmccc, type PsciHost, type smc_sip_handler_t } from "./psci";
import { ICC_SGI1R_EL1, ICC_SRE_EL1, decodeSysregTrap, isSysreg } from "./vgic/sysreg-trap";
import type { VgicCore } from "./vgic/vgic-core";
import { VGIC_DIST_SIZE, VgicV2, type virq_ack_fn_t } from "./vgic/vgic-v2";
import { VGIC_V3_DIST_SIZE, VGIC_V3_REDIST_STRIDE, VgicV3 } from "./vgic/vgic-v3";
import { VirtioConsole } from "./virtio/console";
import type { VirtioMmioDevice } from "./virtio/virtio-mmio";

/** vm_exception_handler_t: emulates an access at `offset` in its range; edits `regs` (a load's result). */
export type vm_exception_handler_t = (vcpu_id: number, offset: number, fsr: number, regs: seL4_UserContext, data: unknown) => boolean;

export interface LibvmmOptions {
  /** Where the VMM PD maps guest RAM (libvmm 0.1.0: equal to its guest-physical address). */
  readonly guest_ram_vaddr: number;
  readonly guest_ram_size: number;
  /** vCPUs of the virtual_machine (ids 0..n-1; default 1). */
  readonly num_vcpus?: number;
  /**
   * The guest's interrupt controller (libvmm's CONFIG_ARM_GIC_V3_SUPPORT): 2 (default; the
   * distributor is emulated, the CPU interface is the board's GICV page) or 3 (distributor and
   * redistributors emulated, the CPU interface is the ICH_* virtual interface the guest reaches
   * through ICC_* system registers; needs a kernel on a GICv3 board).
   */
  readonly gic_version?: 2 | 3;
  /** The guest-physical address of the distributor (default QEMU virt's 0x8000000). */
  readonly gic_dist_paddr?: number;
  /** GICv3: the guest-physical address of the redistributors, 0x20000 per vCPU (default QEMU virt's 0x80A0000). */
  readonly gic_redist_paddr?: number;
  /** PSCI SYSTEM_OFF: after the guest is stopped (default: nothing more). */
  readonly on_system_off?: (vcpu_id: number) => void;
  /** PSCI SYSTEM_RESET: replaces the default, guest_restart(boot vCPU, guest RAM). */
  readonly on_system_reset?: (vcpu_id: number) => void;
}

/** Faults and exits counted per instance (TypeScript extra, for tests and benches). */
export interface LibvmmStats {
  vm_faults: number;
  /** WFI/WFE traps (0 on a kernel built with WFI traps off, where WFI sleeps in the guest). */
  wfi_exits: number;
  boots: number;
  powered_off: boolean;
}

export const GUEST_BOOT_VCPU_ID = 0;
export const GUEST_MAX_NUM_VCPUS = 4;
export const MAX_VM_EXCEPTION_HANDLERS = 16;
/** EL1h with D, A, I, F masked, as Linux's booting.rst requires at entry (0.1.0 wrote 5: EL1h unmasked). */
const SPSR_EL1H_MASKED = 0x3c5n;
/** SCTLR_EL1 with its RES1 bits and the MMU and caches off. */
const SCTLR_EL1_RESET = 0x30d0_0800n;
const VCPU_REGS_TO_ZERO = [
  seL4_VCPUReg.seL4_VCPUReg_TTBR0, seL4_VCPUReg.seL4_VCPUReg_TTBR1, seL4_VCPUReg.seL4_VCPUReg_TCR, seL4_VCPUReg.seL4_VCPUReg_MAIR,
  seL4_VCPUReg.seL4_VCPUReg_AMAIR, seL4_VCPUReg.seL4_VCPUReg_CIDR, seL4_VCPUReg.seL4_VCPUReg_ACTLR, seL4_VCPUReg.seL4_VCPUReg_CPACR,
  seL4_VCPUReg.seL4_VCPUReg_AFSR0, seL4_VCPUReg.seL4_VCPUReg_AFSR1, seL4_VCPUReg.seL4_VCPUReg_ESR, seL4_VCPUReg.seL4_VCPUReg_FAR,
  seL4_VCPUReg.seL4_VCPUReg_VBAR, seL4_VCPUReg.seL4_VCPUReg_TPIDR_EL1, seL4_VCPUReg.seL4_VCPUReg_SP_EL1, seL4_VCPUReg.seL4_VCPUReg_ELR_EL1,
  seL4_VCPUReg.seL4_VCPUReg_SPSR_EL1, seL4_VCPUReg.seL4_VCPUReg_CNTV_CTL, seL4_VCPUReg.seL4_VCPUReg_CNTV_CVAL, seL4_VCPUReg.seL4_VCPUReg_CNTVOFF,
  seL4_VCPUReg.seL4_VCPUReg_CNTKCTL_EL1,
];

interface Range {
  readonly base: number;
  readonly size: number;
  readonly handler: vm_exception_handler_t;
  readonly data: unknown;
}

interface SavedImages {
  readonly ram_start: number;
  readonly kernel: Uint8Array;
  readonly dtb: Uint8Array;
  readonly initrd: Uint8Array;
  readonly dtb_dest: number;
  readonly initrd_dest: number;
}

export class Libvmm {
  readonly log: VmmLog;
  readonly ram: GuestRam;
  readonly num_vcpus: number;
  readonly stats: LibvmmStats = { vm_faults: 0, wfi_exits: 0, boots: 0, powered_off: false };
  vgic: VgicCore | null = null;
  readonly #on: boolean[];
  readonly #ranges: Range[] = [];
  /** Per vCPU, the seL4_UserContext the fault paths read into (see #faultRegs). */
  readonly #faultContexts: seL4_UserContext[] = [];
  readonly #passthrough = new Map<number, { vcpu_id: number; irq: number }>();
  #images: SavedImages | null = null;
  #start: { kernel_pc: number; dtb: number; initrd: number } | null = null;
  readonly #psci: PsciHost;
  readonly #virtio: VirtioMmioDevice[] = [];

  constructor(
    readonly pd: VmmPd,
    readonly options: LibvmmOptions,
  ) {
    this.log = vmmLog(pd);
    this.ram = new GuestRam(pd, options.guest_ram_vaddr, options.guest_ram_size);
    this.num_vcpus = options.num_vcpus ?? 1;
    if (this.num_vcpus < 1 || this.num_vcpus > GUEST_MAX_NUM_VCPUS) throw new RangeError(`libvmm: num_vcpus must be 1..${GUEST_MAX_NUM_VCPUS}, not ${this.num_vcpus}`);
    this.#on = new Array<boolean>(this.num_vcpus).fill(false);
    this.#psci = {
      num_vcpus: this.num_vcpus,
      vcpuIsOn: (v) => this.vcpu_is_on(v),
      cpuOn: (v, entry, context) => this.#cpuOn(v, entry, context),
      cpuOff: (v) => {
        this.vcpu_set_on(v, false);
        this.pd.microkit_vcpu_stop(v);
      },
      systemOff: (v) => {
        this.log.info(`guest powered off (PSCI SYSTEM_OFF from vCPU ${v})`);
        for (let i = 0; i < this.num_vcpus; i++) if (this.vcpu_is_on(i)) this.guest_stop(i);
        this.stats.powered_off = true;
        this.options.on_system_off?.(v);
      },
      systemReset: (v) => {
        this.log.info(`guest reset (PSCI SYSTEM_RESET from vCPU ${v})`);
        if (this.options.on_system_reset) this.options.on_system_reset(v);
        else this.guest_restart(GUEST_BOOT_VCPU_ID, this.options.guest_ram_vaddr, this.options.guest_ram_size);
      },
      log: this.log,
      sipHandler: null,
    };
  }

  // ---- vCPUs ----

  vcpu_is_on(vcpu_id: number): boolean {
    return this.#on[vcpu_id] ?? false;
  }

  vcpu_set_on(vcpu_id: number, on: boolean): void {
    if (vcpu_id >= 0 && vcpu_id < this.num_vcpus) this.#on[vcpu_id] = on;
  }

  /** vcpu_reset: EL1 system registers to their reset values; VMPIDR_EL2 = vcpu id (bit 31 RES1). */
  vcpu_reset(vcpu_id: number): void {
    for (const reg of VCPU_REGS_TO_ZERO) this.pd.microkit_vcpu_arm_write_reg(vcpu_id, reg, 0n);
    this.pd.microkit_vcpu_arm_write_reg(vcpu_id, seL4_VCPUReg.seL4_VCPUReg_SCTLR, SCTLR_EL1_RESET);
    this.pd.microkit_vcpu_arm_write_reg(vcpu_id, seL4_VCPUReg.seL4_VCPUReg_VMPIDR_EL2, 0x8000_0000n | BigInt(vcpu_id));
  }

  #readRegs(vcpu_id: number, into: seL4_UserContext = emptyUserContext()): seL4_UserContext {
    this.pd.sel4.seL4_TCB_ReadRegisters(MicrokitSlots.BASE_VM_TCB_CAP + vcpu_id, false, 0, 36, into);
    return into;
  }

  /**
   * The vCPU's registers read into its fault context: one seL4_UserContext per vCPU reused by
   * every fault, as the C VMM's `seL4_UserContext regs` lives on the fault handler's stack (a
   * handler may use it only during its call).
   */
  #faultRegs(vcpu_id: number): seL4_UserContext {
    const regs = (this.#faultContexts[vcpu_id] ??= emptyUserContext());
    return this.#readRegs(vcpu_id, regs);
  }

  /** The registered range holding `addr`, or undefined. */
  #rangeAt(addr: number): Range | undefined {
    for (const r of this.#ranges) if (addr >= r.base && addr < r.base + r.size) return r;
    return undefined;
  }

  #writeRegs(vcpu_id: number, regs: seL4_UserContext): void {
    this.pd.sel4.seL4_TCB_WriteRegisters(MicrokitSlots.BASE_VM_TCB_CAP + vcpu_id, false, 0, 36, regs);
  }

  tcb_print_regs(vcpu_id: number): void {
    const r = this.#readRegs(vcpu_id);
    const gp = Array.from({ length: 31 }, (_, i) => `x${i}: ${hex(r[`x${i}` as "x0"])}`);
    this.log.info(`TCB registers of vCPU ${vcpu_id}: pc: ${hex(r.pc)} sp: ${hex(r.sp)} spsr: ${hex(r.spsr)} ${gp.join(" ")}`);
  }

  vcpu_print_regs(vcpu_id: number): void {
    const names = Object.keys(seL4_VCPUReg).filter((k) => Number.isNaN(Number(k)) && k !== "seL4_VCPUReg_Num") as (keyof typeof seL4_VCPUReg)[];
    const parts = names.map((n) => `${n.slice("seL4_VCPUReg_".length)}: ${hex(this.pd.microkit_vcpu_arm_read_reg(vcpu_id, seL4_VCPUReg[n]))}`);
    this.log.info(`vCPU ${vcpu_id} registers: ${parts.join(" ")}`);
  }

  #cpuOn(vcpu_id: number, entry: bigint, context: bigint): void {
    this.vcpu_reset(vcpu_id);
    const regs = emptyUserContext();
    regs.x0 = context;
    regs.pc = entry;
    regs.spsr = SPSR_EL1H_MASKED;
    this.#writeRegs(vcpu_id, regs);
    this.vcpu_set_on(vcpu_id, true);
    this.pd.microkit_vcpu_restart(vcpu_id, entry);
  }

  // ---- images and lifecycle ----

  /**
   * linux_setup_images (0.1.0): `ram_start` is guest RAM (VMM vaddr == guest physical); the
   * sources are byte arrays (C pointers). Returns the kernel entry point or -1.
   */
  linux_setup_images(
    ram_start: number, kernel: Uint8Array, kernel_size: number, dtb_src: Uint8Array, dtb_dest: number, dtb_size: number,
    initrd_src: Uint8Array, initrd_dest: number, initrd_size: number,
  ): number {
    const pc = setupLinuxImages(this.ram, this.log, ram_start, { kernel, dtb: dtb_src, initrd: initrd_src }, kernel_size, dtb_dest, dtb_size, initrd_dest, initrd_size);
    if (pc !== -1) {
      // Kept for guest_restart, which boots the same images again.
      this.#images = {
        ram_start, dtb_dest, initrd_dest,
        kernel: kernel.slice(0, kernel_size), dtb: dtb_src.slice(0, dtb_size), initrd: initrd_src.slice(0, initrd_size),
      };
    }
    return pc;
  }

  /** guest_start: x0 = DTB, pc = kernel_pc, EL1h with DAIF masked; vCPU on; microkit_vcpu_restart. */
  guest_start(boot_vcpu_id: number, kernel_pc: number, dtb: number, initrd: number): boolean {
    if (boot_vcpu_id < 0 || boot_vcpu_id >= this.num_vcpus) {
      this.log.error("guest_start", `invalid boot vCPU ${boot_vcpu_id}`);
      return false;
    }
    this.#start = { kernel_pc, dtb, initrd };
    this.vcpu_reset(boot_vcpu_id);
    const regs = emptyUserContext();
    regs.x0 = BigInt(dtb);
    regs.pc = BigInt(kernel_pc);
    regs.spsr = SPSR_EL1H_MASKED;
    this.#writeRegs(boot_vcpu_id, regs);
    this.log.info(`starting guest at ${hex(kernel_pc)}, DTB at ${hex(dtb)}, initrd at ${hex(initrd)}`);
    this.vcpu_set_on(boot_vcpu_id, true);
    this.stats.boots++;
    this.stats.powered_off = false;
    this.pd.microkit_vcpu_restart(boot_vcpu_id, kernel_pc);
    return true;
  }

  guest_stop(boot_vcpu_id: number): void {
    this.pd.microkit_vcpu_stop(boot_vcpu_id);
    this.vcpu_set_on(boot_vcpu_id, false);
  }

  /**
   * guest_restart: stops every vCPU, zeroes guest RAM, resets the vCPUs and the vGIC (IRQs in
   * flight are acknowledged so pass-through sources re-arm), loads the images of the last
   * linux_setup_images again and boots as the last guest_start did. (libvmm's is a stub.)
   */
  guest_restart(boot_vcpu_id: number, guest_ram_vaddr: number, guest_ram_size: number): boolean {
    for (let i = 0; i < this.num_vcpus; i++) this.guest_stop(i);
    if (!this.ram.contains(guest_ram_vaddr, guest_ram_size)) {
      this.log.error("guest_restart", `${hex(guest_ram_vaddr)}+${hex(guest_ram_size)} is not guest RAM`);
      return false;
    }
    this.ram.zero(guest_ram_vaddr, guest_ram_size);
    for (const dev of this.#virtio) dev.reset();
    for (let i = 0; i < this.num_vcpus; i++) this.vcpu_reset(i);
    for (const { vcpu, irq } of this.vgic?.reset() ?? []) {
      const reg = this.vgic!.registration(vcpu, irq);
      reg?.ack(vcpu, irq, reg.data);
    }
    const images = this.#images;
    const start = this.#start;
    if (!images || !start) {
      this.log.error("guest_restart", "nothing to boot: call linux_setup_images and guest_start first");
      return false;
    }
    const pc = this.linux_setup_images(images.ram_start, images.kernel, images.kernel.length, images.dtb, images.dtb_dest, images.dtb.length, images.initrd, images.initrd_dest, images.initrd.length);
    if (pc === -1) return false;
    return this.guest_start(boot_vcpu_id, pc, start.dtb, start.initrd);
  }

  // ---- virtual IRQs ----

  /**
   * virq_controller_init: the vGIC distributor at gic_dist_paddr (and with gic_version 3 the
   * redistributors at gic_redist_paddr); PPI 27 (vtimer) and SGIs registered per vCPU.
   */
  virq_controller_init(cpu_id: number): boolean {
    if (this.vgic) {
      this.log.error("virq_controller_init", "the interrupt controller is already initialised");
      return false;
    }
    void cpu_id; // the boot vCPU in C; every vCPU of this VM gets its banked IRQs
    const v3 = this.options.gic_version === 3;
    // Virtual interrupts are group 0 on the GICv2 path and group 1 (what Linux uses) on GICv3, as in libvmm.
    const group = v3 ? 1 : 0;
    const host = { injectListRegister: (v: number, irq: number, lr: number) => this.pd.microkit_vcpu_arm_inject_irq(v, irq, 0, group, lr), vcpuIsOn: (v: number) => this.vcpu_is_on(v), log: this.log };
    const base = this.options.gic_dist_paddr ?? 0x800_0000;
    if (v3) {
      const vgic = new VgicV3(host, this.num_vcpus);
      this.vgic = vgic;
      const redist = this.options.gic_redist_paddr ?? 0x80a_0000;
      const distributor = (v: number, offset: number, fsr: number, regs: seL4_UserContext) =>
        this.#vgicAccess(offset, fsr, regs, (o) => vgic.read(v, o), (o, bits, merged) => vgic.write(v, o, bits, merged), (o) => vgic.describe(o));
      const redistributors = (_v: number, offset: number, fsr: number, regs: seL4_UserContext) =>
        this.#vgicAccess(offset, fsr, regs, (o) => vgic.readRedistributor(o), (o, bits, merged) => vgic.writeRedistributor(o, bits, merged), (o) => vgic.describeRedistributor(o));
      if (!this.fault_register_vm_exception_handler(base, VGIC_V3_DIST_SIZE, distributor, null)) return false;
      if (!this.fault_register_vm_exception_handler(redist, VGIC_V3_REDIST_STRIDE * this.num_vcpus, redistributors, null)) return false;
    } else {
      const vgic = new VgicV2(host, this.num_vcpus);
      this.vgic = vgic;
      const distributor = (v: number, offset: number, fsr: number, regs: seL4_UserContext) =>
        this.#vgicAccess(offset, fsr, regs, (o) => vgic.read(v, o), (o, bits, merged) => vgic.write(v, o, bits, merged), (o) => vgic.describe(o));
      if (!this.fault_register_vm_exception_handler(base, VGIC_DIST_SIZE, distributor, null)) return false;
    }
    const vgic = this.vgic;
    for (let v = 0; v < this.num_vcpus; v++) {
      vgic.register(v, 27, (vcpu, irq) => this.pd.microkit_vcpu_arm_ack_vppi(vcpu, irq), null);
      for (let sgi = 0; sgi < 16; sgi++) vgic.register(v, sgi, () => {}, null);
    }
    return true;
  }

  /**
   * A guest load or store in a vGIC window, by 32-bit registers: a 64-bit access (GICD_IROUTER,
   * GICR_TYPER) is its two halves, low word first.
   */
  #vgicAccess(
    offset: number,
    fsr: number,
    regs: seL4_UserContext,
    read: (offset: number) => number | null,
    write: (offset: number, bits: number, merged: number) => boolean,
    describe: (offset: number) => string,
  ): boolean {
    const aligned = offset & ~3;
    const wide = hsrSas(fsr) === 3 && (offset & 7) === 0;
    const words = wide ? [aligned, aligned + 4] : [aligned];
    if (!hsrWnR(fsr)) {
      let value = 0n;
      words.forEach((o, i) => {
        const current = read(o);
        if (current === null) this.log.error("vgic", `read of unknown ${describe(o)} (RAZ)`);
        value |= BigInt(current ?? 0) << BigInt(32 * i);
      });
      fault_emulate_write(regs, offset, fsr, value);
      return true;
    }
    const data = fault_get_data(regs, fsr);
    if (wide) {
      words.forEach((o, i) => {
        const word = Number((data >> BigInt(32 * i)) & 0xffff_ffffn) >>> 0;
        if (!write(o, word, word)) this.log.error("vgic", `write to unknown ${describe(o)} ignored`);
      });
      return true;
    }
    const current = read(aligned);
    const bits = Number(((data << BigInt((offset & 3) * 8)) & dataAbortMask(offset, fsr)) & 0xffff_ffffn) >>> 0;
    const merged = Number(emulateDataAbort(BigInt(current ?? 0), offset, fsr, data) & 0xffff_ffffn) >>> 0;
    if (!write(aligned, bits, merged)) this.log.error("vgic", `write to unknown ${describe(aligned)} ignored`);
    return true;
  }

  /** handle_sysreg_64_fault: the GICv3 registers that trap to EL2 (ICC_SGI1R_EL1 writes; ICC_SRE_EL1 reads 0b111). */
  #sysregFault(vcpu_id: number, hsr: number): boolean {
    const trap = decodeSysregTrap(hsr);
    const regs = this.#faultRegs(vcpu_id);
    if (this.vgic instanceof VgicV3 && !trap.isRead && isSysreg(trap, ...ICC_SGI1R_EL1)) {
      const rt = decode_rt(trap.rt);
      this.vgic.sendSgi1r(vcpu_id, rt === null ? 0n : regs[rt]);
    } else if (trap.isRead && isSysreg(trap, ...ICC_SRE_EL1)) {
      const rt = decode_rt(trap.rt);
      if (rt !== null) regs[rt] = 0b111n;
    } else {
      this.log.error("fault_handle_vcpu_exception", `trapped system register access (${describeHsr(hsr)}) is not emulated${this.vgic instanceof VgicV3 ? "" : " (GICv3 registers need gic_version 3)"}`);
      return false;
    }
    this.fault_advance_vcpu(vcpu_id, regs);
    return true;
  }

  #requireVgic(func: string): VgicCore | null {
    if (!this.vgic) this.log.error(func, "call virq_controller_init first");
    return this.vgic;
  }

  virq_register(vcpu_id: number, virq_num: number, ack_fn: virq_ack_fn_t, ack_data: unknown): boolean {
    return this.#requireVgic("virq_register")?.register(vcpu_id, virq_num, ack_fn, ack_data) ?? false;
  }

  virq_inject(vcpu_id: number, irq: number): boolean {
    return this.#requireVgic("virq_inject")?.inject(vcpu_id, irq) ?? false;
  }

  /** virq_register_passthrough: the guest's EOI acknowledges the hardware IRQ on channel irq_ch. */
  virq_register_passthrough(vcpu_id: number, irq: number, irq_ch: number): boolean {
    if (!Number.isInteger(irq_ch) || irq_ch < 0 || irq_ch >= 62) {
      this.log.error("virq_register_passthrough", `invalid channel ${irq_ch} (0..61)`);
      return false;
    }
    if (this.#passthrough.has(irq_ch)) {
      this.log.error("virq_register_passthrough", `channel ${irq_ch} already passes IRQ ${this.#passthrough.get(irq_ch)!.irq} through`);
      return false;
    }
    if (!this.virq_register(vcpu_id, irq, () => this.pd.microkit_irq_ack(irq_ch), null)) return false;
    this.#passthrough.set(irq_ch, { vcpu_id, irq });
    return true;
  }

  virq_handle_passthrough(irq_ch: number): boolean {
    const route = this.#passthrough.get(irq_ch);
    if (!route) {
      this.log.error("virq_handle_passthrough", `no IRQ is registered for channel ${irq_ch}`);
      return false;
    }
    const ok = this.virq_inject(route.vcpu_id, route.irq);
    if (!ok) this.log.error("virq_handle_passthrough", `could not inject IRQ ${route.irq} on vCPU ${route.vcpu_id} (disabled by the guest?)`);
    return ok;
  }

  // ---- virtio ----

  /**
   * virtio_mmio_console_init: a virtio console (virtio-mmio version 2) at guest-physical `base`
   * interrupting with `virq`. libvmm connects it to sDDF serial queues; here the guest's output
   * goes to `output` and `console.input(bytes)` sends it input. Null (with a log line) on failure.
   */
  virtio_mmio_console_init(base: number, size: number, virq: number, output: (bytes: Uint8Array) => void): VirtioConsole | null {
    const console = new VirtioConsole(this.ram, () => this.virq_inject(GUEST_BOOT_VCPU_ID, virq), this.log, output);
    if (!this.virq_register(GUEST_BOOT_VCPU_ID, virq, () => {}, null)) return null;
    const dev = console.dev;
    const ok = this.fault_register_vm_exception_handler(base, size, (_v, offset, fsr, regs) => {
      const aligned = offset & ~3;
      if (!hsrWnR(fsr)) fault_emulate_write(regs, offset, fsr, BigInt(dev.read(aligned)));
      else dev.write(aligned, Number(emulateDataAbort(BigInt(dev.read(aligned)), offset, fsr, fault_get_data(regs, fsr)) & 0xffff_ffffn));
      return true;
    }, null);
    if (!ok) return null;
    this.#virtio.push(dev);
    return console;
  }

  // ---- faults ----

  fault_register_vm_exception_handler(base: number, size: number, callback: vm_exception_handler_t, data: unknown): boolean {
    const func = "fault_register_vm_exception_handler";
    if (size <= 0) return (this.log.error(func, `empty range at ${hex(base)}`), false);
    if (this.#ranges.length >= MAX_VM_EXCEPTION_HANDLERS - 1) return (this.log.error(func, `no room for ${hex(base)}+${hex(size)}: at most ${MAX_VM_EXCEPTION_HANDLERS - 1} handlers`), false);
    const clash = this.#ranges.find((r) => base < r.base + r.size && r.base < base + size);
    if (clash) return (this.log.error(func, `${hex(base)}+${hex(size)} overlaps the registered range ${hex(clash.base)}+${hex(clash.size)}`), false);
    this.#ranges.push({ base, size, handler: callback, data });
    return true;
  }

  /** fault_advance_vcpu: pc += 4 (a 32-bit instruction), registers written back. */
  fault_advance_vcpu(vcpu_id: number, regs: seL4_UserContext): void {
    regs.pc += 4n;
    this.#writeRegs(vcpu_id, regs);
  }

  /** fault_advance: completes a load with `val` (a no-op for a store), then fault_advance_vcpu. */
  fault_advance(vcpu_id: number, regs: seL4_UserContext, addr: number, fsr: number, val: bigint): void {
    if (!hsrWnR(fsr)) fault_emulate_write(regs, addr, fsr, val);
    this.fault_advance_vcpu(vcpu_id, regs);
  }

  smc_register_sip_handler(handler: smc_sip_handler_t): boolean {
    if (this.#psci.sipHandler) return (this.log.error("smc_register_sip_handler", "a SiP handler is already registered"), false);
    this.#psci.sipHandler = handler;
    return true;
  }

  /** smc_handle: an SMC (or HVC) from `vcpu_id`; PSCI, SMCCC and the SiP handler. */
  smc_handle(vcpu_id: number, hsr: number): boolean {
    const regs = this.#faultRegs(vcpu_id);
    const via = hsrExceptionClass(hsr) === HSR_EC_HVC64 ? "HVC" : "SMC";
    return this.#finishCall(vcpu_id, regs, handleSmccc(this.#psci, vcpu_id, regs, via));
  }

  #finishCall(vcpu_id: number, regs: seL4_UserContext, result: "resume" | "stopped" | "failed"): boolean {
    if (result === "resume") this.fault_advance_vcpu(vcpu_id, regs);
    return result !== "failed";
  }

  /**
   * fault_handle: dispatches a fault of vCPU `vcpu_id` by label; true when the VMM should reply
   * (msginfo_new(0, 0)) so the vCPU resumes.
   */
  fault_handle(vcpu_id: number, msginfo: seL4_MessageInfo_t): boolean {
    const pd = this.pd;
    let ok: boolean;
    switch (msginfo.label as Fault) {
      case Fault.seL4_Fault_VMFault:
        ok = this.#vmFault(
          vcpu_id, Number(pd.microkit_mr_get(seL4_VMFault_Addr)), Number(pd.microkit_mr_get(seL4_VMFault_FSR)),
          pd.microkit_mr_get(seL4_VMFault_PrefetchFault) !== 0n, pd.microkit_mr_get(seL4_VMFault_IP),
        );
        break;
      case Fault.seL4_Fault_UnknownSyscall: {
        // A guest HVC (seL4 reports HVCs it does not take as syscalls this way).
        const regs = this.#faultRegs(vcpu_id);
        void pd.microkit_mr_get(seL4_UnknownSyscall_Syscall);
        ok = this.#finishCall(vcpu_id, regs, handleSmccc(this.#psci, vcpu_id, regs, "HVC"));
        break;
      }
      case Fault.seL4_Fault_UserException:
        this.log.error("fault_handle", `user exception from vCPU ${vcpu_id}: pc ${hex(pd.microkit_mr_get(seL4_UserException_FaultIP))} number ${pd.microkit_mr_get(seL4_UserException_Number)} code ${pd.microkit_mr_get(seL4_UserException_Code)}`);
        ok = false;
        break;
      case Fault.seL4_Fault_VGICMaintenance:
        ok = this.#requireVgic("vgic_handle_fault_maintenance")?.maintenance(vcpu_id, Number(pd.microkit_mr_get(0))) ?? false;
        break;
      case Fault.seL4_Fault_VCPUFault:
        ok = this.#vcpuFault(vcpu_id, Number(pd.microkit_mr_get(0)));
        break;
      case Fault.seL4_Fault_VPPIEvent: {
        const irq = Number(pd.microkit_mr_get(0));
        ok = true;
        if (!this.vgic?.inject(vcpu_id, irq)) this.pd.microkit_vcpu_arm_ack_vppi(vcpu_id, irq);
        break;
      }
      default:
        this.log.error("fault_handle", `unexpected fault ${fault_to_string(msginfo.label)} from vCPU ${vcpu_id}; vCPU stopped`);
        this.pd.microkit_vcpu_stop(vcpu_id);
        this.vcpu_set_on(vcpu_id, false);
        return false;
    }
    if (!ok) {
      this.log.error("fault_handle", `could not handle ${fault_to_string(msginfo.label)} from vCPU ${vcpu_id}`);
      this.tcb_print_regs(vcpu_id);
    }
    return ok;
  }

  #vcpuFault(vcpu_id: number, hsr: number): boolean {
    switch (hsrExceptionClass(hsr)) {
      case HSR_EC_SMC64:
      case HSR_EC_HVC64:
        return this.smc_handle(vcpu_id, hsr);
      case HSR_EC_WFX:
        // As libvmm's C: nothing to do, the reply restarts the WFI (PC unchanged). It completes once
        // an interrupt is pending; until then the kernel lets the vCPU sleep in it.
        this.stats.wfi_exits++;
        return true;
      case HSR_EC_SYSREG64:
        return this.#sysregFault(vcpu_id, hsr);
      default:
        this.log.error("fault_handle_vcpu_exception", `unhandled vCPU fault: ${describeHsr(hsr)}`);
        return false;
    }
  }

  #vmFault(vcpu_id: number, addr: number, fsr: number, prefetch: boolean, ip: bigint): boolean {
    this.stats.vm_faults++;
    const range = prefetch ? undefined : this.#rangeAt(addr);
    const regs = this.#faultRegs(vcpu_id);
    if (!range) {
      this.log.error("fault_handle_vm_exception", `guest ${prefetch ? "instruction fetch from" : hsrWnR(fsr) ? "write to" : "read of"} unmapped address ${hex(addr)} at pc ${hex(ip)}: external abort delivered to the guest`);
      this.#injectAbort(vcpu_id, regs, addr, fsr, prefetch);
      return true;
    }
    if (!hsrIsv(fsr)) {
      this.log.error("fault_handle_vm_exception", `access to ${hex(addr)} at pc ${hex(ip)} has no instruction syndrome (${describeHsr(fsr)}), cannot emulate: external abort delivered to the guest`);
      this.#injectAbort(vcpu_id, regs, addr, fsr, false);
      return true;
    }
    if (!range.handler(vcpu_id, addr - range.base, fsr, regs, range.data)) {
      this.log.error("fault_handle_vm_exception", `handler for ${hex(range.base)}+${hex(range.size)} failed at ${hex(addr)}`);
      return false;
    }
    this.fault_advance_vcpu(vcpu_id, regs);
    return true;
  }

  /** A synchronous external abort taken by the guest at EL1, as hardware delivers for an access nothing answers. */
  #injectAbort(vcpu_id: number, regs: seL4_UserContext, addr: number, fsr: number, prefetch: boolean): void {
    const R = seL4_VCPUReg;
    const mode = Number(regs.spsr & 0xfn);
    const fromEl0 = mode === 0;
    const ec = (prefetch ? 0x20 : 0x24) + (fromEl0 ? 0 : 1);
    const iss = (prefetch ? 0 : fsr & (1 << 6)) | 0x10; // WnR kept; FSC 0b010000 synchronous external abort
    const esr = ((ec << 26) | (1 << 25) | iss) >>> 0;
    const vbar = this.pd.microkit_vcpu_arm_read_reg(vcpu_id, R.seL4_VCPUReg_VBAR);
    const vector = fromEl0 ? 0x400n : mode === 4 ? 0x0n : 0x200n;
    this.pd.microkit_vcpu_arm_write_reg(vcpu_id, R.seL4_VCPUReg_ELR_EL1, regs.pc);
    this.pd.microkit_vcpu_arm_write_reg(vcpu_id, R.seL4_VCPUReg_SPSR_EL1, regs.spsr);
    this.pd.microkit_vcpu_arm_write_reg(vcpu_id, R.seL4_VCPUReg_ESR, BigInt(esr));
    this.pd.microkit_vcpu_arm_write_reg(vcpu_id, R.seL4_VCPUReg_FAR, BigInt(addr));
    regs.pc = vbar + vector;
    regs.spsr = SPSR_EL1H_MASKED;
    this.#writeRegs(vcpu_id, regs);
  }
}

/** Creates the libvmm instance of one VMM PD (call it in the PD's program, not at module level). */
export function libvmm(pd: VmmPd, options: LibvmmOptions): Libvmm {
  return new Libvmm(pd, options);
}
