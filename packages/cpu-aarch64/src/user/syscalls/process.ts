import { EAGAIN, EINTR, EINVAL, ENOMEM, ENOSYS, ESRCH, ETIMEDOUT } from "../errno.js";
import { packUint64, readGuest, toAddress, writeGuest } from "../guest-access.js";
import { STACK_SIZE } from "../layout.js";
import type { LinuxUserState } from "../process-state.js";
import type { SyscallDefinition } from "./types.js";
import { int32, size } from "./types.js";

const SIGKILL = 9;
const SIGSTOP = 19;
const NSIG = 64;
const SIGSET_SIZE = 8;
const SIGACTION_SIZE = 32;
const SS_ONSTACK = 1;
const SS_DISABLE = 2;
/** MINSIGSTKSZ of the arm64 uapi; also what AT_MINSIGSTKSZ reports. */
export const MINSIGSTKSZ = 5120;
const RLIMIT_STACK = 3;
const RLIMIT_NOFILE = 7;
const RLIM_NLIMITS = 16;
const RLIM_INFINITY = 0xffff_ffff_ffff_ffffn;
const FUTEX_WAIT = 0;
const FUTEX_WAKE = 1;
const FUTEX_WAIT_BITSET = 9;
const FUTEX_WAKE_BITSET = 10;
const FUTEX_CMD_MASK = ~(128 | 256); // FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME
const UTSNAME_FIELD = 65;

/** The utsname fields uname(2) reports: sysname Linux, machine aarch64. */
export const UNAME_FIELDS = ["Linux", "sel4ts", "6.1.0-sel4ts", "#1 SMP sel4ts", "aarch64", "(none)"] as const;

function exitWith(state: LinuxUserState, [status]: readonly bigint[]): number {
  state.exitStatus = int32(status) & 0xff;
  return 0;
}

function sys_uname(state: LinuxUserState, [buf]: readonly bigint[]): number {
  const bytes = new Uint8Array(UTSNAME_FIELD * UNAME_FIELDS.length);
  const encoder = new TextEncoder();
  UNAME_FIELDS.forEach((field, i) => bytes.set(encoder.encode(field).subarray(0, UTSNAME_FIELD - 1), i * UTSNAME_FIELD));
  writeGuest(state.memory, toAddress(buf!), bytes);
  return 0;
}

function sys_set_tid_address(state: LinuxUserState, [tidptr]: readonly bigint[]): number {
  state.clearChildTid = toAddress(tidptr!);
  return state.identity.pid;
}

function sys_set_robust_list(_state: LinuxUserState, [, length]: readonly bigint[]): number {
  return size(length) === 24 ? 0 : -EINVAL; // sizeof(struct robust_list_head)
}

/** The soft and hard limit reported for `resource`: a stack of STACK_SIZE, 1024 files, else unlimited. */
function limitOf(resource: number): [bigint, bigint] {
  if (resource === RLIMIT_STACK) return [BigInt(STACK_SIZE), RLIM_INFINITY];
  if (resource === RLIMIT_NOFILE) return [1024n, 4096n];
  return [RLIM_INFINITY, RLIM_INFINITY];
}

function sys_prlimit64(state: LinuxUserState, [pid, resource, , oldLimit]: readonly bigint[]): number {
  const target = int32(pid);
  if (target !== 0 && target !== state.identity.pid) return -ESRCH;
  const which = int32(resource);
  if (which < 0 || which >= RLIM_NLIMITS) return -EINVAL;
  // New limits are accepted and ignored: nothing in a single emulated process enforces them.
  if (oldLimit !== 0n) writeGuest(state.memory, toAddress(oldLimit!), packUint64(limitOf(which)));
  return 0;
}

function sys_getrlimit(state: LinuxUserState, [resource, limit]: readonly bigint[]): number {
  return sys_prlimit64(state, [0n, resource!, 0n, limit!]);
}

function sys_sched_getaffinity(state: LinuxUserState, [pid, length, mask]: readonly bigint[]): number {
  const target = int32(pid);
  if (target !== 0 && target !== state.identity.pid) return -ESRCH;
  const bytes = size(length);
  if (bytes < 8 || bytes % 8 !== 0) return -EINVAL;
  writeGuest(state.memory, toAddress(mask!), packUint64([1])); // one CPU: CPU 0
  return 8;
}

