import {
  seL4_AllRights,
  seL4_Error,
  seL4_RootCNodeCapSlots as S,
  seL4_WordBits,
  sel4ts_make_vspace,
  simple_get_tcb,
  vka_alloc_cnode_object,
  vka_alloc_tcb,
  vka_alloc_vcpu,
  vka_alloc_vspace_root,
  type seL4_CPtr,
  type simple_t,
  type vka_object_t,
  type vka_t,
  type vspace_t,
} from "@sel4ts/sel4-kernel-sim";
import { fault_t } from "./arch/fault";
import { vm_smc_handle_default } from "./arch/smc";
import { CONFIG_MAX_NUM_NODES, VM_CSPACE_SIZE_BITS, VM_CSPACE_SLOT, VM_FAULT_EP_SLOT, VM_GUEST_UNKNOWN_EXIT } from "./constants";
import { requireInitialised } from "./address";
import { vm_memory_init } from "./guest-memory";
import { logError, type vm_logger_fn } from "./log";
import { vm_t, type ps_io_ops_t, type vm_vcpu_t } from "./types";

/** TypeScript-only options of {@link vm_init}. */
export interface vm_init_options {
  /** Where this VM's log lines go (default console.error). */
  readonly logger?: vm_logger_fn;
  /** vm_id for debugging (default 0). */
  readonly vm_id?: number;
}

const emptyObject = (): vka_object_t => ({ cptr: 0, ut: 0, type: 0, size_bits: 0 });

/** seL4_CNode_CapData_new(guard, guard_size): the cspace_root_data word. */
const cnodeCapData = (guard: bigint, guardSize: number): bigint => (guard << 6n) | BigInt(guardSize);

function archInit(vm: vm_t): string | null {
  const sel4 = vm.vka.sel4;
  const cnode = { value: emptyObject() };
  if (vka_alloc_cnode_object(vm.vka, VM_CSPACE_SIZE_BITS, cnode) !== 0) return "allocating the guest CNode failed";
  vm.cspace.cspace_obj = cnode.value;
  vm.cspace.cspace_root_data = cnodeCapData(0n, seL4_WordBits - VM_CSPACE_SIZE_BITS);
  const minted = sel4.seL4_CNode_Mint(
    cnode.value.cptr, VM_CSPACE_SLOT, VM_CSPACE_SIZE_BITS,
    S.seL4_CapInitThreadCNode, cnode.value.cptr, seL4_WordBits, seL4_AllRights, vm.cspace.cspace_root_data,
  );
  if (minted !== seL4_Error.seL4_NoError) return `minting the guest CNode cap failed (${seL4_Error[minted]})`;
  const root = { value: emptyObject() };
  if (vka_alloc_vspace_root(vm.vka, root) !== 0) return "allocating the guest VSpace root failed";
  const assigned = sel4.seL4_ARM_ASIDPool_Assign(S.seL4_CapInitThreadASIDPool, root.value.cptr);
  if (assigned !== seL4_Error.seL4_NoError) return `assigning an ASID to the guest VSpace failed (${seL4_Error[assigned]})`;
  vm.mem.vm_vspace_root = root.value;
  // A fresh root: the vspace makes page tables before it maps pages, with no failed attempt.
  vm.mem.vm_vspace = sel4ts_make_vspace(vm.vka, root.value.cptr, 0, true);
  vm.arch.vm_smc_handler = vm_smc_handle_default;
  return null;
}

/**
 * vm_init: initialises `vm` (C zeroes it first): stores the handles, creates the guest CSpace
 * and VSpace, the reservation bookkeeping and the default SMC handler. 0 on success, -1 on error.
 */
export function vm_init(
  vm: vm_t,
  vka: vka_t,
  host_simple: simple_t,
  host_vspace: vspace_t,
  io_ops: ps_io_ops_t,
  host_endpoint: seL4_CPtr,
  name: string,
  options: vm_init_options = {},
): number {
  Object.assign(vm, new vm_t());
  vm.logger = options.logger ?? vm.logger;
  vm.vm_id = options.vm_id ?? 0;
  vm.vka = vka;
  vm.simple = host_simple;
  vm.mem.vmm_vspace = host_vspace;
  vm.io_ops = io_ops;
  vm.host_endpoint = host_endpoint;
  vm.vm_name = name;
  vm.run.exit_reason = VM_GUEST_UNKNOWN_EXIT;
  if (vm_memory_init(vm) !== 0) {
    logError(vm, "vm_init", "initialising the memory interface failed");
    return -1;
  }
  const failure = archInit(vm);
  if (failure) {
    logError(vm, "vm_init", failure);
    return -1;
  }
  vm.vm_initialised = true;
  return 0;
}

