import type { seL4_BootInfo } from "../boot/boot-info";
import { seL4_FastMessageRegisters, seL4_MsgMaxExtraCaps } from "../constants/boot";
import type { seL4_Error } from "../constants/errors";
import { handleDebugSyscall } from "../debug/debug-syscalls";
import { seL4_Syscall } from "../constants/syscalls";
import { internalLabelToMcs, seL4_Syscall_MCS, type InternalLabel } from "../constants/mcs";
import { KernelSimError } from "../errors";
import {
  IPCBUF_CAPS_OR_BADGES,
  IPCBUF_MSG,
  IPCBUF_RECEIVE_CNODE,
  IPCBUF_RECEIVE_DEPTH,
  IPCBUF_RECEIVE_INDEX,
  IPCBUF_USER_DATA,
  lookupIpcBuffer,
  type IpcBuffer,
} from "../ipc/ipc-buffer";
import type { KernelContext } from "../kernel-context";
import type { NativeSyscallPort } from "../kernel-ports";
import { decodeMessageInfo, encodeMessageInfo, loadMessageInfo, loadMessageInfoLabel, seL4_MessageInfo_new, storeEncodedMessageInfo, storeMessageInfo, type seL4_MessageInfo_t } from "../message-info";
import type { Tcb } from "../objects/tcb";
import { REG_MR0, REG_X0, REG_X1, REG_X7, smallWordOr } from "../objects/user-context";

/** x6 (the MCS reply register) and x8 (NBSendRecv's destination) in the register file. */
const REG_X6 = REG_X0 + 6;
const REG_X8 = REG_X0 + 8;

/** A capability address (CPtr); numbers and bigints are both accepted. */
export type seL4_CPtr = number | bigint;
/** A machine word at the API edge. */
export type seL4_Word = bigint;
/** A C out-pointer. */
export interface Box<T> {
  value: T;
}

/** seL4_IPCBuffer as live views onto the thread's IPC buffer frame (host byte order: little-endian). */
export interface seL4_IPCBuffer {
  tag: seL4_MessageInfo_t;
  readonly msg: BigUint64Array;
  userData: bigint;
  readonly caps_or_badges: BigUint64Array;
  receiveCNode: bigint;
  receiveIndex: bigint;
  receiveDepth: bigint;
}

/** seL4_MessageInfo_new(0, 0, 0, 0), made once (message infos are read-only records). */
const EMPTY_MESSAGE: seL4_MessageInfo_t = Object.freeze(seL4_MessageInfo_new(0, 0, 0, 0));
/** The usage error of a call that exists only on MCS kernels. */
function mcsOnly(call: string): KernelSimError {
  return new KernelSimError("usage", `${call} exists only on MCS kernels (create the kernel with { mcs: true })`);
}

/** The words of small non-negative integers (CPtrs, counts, flags), made once: bigints are immutable. */
const SMALL_WORDS: readonly bigint[] = Array.from({ length: 4096 }, (_, i) => BigInt(i));
const w = (v: seL4_CPtr | number): bigint =>
  typeof v === "number" && v >= 0 && v < SMALL_WORDS.length && Number.isInteger(v) ? SMALL_WORDS[v]! : BigInt.asUintN(64, BigInt(v));
const SYSCALL_CALL = BigInt(seL4_Syscall.seL4_SysCall);
/** x7 of the syscall numbers -1 .. -64 (every seL4 syscall, debug ones included), made once. */
const SYSNO_WORDS: readonly bigint[] = Array.from({ length: 65 }, (_, i) => BigInt.asUintN(64, BigInt(-i)));
function sysnoWord(sysno: number): bigint {
  return sysno < 0 && sysno >= -64 ? SYSNO_WORDS[-sysno]! : BigInt.asUintN(64, BigInt(sysno));
}

/**
 * The libsel4 system calls and message-register functions of one native thread. Blocking calls
 * return promises that only the kernel's scheduler resolves: always `await` them.
 */
export class Sel4Base {
  /** Binds the API to `tcb` of `kernel`. */
  constructor(
    protected readonly kernel: KernelContext & NativeSyscallPort,
    /** The thread this API object acts as. */
    readonly tcb: Tcb,
  ) {}