function sys_futex(state: LinuxUserState, [uaddr, op, val, timeout]: readonly bigint[]): number {
  const command = int32(op) & FUTEX_CMD_MASK;
  if (command === FUTEX_WAKE || command === FUTEX_WAKE_BITSET) return 0; // no other thread to wake
  if (command === FUTEX_WAIT || command === FUTEX_WAIT_BITSET) {
    const word = readGuest(state.memory, toAddress(uaddr!), 4);
    const current = new DataView(word.buffer, word.byteOffset, 4).getUint32(0, true);
    if (current !== Number(BigInt.asUintN(32, val!))) return -EAGAIN;
    // Nobody else can change the word: a timed wait times out, an untimed one is interrupted.
    return timeout !== 0n ? -ETIMEDOUT : -EINTR;
  }
  return -ENOSYS;
}

function sys_rt_sigaction(state: LinuxUserState, [signal, act, oldact, sigsetsize]: readonly bigint[]): number {
  const sig = int32(signal);
  if (size(sigsetsize) !== SIGSET_SIZE || sig < 1 || sig > NSIG) return -EINVAL;
  if (act !== 0n && (sig === SIGKILL || sig === SIGSTOP)) return -EINVAL;
  const next = act !== 0n ? readGuest(state.memory, toAddress(act!), SIGACTION_SIZE) : null;
  if (oldact !== 0n) {
    writeGuest(state.memory, toAddress(oldact!), state.signals.actions.get(sig) ?? new Uint8Array(SIGACTION_SIZE));
  }
  if (next !== null) state.signals.actions.set(sig, next);
  return 0;
}

function sys_rt_sigprocmask(state: LinuxUserState, [how, set, oldset, sigsetsize]: readonly bigint[]): number {
  if (size(sigsetsize) !== SIGSET_SIZE) return -EINVAL;
  const old = state.signals.mask;
  let next = old;
  if (set !== 0n) {
    const raw = readGuest(state.memory, toAddress(set!), SIGSET_SIZE);
    const bits = new DataView(raw.buffer, raw.byteOffset, 8).getBigUint64(0, true);
    const mode = int32(how);
    if (mode === 0) next = old | bits;
    else if (mode === 1) next = old & ~bits;
    else if (mode === 2) next = bits;
    else return -EINVAL;
  }
  if (oldset !== 0n) writeGuest(state.memory, toAddress(oldset!), packUint64([old]));
  const unblockable = (1n << BigInt(SIGKILL - 1)) | (1n << BigInt(SIGSTOP - 1));
  state.signals.mask = next & ~unblockable;
  return 0;
}

function sys_sigaltstack(state: LinuxUserState, [ss, oldss]: readonly bigint[]): number {
  const next = ss !== 0n ? readGuest(state.memory, toAddress(ss!), 24) : null;
  if (next !== null) {
    const view = new DataView(next.buffer, next.byteOffset, 24);
    const flags = view.getInt32(8, true);
    if (flags !== 0 && flags !== SS_DISABLE && flags !== SS_ONSTACK) return -EINVAL;
    if (flags !== SS_DISABLE && view.getBigUint64(16, true) < BigInt(MINSIGSTKSZ)) return -ENOMEM;
  }
  if (oldss !== 0n) writeGuest(state.memory, toAddress(oldss!), state.signals.altStack);
  if (next !== null) state.signals.altStack = next;
  return 0;
}

const constant =
  (pick: (state: LinuxUserState) => number) =>
  (state: LinuxUserState): number =>
    pick(state);

/** Signals whose default action is to do nothing (SIGCHLD, SIGCONT, SIGURG, SIGWINCH) or to stop (no job control here). */
const HARMLESS_BY_DEFAULT = new Set([17, 18, 19, 20, 21, 22, 23, 28]);
const SIG_DFL = 0n;
const SIG_IGN = 1n;

/**
 * Sends `sig` to this process. Nothing is ever delivered to a handler (there are no signal
 * frames), so: ignored or blocked signals and harmless defaults return 0, a signal with a
 * handler returns -ENOSYS, and any other default action ends the process with 128 + sig.
 */
