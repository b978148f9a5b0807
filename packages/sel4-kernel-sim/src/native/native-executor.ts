import { KernelSimError } from "../errors";
import type { Tcb } from "../objects/tcb";

/** A TypeScript thread body: receives its thread's API object and the x0..x2 start registers. */
export type NativeThreadBody<Api> = (sel4: Api, arg0: bigint, arg1: bigint, arg2: bigint) => unknown;

/** Native entry points live above any user address so they never collide with guest code. */
const NATIVE_ENTRY_BASE = 0xffff_8000_0000_0000n;

/** The host side of one native thread: its parked continuation. */
export class NativeThread<Api> {
  /** Resolves the pending syscall promise when the scheduler lets the thread continue. */
  continuation: ((value: unknown) => void) | null = null;
  /** Rejects the pending syscall promise (when its completion throws). */
  rejection: ((error: unknown) => void) | null = null;
  /** Computes the pending syscall's result when the thread continues (null: it resolves with undefined). */
  completion: (() => unknown) | null = null;
  finished = false;
  abandoned = false;

  /** Binds a body instance to a TCB. */
  constructor(
    readonly tcb: Tcb,
    readonly api: Api,
  ) {}

  /** True while the thread waits in a syscall for the kernel to let it continue. */
  get parked(): boolean {
    return this.continuation !== null;
  }
}

/**
 * Runs TypeScript thread bodies one at a time under the kernel's scheduler. A body runs until it
 * parks in a blocking syscall or returns; only {@link dispatch} (called by the run loop) lets a
 * parked body continue, so the order of events depends on the scheduler alone.
 */
export class NativeExecutor<Api> {
  private readonly entries = new Map<bigint, NativeThreadBody<Api>>();
  private readonly threads = new Map<Tcb, NativeThread<Api>>();
  private handBack: (() => void) | null = null;
  private active: NativeThread<Api> | null = null;
  /** The first error thrown by a body, reported by the run loop. */
  failure: { readonly tcb: Tcb; readonly error: unknown } | null = null;

  private readonly pcs = new Map<NativeThreadBody<Api>, bigint>();

  /** Registers a body (once per function) and returns the fake entry PC that names it. */
  registerEntry(body: NativeThreadBody<Api>): bigint {
    const known = this.pcs.get(body);
    if (known !== undefined) return known;
    const pc = NATIVE_ENTRY_BASE + BigInt(this.entries.size) * 0x10n;
    this.entries.set(pc, body);
    this.pcs.set(body, pc);
    return pc;
  }

  /** The body registered at `pc`, if any. */
  entryAt(pc: bigint): NativeThreadBody<Api> | undefined {
    return this.entries.get(pc);
  }

  /** The native thread of `tcb`, if one was started. */
  get(tcb: Tcb): NativeThread<Api> | undefined {
    return this.threads.get(tcb);
  }

  /** The thread whose body is executing right now (between dispatch and park). */
  get activeThread(): NativeThread<Api> | null {
    return this.active;
  }

  /** Drops a thread's body: its pending promise is never resolved. */
  abandon(tcb: Tcb): void {
    const thread = this.threads.get(tcb);
    if (!thread) return;
    thread.abandoned = true;
    thread.continuation = null;
    thread.rejection = null;
    thread.completion = null;
    this.threads.delete(tcb);
    if (this.active === thread) this.yieldToKernel();
  }

  /** Starts a fresh body on `tcb`; resolves when it parks or returns. */
  start(tcb: Tcb, body: NativeThreadBody<Api>, api: Api, args: readonly [bigint, bigint, bigint]): Promise<void> {
    this.abandon(tcb);
    const thread = new NativeThread(tcb, api);
    this.threads.set(tcb, thread);
    return this.runUntilYield(thread, () => {
      Promise.resolve()
        .then(() => body(api, ...args))
        .then(
          () => this.finish(thread, null),
          (error: unknown) => this.finish(thread, { error }),
        );
    });
  }

  /** Lets a parked thread continue; resolves when it parks again or returns. */
  resume(thread: NativeThread<Api>): Promise<void> {
    if (!thread.continuation) throw new KernelSimError("usage", `native thread "${thread.tcb.name}" is not parked`);
    return this.runUntilYield(thread, () => this.settle(thread));
  }

  /**
   * Called by a thread's syscall: returns the promise the scheduler will resolve, and yields.
   * `completion` runs when the thread is let continue (reading the syscall's results then, as the
   * thread itself would on return from the kernel); the promise resolves with its value.
   */
  park<T = void>(thread: NativeThread<Api>, completion: (() => T) | null = null): Promise<T> {
    const parked = new Promise<T>((resolve, reject) => {
      if (thread.abandoned) return;
      thread.continuation = resolve as (value: unknown) => void;
      thread.rejection = reject;
      thread.completion = completion;
    });
    if (this.onPark === null || !this.onPark()) this.yieldToKernel();
    return parked;
  }

  /**
   * Asked when a thread has parked: the kernel may let another parked thread continue at once
   * through {@link switchTo} (and return true) instead of returning to its run loop.
   */
  onPark: (() => boolean) | null = null;

  /** Lets parked `thread` continue in place of the active one; the run loop keeps waiting. */
  switchTo(thread: NativeThread<Api>): void {
    if (!thread.continuation) throw new KernelSimError("internal", `native thread "${thread.tcb.name}" is not parked`);
    this.active = thread;
    this.settle(thread);
  }

  /** Settles a parked thread's syscall promise with its completion's value. */
  private settle(thread: NativeThread<Api>): void {
    const resolve = thread.continuation!;
    const reject = thread.rejection!;
    const completion = thread.completion;
    thread.continuation = null;
    thread.rejection = null;
    thread.completion = null;
    if (completion === null) {
      resolve(undefined);
      return;
    }
    let value: unknown;
    try {
      value = completion();
    } catch (error) {
      reject(error);
      return;
    }
    resolve(value);
  }

  private runUntilYield(thread: NativeThread<Api>, go: () => void): Promise<void> {
    return new Promise<void>((resolve) => {
      this.handBack = resolve;
      this.active = thread;
      go();
    });
  }

  private yieldToKernel(): void {
    const handBack = this.handBack;
    this.handBack = null;
    this.active = null;
    handBack?.();
  }

  private finish(thread: NativeThread<Api>, failed: { error: unknown } | null): void {
    thread.finished = true;
    if (failed && !this.failure) this.failure = { tcb: thread.tcb, error: failed.error };
    if (this.threads.get(thread.tcb) === thread) {
      this.threads.delete(thread.tcb);
      this.onFinish?.(thread.tcb);
    }
    if (this.active === thread) this.yieldToKernel();
  }

  /** Told when a body returns (the kernel stops the thread). */
  onFinish: ((tcb: Tcb) => void) | null = null;
}