  // ---- message registers and the IPC buffer ----

  /** The thread's IPC buffer, or null if it has none. */
  protected buffer(): IpcBuffer | null {
    return lookupIpcBuffer(this.kernel.memory, this.tcb, false);
  }

  private requireBuffer(what: string): IpcBuffer {
    const buffer = this.buffer();
    if (!buffer) throw new KernelSimError("usage", `${what}: thread "${this.tcb.name}" has no IPC buffer`);
    return buffer;
  }

  /** seL4_GetMR: message register i from the IPC buffer. */
  seL4_GetMR(i: number): seL4_Word {
    const buffer = this.requireBuffer("seL4_GetMR");
    return smallWordOr(buffer.words, buffer.halves, IPCBUF_MSG + i);
  }

  /** seL4_SetMR: sets message register i in the IPC buffer. */
  seL4_SetMR(i: number, value: seL4_Word | number): void {
    this.requireBuffer("seL4_SetMR").setWord(IPCBUF_MSG + i, w(value));
  }

  /** seL4_GetUserData. */
  seL4_GetUserData(): seL4_Word {
    return this.requireBuffer("seL4_GetUserData").word(IPCBUF_USER_DATA);
  }

  /** seL4_SetUserData. */
  seL4_SetUserData(value: seL4_Word | number): void {
    this.requireBuffer("seL4_SetUserData").setWord(IPCBUF_USER_DATA, w(value));
  }

  /** seL4_GetBadge: the unwrapped badge of extra cap i of the last message. */
  seL4_GetBadge(i: number): seL4_Word {
    return this.requireBuffer("seL4_GetBadge").word(IPCBUF_CAPS_OR_BADGES + i);
  }

  /** seL4_GetCap: the CPtr in caps_or_badges[i]. */
  seL4_GetCap(i: number): seL4_Word {
    return this.requireBuffer("seL4_GetCap").word(IPCBUF_CAPS_OR_BADGES + i);
  }

  /** seL4_SetCap: the CPtr of extra cap i to send. */
  seL4_SetCap(i: number, cptr: seL4_CPtr): void {
    this.requireBuffer("seL4_SetCap").setWord(IPCBUF_CAPS_OR_BADGES + i, w(cptr));
  }

  /** seL4_SetCapReceivePath: where a received cap goes (CNode CPtr, index, depth). */
  seL4_SetCapReceivePath(receiveCNode: seL4_CPtr, receiveIndex: seL4_CPtr, receiveDepth: number): void {
    const buffer = this.requireBuffer("seL4_SetCapReceivePath");
    buffer.setWord(IPCBUF_RECEIVE_CNODE, w(receiveCNode));
    buffer.setWord(IPCBUF_RECEIVE_INDEX, w(receiveIndex));
    buffer.setWord(IPCBUF_RECEIVE_DEPTH, w(receiveDepth));
  }

  /** seL4_GetIPCBuffer: typed-array views onto the IPC buffer. */
  seL4_GetIPCBuffer(): seL4_IPCBuffer {
    const buffer = this.requireBuffer("seL4_GetIPCBuffer");
    const bytes = this.kernel.memory.bytes(buffer.paddr, 1024);
    const words = new BigUint64Array(bytes.buffer, bytes.byteOffset, 128);
    const field = (i: number) => ({
      get: () => words[i]!,
      set: (v: bigint) => {
        words[i] = BigInt.asUintN(64, v);
      },
      enumerable: true,
    });
    const view = {
      msg: words.subarray(IPCBUF_MSG, IPCBUF_MSG + 120),
      caps_or_badges: words.subarray(IPCBUF_CAPS_OR_BADGES, IPCBUF_CAPS_OR_BADGES + seL4_MsgMaxExtraCaps),
    } as seL4_IPCBuffer;
    Object.defineProperties(view, {
      tag: { get: () => decodeMessageInfo(words[0]!), set: (t: seL4_MessageInfo_t) => (words[0] = encodeMessageInfo(t)), enumerable: true },
      userData: field(IPCBUF_USER_DATA),
      receiveCNode: field(IPCBUF_RECEIVE_CNODE),
      receiveIndex: field(IPCBUF_RECEIVE_INDEX),
      receiveDepth: field(IPCBUF_RECEIVE_DEPTH),
    });
    return view;
  }