function signalSelf(state: LinuxUserState, sig: number): number {
  if (sig === 0) return 0;
  if (sig < 1 || sig > NSIG) return -EINVAL;
  const action = state.signals.actions.get(sig);
  const handler = action === undefined ? SIG_DFL : new DataView(action.buffer, action.byteOffset, 8).getBigUint64(0, true);
  const blocked = (state.signals.mask & (1n << BigInt(sig - 1))) !== 0n && sig !== SIGKILL && sig !== SIGSTOP;
  if (handler === SIG_IGN || blocked) return 0;
  if (handler !== SIG_DFL) return -ENOSYS;
  if (HARMLESS_BY_DEFAULT.has(sig)) return 0;
  state.fatalSignal = sig;
  state.exitStatus = 128 + sig;
  return 0;
}

function sys_kill(state: LinuxUserState, [pid, sig]: readonly bigint[]): number {
  const target = int32(pid);
  // 0 (own group) and -1 (everyone we may signal) both mean just this process here.
  if (target !== state.identity.pid && target !== 0 && target !== -1) return -ESRCH;
  return signalSelf(state, int32(sig));
}

function sys_tkill(state: LinuxUserState, [tid, sig]: readonly bigint[]): number {
  return int32(tid) === state.identity.pid ? signalSelf(state, int32(sig)) : -ESRCH;
}

function sys_tgkill(state: LinuxUserState, [tgid, tid, sig]: readonly bigint[]): number {
  if (int32(tgid) <= 0 || int32(tid) <= 0) return -EINVAL;
  return int32(tgid) === state.identity.pid && int32(tid) === state.identity.pid ? signalSelf(state, int32(sig)) : -ESRCH;
}

const notImplemented = (): number => -ENOSYS;

/** Process, identity, signal-bookkeeping and limit syscalls. */
export const PROCESS_SYSCALLS: readonly SyscallDefinition[] = [
  { number: 93, name: "exit", args: ["d"], result: "d", handler: exitWith },
  { number: 94, name: "exit_group", args: ["d"], result: "d", handler: exitWith },
  { number: 96, name: "set_tid_address", args: ["x"], result: "d", handler: sys_set_tid_address },
  { number: 98, name: "futex", args: ["x", "d", "d", "x"], result: "d", handler: sys_futex },
  { number: 99, name: "set_robust_list", args: ["x", "u"], result: "d", handler: sys_set_robust_list },
  { number: 123, name: "sched_getaffinity", args: ["d", "u", "x"], result: "d", handler: sys_sched_getaffinity },
  { number: 124, name: "sched_yield", args: [], result: "d", handler: () => 0 },
  { number: 129, name: "kill", args: ["d", "d"], result: "d", handler: sys_kill },
  { number: 130, name: "tkill", args: ["d", "d"], result: "d", handler: sys_tkill },
  { number: 131, name: "tgkill", args: ["d", "d", "d"], result: "d", handler: sys_tgkill },
  { number: 132, name: "sigaltstack", args: ["x", "x"], result: "d", handler: sys_sigaltstack },
  { number: 134, name: "rt_sigaction", args: ["d", "x", "x", "u"], result: "d", handler: sys_rt_sigaction },
  { number: 135, name: "rt_sigprocmask", args: ["d", "x", "x", "u"], result: "d", handler: sys_rt_sigprocmask },
  { number: 160, name: "uname", args: ["x"], result: "d", handler: sys_uname },
  { number: 163, name: "getrlimit", args: ["d", "x"], result: "d", handler: sys_getrlimit },
  { number: 172, name: "getpid", args: [], result: "d", handler: constant((s) => s.identity.pid) },
  { number: 173, name: "getppid", args: [], result: "d", handler: constant((s) => s.identity.ppid) },
  { number: 174, name: "getuid", args: [], result: "d", handler: constant((s) => s.identity.uid) },
  { number: 175, name: "geteuid", args: [], result: "d", handler: constant((s) => s.identity.uid) },
  { number: 176, name: "getgid", args: [], result: "d", handler: constant((s) => s.identity.gid) },
  { number: 177, name: "getegid", args: [], result: "d", handler: constant((s) => s.identity.gid) },
  { number: 178, name: "gettid", args: [], result: "d", handler: constant((s) => s.identity.pid) },
  { number: 261, name: "prlimit64", args: ["d", "d", "x", "x"], result: "d", handler: sys_prlimit64 },
  { number: 293, name: "rseq", args: ["x", "u", "x", "x"], result: "d", handler: notImplemented },
];
