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
    const yielded = this.untilYield(thread);
    Promise.resolve()
      .then(() => body(api, ...args))
      .then(
        () => this.finish(thread, null),
        (error: unknown) => this.finish(thread, { error }),
      );
    return yielded;
  }

  /** Lets a parked thread continue; resolves when it parks again or returns. */
  resume(thread: NativeThread<Api>): Promise<void> {
    if (!thread.continuation) throw new KernelSimError("usage", `native thread "${thread.tcb.name}" is not parked`);
    const yielded = this.untilYield(thread);
    this.settle(thread);
    return yielded;
  }

  /**
   * Called by a thread's syscall: returns the promise the scheduler will resolve, and yields.
   * `completion` runs when the thread is let continue (reading the syscall's results then, as the
   * thread itself would on return from the kernel); the promise resolves with its value.
   */
  park<T = void>(thread: NativeThread<Api>, completion: (() => T) | null = null): Promise<T> {
    // An abandoned thread's promise never settles.
    const parked = new Promise<T>(this.captureSettlers);
    if (!thread.abandoned) {
      thread.continuation = this.capturedResolve;
      thread.rejection = this.capturedReject;
      thread.completion = completion;
    }
    this.capturedResolve = null;
    this.capturedReject = null;
    if (this.onPark === null || !this.onPark()) this.yieldToKernel();
    return parked;
  }

  /** The settling functions of the promise {@link park} is making (its executor runs synchronously). */
  private capturedResolve: ((value: unknown) => void) | null = null;
  private capturedReject: ((error: unknown) => void) | null = null;
  /** The executor of every parked promise, made once: one closure fewer per blocking syscall. */
  private readonly captureSettlers = (resolve: (value: never) => void, reject: (error: unknown) => void): void => {
    this.capturedResolve = resolve as (value: unknown) => void;
    this.capturedReject = reject;
  };

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

  /** Makes `thread` the active one; the promise resolves when it parks or returns. */
  private untilYield(thread: NativeThread<Api>): Promise<void> {
    const yielded = new Promise<void>(this.captureHandBack);
    this.active = thread;
    return yielded;
  }

  /** The executor of {@link untilYield}'s promises, made once. */
  private readonly captureHandBack = (resolve: () => void): void => {
    this.handBack = resolve;
  };

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