  /** The root task's boot info (sel4runtime_bootinfo); only the root task has one. */
  seL4_GetBootInfo(): seL4_BootInfo {
    if (this.kernel.rootTcb !== this.tcb) throw new KernelSimError("usage", `thread "${this.tcb.name}" is not the root task; only it has boot info`);
    return this.kernel.bootInfo;
  }

  // ---- system calls ----

  /** True on an MCS kernel: MCS syscall numbers, reply objects, MCS invocation labels. */
  get isMCS(): boolean {
    return this.kernel.mcs !== null;
  }

  /** Throws unless the kernel is an MCS kernel (for calls that only exist there). */
  protected requireMcs(call: string): void {
    if (!this.kernel.mcs) throw mcsOnly(call);
  }

  /** Picks the syscall number of this kernel's configuration. */
  private sys(classic: seL4_Syscall, mcs: seL4_Syscall_MCS): number {
    return this.kernel.mcs ? mcs : classic;
  }

  /** Loads x0, x1, MR0-3, x7 (and the MCS reply/destination registers x6, x8) as libsel4's syscall stubs do. */
  private load(sysno: number, x0: bigint, info: seL4_MessageInfo_t | null, x6?: bigint, x8?: bigint): void {
    const regs = this.tcb.regs;
    const buffer = this.buffer();
    regs[REG_X0] = x0;
    if (x6 !== undefined) regs[REG_X6] = x6;
    if (x8 !== undefined) regs[REG_X8] = x8;
    if (info) storeEncodedMessageInfo(this.tcb.regHalves, REG_X1, info);
    if (buffer) this.tcb.messageRegs.set(buffer.fastMessageWords);
    else this.tcb.messageRegs.fill(0n);
    regs[REG_X7] = sysnoWord(sysno);
  }

  /** Stores MR0-3 back into the IPC buffer, the badge (x0) into `sender`, and returns the message info. */
  private received(sender: Box<seL4_Word> | null): seL4_MessageInfo_t {
    const regs = this.tcb.regs;
    const buffer = this.buffer();
    if (buffer) buffer.fastMessageWords.set(this.tcb.messageRegs);
    if (sender) sender.value = smallWordOr(regs, this.tcb.regHalves, REG_X0);
    return loadMessageInfo(this.tcb.regHalves, REG_X1);
  }

  /** The badge box of the syscall in progress, which {@link completeReceive} fills when the thread continues. */
  private pendingSender: Box<seL4_Word> | null = null;
  /** Completion of a receiving syscall: MR0-3 to the buffer, the badge, the message info. */
  private readonly completeReceive = (): seL4_MessageInfo_t => this.received(this.pendingSender);
  /** Completion of a sending syscall: MR0-3 to the buffer as libsel4's stubs do, no result. */
  private readonly completeSend = (): void => {
    this.received(null);
  };

  /**
   * Enters the kernel with a blocking syscall; the promise settles when the thread may continue,
   * with what `completion` then reads from the registers (at once when the syscall did not block).
   * Usage errors reject the promise, as they would in an async function.
   */
  private syscall<T>(completion: () => T, sender: Box<seL4_Word> | null, sysno: number, x0: seL4_CPtr, info: seL4_MessageInfo_t | null, x6?: seL4_CPtr, x8?: seL4_CPtr): Promise<T> {
    const previous = this.pendingSender;
    try {
      this.load(sysno, w(x0), info, x6 === undefined ? undefined : w(x6), x8 === undefined ? undefined : w(x8));
      this.pendingSender = sender;
      return this.kernel.nativeSyscall(this.tcb, completion);
    } catch (error) {
      this.pendingSender = previous;
      return Promise.reject(error);
    }
  }

  /** A sending syscall (no result). */
  private send(sysno: number, x0: seL4_CPtr, info: seL4_MessageInfo_t | null): Promise<void> {
    return this.syscall(this.completeSend, null, sysno, x0, info);
  }