function createVcpuObjects(vm: vm_t, vcpu_id: number, priority: number): { vcpu: vka_object_t; tcb: vka_object_t; reply_slot: number } | string {
  const sel4 = vm.vka.sel4;
  const vcpu = { value: emptyObject() };
  if (vka_alloc_vcpu(vm.vka, vcpu) !== 0) return "allocating a VCPU object failed";
  // The fault endpoint: host_endpoint badged with vcpu_id + 1 (VCPU_BADGE_CREATE), in the guest CSpace.
  const badged = { value: 0 };
  if (vm.vka.cspace_alloc(badged) !== 0) return "no free slot for the badged endpoint";
  const cnode = S.seL4_CapInitThreadCNode;
  const minted = sel4.seL4_CNode_Mint(cnode, badged.value, seL4_WordBits, cnode, vm.host_endpoint, seL4_WordBits, seL4_AllRights, vcpu_id + 1);
  if (minted !== seL4_Error.seL4_NoError) return `minting the fault endpoint failed (${seL4_Error[minted]})`;
  const faultEp = VM_FAULT_EP_SLOT + vcpu_id;
  const moved = sel4.seL4_CNode_Move(vm.cspace.cspace_obj.cptr, faultEp, VM_CSPACE_SIZE_BITS, cnode, badged.value, seL4_WordBits);
  vm.vka.cspace_free(badged.value);
  if (moved !== seL4_Error.seL4_NoError) return `moving the fault endpoint into the guest CSpace failed (${seL4_Error[moved]})`;
  const tcb = { value: emptyObject() };
  if (vka_alloc_tcb(vm.vka, tcb) !== 0) return "allocating a TCB failed";
  const configured = sel4.seL4_TCB_Configure(tcb.value.cptr, faultEp, vm.cspace.cspace_obj.cptr, vm.cspace.cspace_root_data, vm.mem.vm_vspace_root.cptr, 0, 0, 0);
  if (configured !== seL4_Error.seL4_NoError) return `configuring the TCB failed (${seL4_Error[configured]})`;
  const prio = sel4.seL4_TCB_SetSchedParams(tcb.value.cptr, simple_get_tcb(vm.simple), priority, priority);
  if (prio !== seL4_Error.seL4_NoError) return `setting priority ${priority} failed (${seL4_Error[prio]})`;
  const bound = sel4.seL4_ARM_VCPU_SetTCB(vcpu.value.cptr, tcb.value.cptr);
  if (bound !== seL4_Error.seL4_NoError) return `binding the VCPU to its TCB failed (${seL4_Error[bound]})`;
  const reply = { value: 0 };
  if (vm.vka.cspace_alloc(reply) !== 0) return "no free slot for the fault reply cap";
  sel4.seL4_DebugNameThread(tcb.value.cptr, `${vm.vm_name}:${vcpu_id}`);
  return { vcpu: vcpu.value, tcb: tcb.value, reply_slot: reply.value };
}

/**
 * vm_create_vcpu: creates a vCPU (VCPU object, TCB in the guest's spaces with the badged fault
 * endpoint, priority and MCP `priority`); null if the VM has CONFIG_MAX_NUM_NODES vCPUs or an
 * allocation fails. vcpu_id counts per VM (C uses a process-wide counter, which breaks a second VM).
 */
export function vm_create_vcpu(vm: vm_t, priority: number): vm_vcpu_t | null {
  const fn = "vm_create_vcpu";
  if (!requireInitialised(vm, fn)) return null;
  if (vm.num_vcpus >= CONFIG_MAX_NUM_NODES) {
    logError(vm, fn, `the VM already has ${vm.num_vcpus} vcpus (CONFIG_MAX_NUM_NODES)`);
    return null;
  }
  const vcpu_id = vm.num_vcpus;
  const objects = createVcpuObjects(vm, vcpu_id, priority);
  if (typeof objects === "string") {
    logError(vm, fn, `vcpu ${vcpu_id}: ${objects}`);
    return null;
  }
  const vcpu: vm_vcpu_t = {
    vm,
    vcpu: objects.vcpu,
    tcb: { tcb: objects.tcb, sc: emptyObject(), sched_ctrl: emptyObject(), priority },
    vcpu_id,
    target_cpu: -1,
    vcpu_online: false,
    vcpu_arch: { fault: null as unknown as fault_t, unhandled_vcpu_callback: null, unhandled_vcpu_callback_cookie: null },
  };
  vcpu.vcpu_arch.fault = new fault_t(vcpu, objects.reply_slot);
  vm.vcpus[vcpu_id] = vcpu;
  vm.num_vcpus++;
  return vcpu;
}

export { vm_assign_vcpu_target } from "./arch/vcpu-control";
