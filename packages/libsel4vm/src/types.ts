import type { seL4_CPtr, seL4_MessageInfo_t, seL4_UserContext, simple_t, vka_object_t, vka_t, vspace_t } from "@sel4ts/sel4-kernel-sim";
import type { fault_t } from "./arch/fault";
import type { vm_memory_reservation_cookie_t } from "./guest-memory-types";
import type { memory_fault_result_t } from "./guest-memory-types";
import { defaultVmLogger, type vm_logger_fn } from "./log";
import type { vgic_t } from "./vgic/vgic";

/** A value a callback may return directly or as a promise (callbacks may make seL4 calls). */
export type MaybePromise<T> = T | Promise<T>;

/** ps_io_ops_t: the platform's io ops. Opaque to libsel4vm (stored, never used on ARM). */
export type ps_io_ops_t = object | null;

/** unhandled_mem_fault_callback_fn: called for guest accesses no reservation covers. */
export type unhandled_mem_fault_callback_fn = (
  vm: vm_t,
  vcpu: vm_vcpu_t,
  paddr: number,
  len: number,
  cookie: unknown,
) => MaybePromise<memory_fault_result_t>;

/** notification_callback_fn: called for host-endpoint messages that are not vCPU exits; 0 ok, -1 error. */
export type notification_callback_fn = (vm: vm_t, badge: bigint, tag: seL4_MessageInfo_t, cookie: unknown) => MaybePromise<number>;

/** ARM unhandled_vcpu_fault_callback_fn: a VCPUFault (HSR given); 0 handled, non-zero error. */
export type unhandled_vcpu_fault_callback_fn = (vcpu: vm_vcpu_t, hsr: number, cookie: unknown) => MaybePromise<number>;

/** ARM smc_handler_callback_fn: handles an SMC with the guest's registers (x0 = function id); 0 / -1. */
export type smc_handler_callback_fn = (vcpu: vm_vcpu_t, regs: seL4_UserContext) => MaybePromise<number>;

/** struct vm_ram_region: one registered guest RAM region. */
export interface vm_ram_region {
  /** Guest physical start address. */
  start: number;
  /** Size in bytes. */
  size: number;
  /** Whether the region has been 'allocated' (1) or is free (0). */
  allocated: number;
}

/** struct vm_mem: the VM's memory management. */
export interface vm_mem {
  /** The guest's vspace (its stage-2 address space). */
  vm_vspace: vspace_t;
  /** The VKA-allocated guest VSpace root. */
  vm_vspace_root: vka_object_t;
  /** The host VMM's vspace. */
  vmm_vspace: vspace_t;
  /** Number of registered RAM regions. */
  num_ram_regions: number;
  /** The registered RAM regions, sorted by start. */
  ram_regions: vm_ram_region[];
  /** The reservation bookkeeping (vm_memory_init). */
  reservation_cookie: vm_memory_reservation_cookie_t | null;
  /** Callback for accesses no reservation covers. */
  unhandled_mem_fault_handler: unhandled_mem_fault_callback_fn | null;
  /** Cookie for that callback. */
  unhandled_mem_fault_cookie: unknown;
  /** Clean the data cache after loading images (kept for C parity; caches are coherent here). */
  clean_cache: number;
  /** Map RAM 1:1 (guest physical = host physical). */
  map_one_to_one: number;
}

/** struct vm_tcb: TCB management of a vCPU. */
export interface vm_tcb {
  /** The VKA-allocated TCB. */
  tcb: vka_object_t;
  /** Scheduling context (MCS only; unused here, cptr 0). */
  sc: vka_object_t;
  /** Scheduling control (MCS only; unused here, cptr 0). */
  sched_ctrl: vka_object_t;
  /** Scheduling priority. */
  priority: number;
}

/** ARM struct vm_vcpu_arch. */
export interface vm_vcpu_arch {
  /** The fault being handled on this vCPU. */
  fault: fault_t;
  /** Callback for VCPUFault exits. */
  unhandled_vcpu_callback: unhandled_vcpu_fault_callback_fn | null;
  /** Cookie for that callback. */
  unhandled_vcpu_callback_cookie: unknown;
}

/** struct vm_vcpu (vm_vcpu_t): one virtual CPU. */
export interface vm_vcpu_t {
  /** The parent VM. */
  vm: vm_t;
  /** The VKA-allocated VCPU object. */
  vcpu: vka_object_t;
  /** The vCPU's TCB. */
  tcb: vm_tcb;
  /** Logical ID, per VM (C numbers vCPUs process-wide; see README). */
  vcpu_id: number;
  /** The core the vCPU is assigned to; -1 when unassigned. */
  target_cpu: number;
  /** True once started. */
  vcpu_online: boolean;
  /** Architecture-specific state. */
  vcpu_arch: vm_vcpu_arch;
}