  /** A receiving syscall: resolves with the message info, `sender` receives the badge. */
  private receive(sender: Box<seL4_Word> | null, sysno: number, x0: seL4_CPtr, info: seL4_MessageInfo_t | null, x6?: seL4_CPtr, x8?: seL4_CPtr): Promise<seL4_MessageInfo_t> {
    return this.syscall(this.completeReceive, sender, sysno, x0, info, x6, x8);
  }

  /** A usage error as the rejected promise an async syscall would return. */
  private static refuse(error: KernelSimError): Promise<never> {
    return Promise.reject(error);
  }

  /** seL4_Send: blocking send to an endpoint (or signal, reply object, or kernel invocation without reply). */
  seL4_Send(dest: seL4_CPtr, msgInfo: seL4_MessageInfo_t): Promise<void> {
    return this.send(this.sys(seL4_Syscall.seL4_SysSend, seL4_Syscall_MCS.seL4_SysSend), dest, msgInfo);
  }

  /** seL4_NBSend: like Send, but dropped if no receiver waits. */
  seL4_NBSend(dest: seL4_CPtr, msgInfo: seL4_MessageInfo_t): Promise<void> {
    return this.send(this.sys(seL4_Syscall.seL4_SysNBSend, seL4_Syscall_MCS.seL4_SysNBSend), dest, msgInfo);
  }

  /** seL4_Call: send and wait for the reply (MCS: lends the caller's scheduling context to a passive server). */
  seL4_Call(dest: seL4_CPtr, msgInfo: seL4_MessageInfo_t): Promise<seL4_MessageInfo_t> {
    return this.receive(null, seL4_Syscall.seL4_SysCall, dest, msgInfo);
  }

  /**
   * seL4_Recv: wait for a message or signal; `sender` receives the badge. On an MCS kernel
   * `reply` is the reply object a caller will wait on (required for endpoints, as in C).
   */
  seL4_Recv(src: seL4_CPtr, sender: Box<seL4_Word> | null, reply?: seL4_CPtr): Promise<seL4_MessageInfo_t> {
    return this.receive(sender, this.sys(seL4_Syscall.seL4_SysRecv, seL4_Syscall_MCS.seL4_SysRecv), src, null, this.replyArg(reply));
  }

  /** seL4_NBRecv: poll an endpoint or notification; badge 0 when nothing was there (MCS: with a reply object). */
  seL4_NBRecv(src: seL4_CPtr, sender: Box<seL4_Word> | null, reply?: seL4_CPtr): Promise<seL4_MessageInfo_t> {
    return this.receive(sender, this.sys(seL4_Syscall.seL4_SysNBRecv, seL4_Syscall_MCS.seL4_SysNBRecv), src, null, this.replyArg(reply));
  }

  /** seL4_Reply: answer the caller through the reply cap in the caller slot (non-MCS only; MCS sends on the reply object). */
  seL4_Reply(msgInfo: seL4_MessageInfo_t): Promise<void> {
    if (this.kernel.mcs) return Sel4Base.refuse(new KernelSimError("usage", "seL4_Reply does not exist on MCS kernels: use seL4_Send(reply, info) or seL4_ReplyRecv(src, info, sender, reply)"));
    return this.send(seL4_Syscall.seL4_SysReply, 0n, msgInfo);
  }

  /** seL4_ReplyRecv: reply, then wait on `dest` (MCS: the reply object `reply` is invoked, then reused for the Recv). */
  seL4_ReplyRecv(dest: seL4_CPtr, msgInfo: seL4_MessageInfo_t, sender: Box<seL4_Word> | null, reply?: seL4_CPtr): Promise<seL4_MessageInfo_t> {
    return this.receive(sender, seL4_Syscall.seL4_SysReplyRecv, dest, msgInfo, this.replyArg(reply));
  }

  /** seL4_NBSendRecv (MCS): NBSend `msgInfo` to `dest`, then Recv on `src` with the reply object `reply`. */
  seL4_NBSendRecv(dest: seL4_CPtr, msgInfo: seL4_MessageInfo_t, src: seL4_CPtr, sender: Box<seL4_Word> | null, reply: seL4_CPtr): Promise<seL4_MessageInfo_t> {
    if (!this.kernel.mcs) return Sel4Base.refuse(mcsOnly("seL4_NBSendRecv"));
    return this.receive(sender, seL4_Syscall_MCS.seL4_SysNBSendRecv, src, msgInfo, reply, dest);
  }

