import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error } from "../constants/errors";
import { seL4_ObjectType } from "../constants/object-types";
import type { Sel4 } from "../api/sel4";
import { Kernel, type KernelOptions, type RunOptions } from "../kernel";
import { emptyUserContext } from "../objects/user-context";
import type { NativeThreadBody } from "../native/native-executor";

/** Test helper: a slot/untyped allocator for a root task, so scenarios stay short. */
export class RootKit {
  next: number;
  readonly untyped: number;

  constructor(readonly sel4: Sel4) {
    const bi = sel4.seL4_GetBootInfo();
    this.next = bi.empty.start;
    const largest = bi.untypedList
      .map((u, i) => ({ u, i }))
      .filter(({ u }) => !u.isDevice)
      .sort((a, b) => b.u.sizeBits - a.u.sizeBits)[0]!;
    this.untyped = bi.untyped.start + largest.i;
  }

  /** Retypes one object into a fresh slot; throws on any error. */
  make(type: seL4_ObjectType, sizeBits = 0): number {
    const slot = this.next++;
    const err = this.sel4.seL4_Untyped_Retype(this.untyped, type, sizeBits, S.seL4_CapInitThreadCNode, 0, 0, slot, 1);
    if (err !== seL4_Error.seL4_NoError) throw new Error(`retype of type ${type} failed with ${seL4_Error[err]}`);
    return slot;
  }

  /** Creates and starts a native thread sharing the root CSpace/VSpace with its own IPC buffer. */
  spawn(body: NativeThreadBody<Sel4>, options: { priority: number; ipcBufferVaddr: number; faultEp?: number; arg0?: bigint }): number {
    const sel4 = this.sel4;
    const tcb = this.make(seL4_ObjectType.seL4_TCBObject);
    const frame = this.make(seL4_ObjectType.seL4_ARM_SmallPageObject);
    const check = (err: seL4_Error, what: string) => {
      if (err !== seL4_Error.seL4_NoError) throw new Error(`${what} failed with ${seL4_Error[err]}`);
    };
    check(sel4.seL4_ARM_Page_Map(frame, S.seL4_CapInitThreadVSpace, options.ipcBufferVaddr, 3, 3), "map IPC buffer");
    check(
      sel4.seL4_TCB_Configure(tcb, options.faultEp ?? 0, S.seL4_CapInitThreadCNode, 0, S.seL4_CapInitThreadVSpace, 0, options.ipcBufferVaddr, frame),
      "configure",
    );
    check(sel4.seL4_TCB_SetPriority(tcb, S.seL4_CapInitThreadTCB, options.priority), "set priority");
    const regs = emptyUserContext();
    regs.pc = sel4.nativeEntry(body);
    regs.x0 = options.arg0 ?? 0n;
    check(sel4.seL4_TCB_WriteRegisters(tcb, false, 0, 4, regs), "write registers");
    check(sel4.seL4_TCB_Resume(tcb), "resume");
    return tcb;
  }
}

/** A kernel for tests: small RAM, quiet debug output unless `log` is given. */
export function testKernel(options: KernelOptions = {}): Kernel {
  return new Kernel({ debugMessages: false, consoleOutput: () => undefined, ...options });
}

/**
 * Runs `body` as the root task of a fresh test kernel until everything waits (or a `run` limit
 * such as `maxTimeNs`, which turns a livelocked guest into a failure instead of a hang); returns the kernel.
 */
export async function runRoot(
  body: (sel4: Sel4, kit: RootKit, kernel: Kernel) => void | Promise<void>,
  options: KernelOptions = {},
  run: RunOptions = {},
): Promise<Kernel> {
  const kernel = testKernel(options);
  let finished = false;
  kernel.createRootTask(async (sel4) => {
    await body(sel4, new RootKit(sel4), kernel);
    finished = true;
  });
  await kernel.run(run);
  // A body that never finished would make every expectation in it vacuous.
  if (!finished) throw new Error("the root task did not run to completion");
  return kernel;
}

/** The first `n` message registers of the thread's last reply (error MRs after a failure). */
export function errorMRs(sel4: Sel4, n: number): bigint[] {
  return Array.from({ length: n }, (_, i) => sel4.seL4_GetMR(i));
}