/** Why vm_run last returned or what it last handled (TypeScript-only counters in {@link vm_run_t.exit_counts}). */
export type vm_exit_kind = "abort" | "syscall" | "user_exception" | "vgic_maintenance" | "vcpu" | "vppi" | "unknown" | "notification";

/** What stopped a VM: everything needed to see what the guest did (built by arch/guest-error-report). */
export interface guest_error_report {
  readonly vm_name: string;
  readonly vcpu_id: number;
  /** The kind of exit being handled. */
  readonly exit: vm_exit_kind;
  /** Why the VMM gave up. */
  readonly reason: string;
  readonly pc: bigint;
  /** The HSR (ESR_EL2) of the exit, when it has one. */
  readonly esr: number | null;
  readonly esr_decoded: string | null;
  /** The faulting guest physical address of an abort. */
  readonly fault_address: number | null;
  readonly registers: seL4_UserContext;
  /** The instruction word at pc, when it can be read (MMU off and pc in guest RAM). */
  readonly instruction: number | null;
  readonly disassembly: string | null;
}

/**
 * struct vm_run (named `vm_run_t` here because `vm_run` is also the function): runtime state.
 */
export interface vm_run_t {
  /** Last VM exit reason (VM_GUEST_*_EXIT). */
  exit_reason: number;
  /** Callback for notifications (host-endpoint messages that are not vCPU exits). */
  notification_callback: notification_callback_fn | null;
  /** Cookie for that callback. */
  notification_callback_cookie: unknown;
  /** TypeScript-only: exits handled, by kind. */
  readonly exit_counts: Record<vm_exit_kind, number>;
  /** TypeScript-only: the report of the guest error that stopped the VM, if any. */
  last_error: guest_error_report | null;
}

/** struct vm_cspace: the guest's CSpace. */
export interface vm_cspace {
  /** The VKA-allocated CNode. */
  cspace_obj: vka_object_t;
  /** CSpace root data (guard) for TCB_Configure. */
  cspace_root_data: bigint;
}

/** ARM struct vm_arch. */
export interface vm_arch {
  /** The SMC handler (default: vm_smc_handle_default). */
  vm_smc_handler: smc_handler_callback_fn;
  /** TypeScript-only: this VM's vGIC (C keeps one in a static; here each VM has its own). */
  vgic: vgic_t | null;
}

const nullObject = (): vka_object_t => ({ cptr: 0, ut: 0, type: 0, size_bits: 0 });

/**
 * struct vm (vm_t): one VM. `new vm_t()` is the zeroed storage C declares with `vm_t vm;`;
 * {@link vm_init} fills it. Several may live in one process.
 */
export class vm_t {
  /** Architecture-specific state. */
  arch: vm_arch = { vm_smc_handler: () => -1, vgic: null };
  /** Number of vCPUs created. */
  num_vcpus = 0;
  /** The vCPUs, indexed by vcpu_id. */
  vcpus: vm_vcpu_t[] = [];
  /** Memory management. */
  mem: vm_mem = {
    vm_vspace: null as unknown as vspace_t,
    vm_vspace_root: nullObject(),
    vmm_vspace: null as unknown as vspace_t,
    num_ram_regions: 0,
    ram_regions: [],
    reservation_cookie: null,
    unhandled_mem_fault_handler: null,
    unhandled_mem_fault_cookie: null,
    clean_cache: 0,
    map_one_to_one: 0,
  };
  /** Runtime state. */
  run: vm_run_t = {
    exit_reason: 0,
    notification_callback: null,
    notification_callback_cookie: null,
    exit_counts: { abort: 0, syscall: 0, user_exception: 0, vgic_maintenance: 0, vcpu: 0, vppi: 0, unknown: 0, notification: 0 },
    last_error: null,
  };
  /** The guest's CSpace. */
  cspace: vm_cspace = { cspace_obj: nullObject(), cspace_root_data: 0n };
  /** The host endpoint vm_run waits on. */
  host_endpoint: seL4_CPtr = 0;
  /** The kernel object allocator (its `sel4` is the VMM thread's libsel4). */
  vka: vka_t = null as unknown as vka_t;
  /** Platform io ops (opaque). */
  io_ops: ps_io_ops_t = null;
  /** The host's simple environment. */
  simple: simple_t = null as unknown as simple_t;
  /** Guest entry point (set by image loaders). */
  entry = 0;
  /** Name used in log lines. */
  vm_name = "";
  /** Identifier (for debugging). */
  vm_id = 0;
  /** True after vm_init succeeded. */
  vm_initialised = false;
  /** TypeScript-only: where this VM's log lines go (vm_init's options, default console.error). */
  logger: vm_logger_fn = defaultVmLogger;
  /** TypeScript-only: VMM addresses vm_ram_touch maps guest frames at, by frame size (log2). */
  readonly ram_touch_windows = new Map<number, number>();
  /** TypeScript-only: log2 size of each frame mapped into the guest, by guest address (vspace_t keeps only caps). */
  readonly guest_frame_bits = new Map<number, number>();
}