  /** seL4_NBSendWait (MCS): NBSend `msgInfo` to `dest`, then Wait on `src` (no reply object). */
  seL4_NBSendWait(dest: seL4_CPtr, msgInfo: seL4_MessageInfo_t, src: seL4_CPtr, sender: Box<seL4_Word> | null): Promise<seL4_MessageInfo_t> {
    if (!this.kernel.mcs) return Sel4Base.refuse(mcsOnly("seL4_NBSendWait"));
    return this.receive(sender, seL4_Syscall_MCS.seL4_SysNBSendWait, src, msgInfo, dest);
  }

  /** seL4_Yield: non-MCS, go to the back of the ready queue; MCS, give up the rest of the current budget. */
  seL4_Yield(): Promise<void> {
    return this.send(this.sys(seL4_Syscall.seL4_SysYield, seL4_Syscall_MCS.seL4_SysYield), 0n, null);
  }

  /** seL4_Signal: signal a notification (Send with an empty message). */
  seL4_Signal(dest: seL4_CPtr): Promise<void> {
    return this.send(this.sys(seL4_Syscall.seL4_SysSend, seL4_Syscall_MCS.seL4_SysSend), dest, EMPTY_MESSAGE);
  }

  /**
   * seL4_Wait: wait on a notification (or, MCS, an endpoint without a reply object); `sender`
   * receives the badge word. Non-MCS it is Recv; MCS it is the Wait syscall and returns its MessageInfo.
   */
  seL4_Wait(src: seL4_CPtr, sender: Box<seL4_Word> | null): Promise<seL4_MessageInfo_t> {
    return this.receive(sender, this.kernel.mcs ? seL4_Syscall_MCS.seL4_SysWait : seL4_Syscall.seL4_SysRecv, src, null);
  }

  /** seL4_NBWait (MCS): non-blocking Wait; badge 0 when nothing was there. */
  seL4_NBWait(src: seL4_CPtr, sender: Box<seL4_Word> | null): Promise<seL4_MessageInfo_t> {
    if (!this.kernel.mcs) return Sel4Base.refuse(mcsOnly("seL4_NBWait"));
    return this.receive(sender, seL4_Syscall_MCS.seL4_SysNBWait, src, null);
  }

  /** seL4_Poll: non-blocking Wait (NBRecv; MCS: NBWait). */
  seL4_Poll(src: seL4_CPtr, sender: Box<seL4_Word> | null): Promise<seL4_MessageInfo_t> {
    return this.kernel.mcs ? this.seL4_NBWait(src, sender) : this.seL4_NBRecv(src, sender);
  }

  /** The reply register value: the reply object on MCS (0 if omitted, which the kernel treats as no reply cap). */
  private replyArg(reply: seL4_CPtr | undefined): seL4_CPtr | undefined {
    return this.kernel.mcs ? (reply ?? 0) : undefined;
  }

  // ---- the *WithMRs variants: MR0-3 through out-pointers, no IPC buffer needed ----

  private async syscallWithMRs(
    sysno: number,
    x0: bigint,
    info: seL4_MessageInfo_t | null,
    mrs: readonly (Box<seL4_Word> | null)[],
    x6?: seL4_CPtr,
  ): Promise<{ badge: bigint; info: seL4_MessageInfo_t }> {
    const regs = this.tcb.regs;
    regs[REG_X0] = x0;
    if (x6 !== undefined) regs[REG_X6] = w(x6);
    if (info) storeEncodedMessageInfo(this.tcb.regHalves, REG_X1, info);
    for (let i = 0; i < seL4_FastMessageRegisters; i++) regs[REG_MR0 + i] = BigInt.asUintN(64, mrs[i]?.value ?? 0n);
    regs[REG_X7] = BigInt.asUintN(64, BigInt(sysno));
    await this.kernel.nativeSyscall(this.tcb);
    mrs.forEach((box, i) => {
      if (box) box.value = regs[REG_MR0 + i]!;
    });
    return { badge: regs[REG_X0], info: decodeMessageInfo(regs[REG_X1]!) };
  }

