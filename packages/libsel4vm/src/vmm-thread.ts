import {
  emptyUserContext,
  seL4_AllRights,
  seL4_Error,
  seL4_RootCNodeCapSlots as S,
  sel4ts_make_vspace,
  sel4ts_vka_for_thread,
  simple_get_tcb,
  vka_alloc_frame,
  vka_alloc_notification,
  vka_alloc_tcb,
  vspace_map_pages,
  type Sel4,
  type simple_t,
  type vka_object_t,
  type vka_t,
  type vspace_t,
} from "@sel4ts/sel4-kernel-sim";

/**
 * What a VMM thread works with: its own libsel4 (`sel4`), the root task's allocator bound to this
 * thread (`vka`), a vspace over the root task's VSpace with its own address range, and `simple`.
 * Pass these to vm_init: every kernel call the VM makes is then made by this thread.
 */
export interface vmm_thread_env {
  readonly sel4: Sel4;
  readonly vka: vka_t;
  readonly vspace: vspace_t;
  readonly simple: simple_t;
}

/** A VMM thread started by {@link sel4ts_vmm_thread_start}. */
export interface vmm_thread_t {
  readonly name: string;
  /** Its TCB (in the root task's CSpace and VSpace). */
  readonly tcb: vka_object_t;
  /** The notification it signals when its body has returned (or thrown). */
  readonly done: vka_object_t;
  /** True once the body has returned or thrown. */
  finished: boolean;
}

/** Address range each VMM thread's vspace places its mappings in (ram_touch windows, IPC buffer). */
const VMM_THREAD_VSPACE_SIZE = 2 ** 30;

/**
 * TypeScript-only: starts `body` on a new native thread of the root task's CSpace and VSpace,
 * one per VM, as a CAmkES VMM component is one thread per VM. A thread makes one seL4 call at a
 * time, so two VMs whose vm_run loops run concurrently need a thread each; the root task's own
 * `sel4` must not be used from inside `body`. Creates the TCB (priority and MCP `priority`, at
 * most the caller's MCP), an IPC buffer frame, a notification that is signalled when `body`
 * ends, a vka that shares the root task's slots and untypeds, and a vspace with its own 1 GiB of
 * the VMM's address space. Returns null (and logs through `log`) if something cannot be made.
 */
export function sel4ts_vmm_thread_start(
  parent: vmm_thread_env,
  name: string,
  priority: number,
  body: (env: vmm_thread_env) => Promise<void> | void,
  log: (line: string) => void = (line) => console.error(line),
): vmm_thread_t | null {
  const fail = (reason: string): null => {
    log(`${name}|ERROR: sel4ts_vmm_thread_start: ${reason}`);
    return null;
  };
  const { sel4, vka } = parent;
  const tcb = { value: null as unknown as vka_object_t };
  const ipcFrame = { value: null as unknown as vka_object_t };
  const done = { value: null as unknown as vka_object_t };
  if (vka_alloc_tcb(vka, tcb) !== 0 || vka_alloc_frame(vka, 12, ipcFrame) !== 0 || vka_alloc_notification(vka, done) !== 0) {
    return fail("out of slots or memory for the TCB, IPC buffer or notification (give the kernel more RAM)");
  }
  const ipcBuffer = vspace_map_pages(parent.vspace, [ipcFrame.value.cptr], null, seL4_AllRights, 1, 12, true);
  if (ipcBuffer === null) return fail("mapping the IPC buffer failed");
  // The thread's vspace gets its own range of the VMM's address space, carved from the parent's.
  const base = Math.ceil(parent.vspace.nextFree / VMM_THREAD_VSPACE_SIZE) * VMM_THREAD_VSPACE_SIZE;
  parent.vspace.nextFree = base + VMM_THREAD_VSPACE_SIZE;

  const configured = sel4.seL4_TCB_Configure(tcb.value.cptr, 0, S.seL4_CapInitThreadCNode, 0, S.seL4_CapInitThreadVSpace, 0, ipcBuffer, ipcFrame.value.cptr);
  if (configured !== seL4_Error.seL4_NoError) return fail(`seL4_TCB_Configure failed (${seL4_Error[configured]})`);
  const scheduled = sel4.seL4_TCB_SetSchedParams(tcb.value.cptr, simple_get_tcb(parent.simple), priority, priority);
  if (scheduled !== seL4_Error.seL4_NoError) return fail(`seL4_TCB_SetSchedParams(priority ${priority}) failed (${seL4_Error[scheduled]}): at most the caller's MCP`);
  sel4.seL4_DebugNameThread(tcb.value.cptr, name);

  const thread: vmm_thread_t = { name, tcb: tcb.value, done: done.value, finished: false };
  const regs = emptyUserContext();
  regs.pc = sel4.nativeEntry(async (own: Sel4) => {
    const ownVka = sel4ts_vka_for_thread(vka, own);
    try {
      if (!ownVka) throw new Error(`${name}: sel4ts_vmm_thread_start: the parent's vka cannot be shared (make it with sel4ts_make_bootinfo_vka)`);
      await body({ sel4: own, vka: ownVka, vspace: sel4ts_make_vspace(ownVka, parent.vspace.root, base), simple: { sel4: own, bootInfo: parent.simple.bootInfo } });
    } finally {
      thread.finished = true;
      await own.seL4_Signal(done.value.cptr);
    }
  });
  const started = sel4.seL4_TCB_WriteRegisters(tcb.value.cptr, true, 0, 1, regs);
  if (started !== seL4_Error.seL4_NoError) return fail(`starting the thread failed (${seL4_Error[started]})`);
  return thread;
}

/** TypeScript-only: waits (as the thread whose libsel4 is `sel4`) until `thread`'s body has ended. */
export async function sel4ts_vmm_thread_join(sel4: Sel4, thread: vmm_thread_t): Promise<void> {
  while (!thread.finished) await sel4.seL4_Wait(thread.done.cptr, null);
}
