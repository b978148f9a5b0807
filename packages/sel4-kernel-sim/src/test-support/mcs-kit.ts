import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error } from "../constants/errors";
import { seL4_ObjectType_MCS as T } from "../constants/mcs";
import type { Sel4 } from "../api/sel4";
import { Kernel, type KernelOptions, type RunOptions } from "../kernel";
import { emptyUserContext } from "../objects/user-context";
import type { NativeThreadBody } from "../native/native-executor";

/** Options of {@link McsKit.spawn}. */
export interface McsSpawnOptions {
  readonly priority: number;
  readonly ipcBufferVaddr: number;
  /** Slot of the scheduling context to bind (omit for a passive thread). */
  readonly sc?: number;
  /** Slot of the fault handler endpoint cap copied into the TCB (omit: none). */
  readonly faultEp?: number;
  /** Slot of the timeout handler endpoint cap (omit: none). */
  readonly timeoutEp?: number;
  readonly arg0?: bigint;
  /** Leave the thread stopped (default: resume it). */
  readonly suspended?: boolean;
}

/** Test helper for an MCS root task: allocation with MCS type numbers, scheduling contexts, threads. */
export class McsKit {
  next: number;
  readonly untyped: number;
  /** The SchedControl cap of core 0 (from the boot info). */
  readonly schedControl: number;

  constructor(readonly sel4: Sel4) {
    const bi = sel4.seL4_GetBootInfo();
    this.next = bi.empty.start;
    const largest = bi.untypedList
      .map((u, i) => ({ u, i }))
      .filter(({ u }) => !u.isDevice)
      .sort((a, b) => b.u.sizeBits - a.u.sizeBits)[0]!;
    this.untyped = bi.untyped.start + largest.i;
    this.schedControl = bi.schedcontrol!.start;
  }

  /** Retypes one object (MCS numbering) into a fresh slot; throws on any error. */
  make(type: T, sizeBits = 0): number {
    const slot = this.next++;
    const err = this.sel4.seL4_Untyped_Retype(this.untyped, type, sizeBits, S.seL4_CapInitThreadCNode, 0, 0, slot, 1);
    if (err !== seL4_Error.seL4_NoError) throw new Error(`retype of MCS type ${T[type]} failed with ${seL4_Error[err]}`);
    return slot;
  }

  /** A configured scheduling context (budget/period in µs). */
  sched(budgetUs: number, periodUs: number, options: { extraRefills?: number; badge?: bigint; flags?: number; sizeBits?: number } = {}): number {
    const sc = this.make(T.seL4_SchedContextObject, options.sizeBits ?? 8);
    const err = this.sel4.seL4_SchedControl_ConfigureFlags(this.schedControl, sc, budgetUs, periodUs, options.extraRefills ?? 0, options.badge ?? 0n, options.flags ?? 0);
    if (err !== seL4_Error.seL4_NoError) throw new Error(`SchedControl_ConfigureFlags failed with ${seL4_Error[err]}`);
    return sc;
  }

  /** Creates a native thread sharing the root CSpace/VSpace, with its own IPC buffer, an optional SC and handlers. */
  spawn(body: NativeThreadBody<Sel4>, options: McsSpawnOptions): number {
    const sel4 = this.sel4;
    const tcb = this.make(T.seL4_TCBObject);
    const frame = this.make(T.seL4_ARM_SmallPageObject);
    const check = (err: seL4_Error, what: string) => {
      if (err !== seL4_Error.seL4_NoError) throw new Error(`${what} failed with ${seL4_Error[err]}`);
    };
    check(sel4.seL4_ARM_Page_Map(frame, S.seL4_CapInitThreadVSpace, options.ipcBufferVaddr, 3, 3), "map IPC buffer");
    check(sel4.seL4_TCB_Configure(tcb, S.seL4_CapInitThreadCNode, 0, S.seL4_CapInitThreadVSpace, 0, options.ipcBufferVaddr, frame), "configure");
    check(sel4.seL4_TCB_SetSchedParams(tcb, S.seL4_CapInitThreadTCB, options.priority, options.priority, options.sc ?? 0, options.faultEp ?? 0), "set sched params");
    if (options.timeoutEp !== undefined) check(sel4.seL4_TCB_SetTimeoutEndpoint(tcb, options.timeoutEp), "set timeout endpoint");
    const regs = emptyUserContext();
    regs.pc = sel4.nativeEntry(body);
    regs.x0 = options.arg0 ?? 0n;
    check(sel4.seL4_TCB_WriteRegisters(tcb, false, 0, 4, regs), "write registers");
    if (!options.suspended) check(sel4.seL4_TCB_Resume(tcb), "resume");
    return tcb;
  }
}

/** A quiet MCS kernel for tests. */
export function mcsTestKernel(options: KernelOptions = {}): Kernel {
  return new Kernel({ debugMessages: false, consoleOutput: () => undefined, mcs: true, ...options });
}

/** Runs `body` as the root task of a fresh MCS test kernel until everything waits (or a `run` limit). */
export async function runMcsRoot(
  body: (sel4: Sel4, kit: McsKit, kernel: Kernel) => void | Promise<void>,
  options: KernelOptions = {},
  run: RunOptions = {},
): Promise<Kernel> {
  const kernel = mcsTestKernel(options);
  let finished = false;
  kernel.createRootTask(async (sel4) => {
    await body(sel4, new McsKit(sel4), kernel);
    finished = true;
  });
  await kernel.run(run);
  if (!finished) throw new Error("the root task did not run to completion");
  return kernel;
}