  /** seL4_SendWithMRs: Send with MR0-3 taken from the boxes. */
  async seL4_SendWithMRs(dest: seL4_CPtr, msgInfo: seL4_MessageInfo_t, mr0: Box<seL4_Word> | null, mr1: Box<seL4_Word> | null, mr2: Box<seL4_Word> | null, mr3: Box<seL4_Word> | null): Promise<void> {
    await this.syscallWithMRs(this.sys(seL4_Syscall.seL4_SysSend, seL4_Syscall_MCS.seL4_SysSend), w(dest), msgInfo, [mr0, mr1, mr2, mr3]);
  }

  /** seL4_NBSendWithMRs. */
  async seL4_NBSendWithMRs(dest: seL4_CPtr, msgInfo: seL4_MessageInfo_t, mr0: Box<seL4_Word> | null, mr1: Box<seL4_Word> | null, mr2: Box<seL4_Word> | null, mr3: Box<seL4_Word> | null): Promise<void> {
    await this.syscallWithMRs(this.sys(seL4_Syscall.seL4_SysNBSend, seL4_Syscall_MCS.seL4_SysNBSend), w(dest), msgInfo, [mr0, mr1, mr2, mr3]);
  }

  /** seL4_CallWithMRs: the boxes carry MR0-3 out and receive the reply's MR0-3. */
  async seL4_CallWithMRs(dest: seL4_CPtr, msgInfo: seL4_MessageInfo_t, mr0: Box<seL4_Word> | null, mr1: Box<seL4_Word> | null, mr2: Box<seL4_Word> | null, mr3: Box<seL4_Word> | null): Promise<seL4_MessageInfo_t> {
    return (await this.syscallWithMRs(seL4_Syscall.seL4_SysCall, w(dest), msgInfo, [mr0, mr1, mr2, mr3])).info;
  }

  /** seL4_RecvWithMRs: the boxes receive MR0-3 (MCS: `reply` is the reply object). */
  async seL4_RecvWithMRs(src: seL4_CPtr, sender: Box<seL4_Word> | null, mr0: Box<seL4_Word> | null, mr1: Box<seL4_Word> | null, mr2: Box<seL4_Word> | null, mr3: Box<seL4_Word> | null, reply?: seL4_CPtr): Promise<seL4_MessageInfo_t> {
    const sysno = this.sys(seL4_Syscall.seL4_SysRecv, seL4_Syscall_MCS.seL4_SysRecv);
    const { badge, info } = await this.syscallWithMRs(sysno, w(src), null, [mr0, mr1, mr2, mr3], this.replyArg(reply));
    if (sender) sender.value = badge;
    return info;
  }

  /** seL4_ReplyWithMRs. */
  async seL4_ReplyWithMRs(msgInfo: seL4_MessageInfo_t, mr0: Box<seL4_Word> | null, mr1: Box<seL4_Word> | null, mr2: Box<seL4_Word> | null, mr3: Box<seL4_Word> | null): Promise<void> {
    if (this.kernel.mcs) throw new KernelSimError("usage", "seL4_ReplyWithMRs does not exist on MCS kernels: use seL4_SendWithMRs on the reply object");
    await this.syscallWithMRs(seL4_Syscall.seL4_SysReply, 0n, msgInfo, [mr0, mr1, mr2, mr3]);
  }

  // ---- debug calls ----

  /** seL4_DebugPutChar: one character to the kernel console. */
  seL4_DebugPutChar(c: string | number): void {
    const code = typeof c === "number" ? c : c.charCodeAt(0);
    this.debugCall(seL4_Syscall.seL4_SysDebugPutChar, BigInt(code & 0xff));
  }

  /** seL4_DebugNameThread: names a TCB in kernel debug output. */
  seL4_DebugNameThread(tcb: seL4_CPtr, name: string): void {
    const buffer = this.requireBuffer("seL4_DebugNameThread");
    const bytes = new TextEncoder().encode(name).subarray(0, 119 * 8 - 1);
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes);
    this.kernel.memory.write(buffer.paddr + 8, padded);
    this.debugCall(seL4_Syscall.seL4_SysDebugNameThread, w(tcb));
  }

  /** seL4_DebugDumpScheduler: prints every TCB with its state and priority. */
  seL4_DebugDumpScheduler(): void {
    this.debugCall(seL4_Syscall.seL4_SysDebugDumpScheduler, 0n);
  }

  /** seL4_DebugHalt: stops Kernel.run(). */
  seL4_DebugHalt(): void {
    this.debugCall(seL4_Syscall.seL4_SysDebugHalt, 0n);
  }

  private debugCall(sysno: seL4_Syscall, x0: bigint): void {
    this.tcb.regs[REG_X0] = x0;
    this.tcb.regs[REG_X7] = BigInt.asUintN(64, BigInt(sysno));
    handleDebugSyscall(this.kernel, this.tcb, sysno);
  }

  // ---- kernel-object invocations ----

  /**
   * Marshals an invocation as libsel4 does (words to MRs, caps to caps_or_badges), makes a
   * synchronous Call on the object and returns the reply label as an seL4_Error.
   */
  protected invoke(service: seL4_CPtr, label: InternalLabel, mrs: readonly bigint[], caps: readonly seL4_CPtr[] = []): seL4_Error {
    const regs = this.tcb.regs;
    const buffer = this.invocationBuffer(mrs.length, caps.length);
    for (let i = 0; i < mrs.length; i++) {
      if (i < seL4_FastMessageRegisters) regs[REG_MR0 + i] = BigInt.asUintN(64, mrs[i]!);
      else buffer!.setWord(IPCBUF_MSG + i, mrs[i]!);
    }
    for (let i = 0; i < caps.length; i++) buffer!.setWord(IPCBUF_CAPS_OR_BADGES + i, w(caps[i]!));
    return this.invokeMarshalled(service, label, mrs.length, caps.length, buffer);
  }

  /** The IPC buffer an invocation of `length` MRs and `capCount` caps needs (null when MR0-3 suffice); throws when it is missing. */
  protected invocationBuffer(length: number, capCount: number): IpcBuffer | null {
    const buffer = this.buffer();
    if ((length > seL4_FastMessageRegisters || capCount > 0) && !buffer) {
      throw new KernelSimError("usage", `invocation by thread "${this.tcb.name}" needs an IPC buffer`);
    }
    return buffer;
  }

  /**
   * The Call of {@link invoke} once the message is in place (MR0-3 in x2-x5, the rest and the
   * caps in `buffer`), for bindings that write their words straight into it.
   */
  protected invokeMarshalled(service: seL4_CPtr, label: InternalLabel, length: number, capCount: number, buffer: IpcBuffer | null): seL4_Error {
    const regs = this.tcb.regs;
    regs[REG_X0] = w(service);
    const wireLabel = this.kernel.mcs ? internalLabelToMcs(label) : label;
    storeMessageInfo(this.tcb.regHalves, REG_X1, wireLabel, 0, capCount, length);
    regs[REG_X7] = SYSCALL_CALL;
    this.kernel.nativeInvoke(this.tcb);
    const error = loadMessageInfoLabel(this.tcb.regHalves, REG_X1);
    // libsel4's stubs copy MR0-3 back into the buffer only on error (the error MRs).
    if (error !== 0 && buffer) for (let i = 0; i < seL4_FastMessageRegisters; i++) buffer.setWord(IPCBUF_MSG + i, regs[REG_MR0 + i]!);
    return error;
  }

  /** Reply message register i of the last invocation (`buffer`: the thread's IPC buffer when the caller has looked it up already). */
  protected replyMR(i: number, buffer?: IpcBuffer | null): bigint {
    if (i < seL4_FastMessageRegisters) return this.tcb.regs[REG_MR0 + i]!;
    return (buffer === undefined ? this.buffer() : buffer)?.word(IPCBUF_MSG + i) ?? 0n;
  }
}

/** Converts a CPtr or word argument to a bigint (exported for the helper libraries). */
export const toWord = w;
