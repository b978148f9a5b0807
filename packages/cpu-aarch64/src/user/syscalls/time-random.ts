import { EINVAL, SyscallErrno } from "../errno.js";
import { packUint64, readGuest, toAddress, writeGuest } from "../guest-access.js";
import type { LinuxUserState } from "../process-state.js";
import type { SyscallDefinition } from "./types.js";
import { int32, size } from "./types.js";

const NS_PER_SECOND = 1_000_000_000n;
/** Clock ids whose time is wall-clock time (REALTIME, REALTIME_COARSE, REALTIME_ALARM, TAI). */
const REALTIME_CLOCKS = new Set([0, 5, 8, 11]);
/** Every clock id Linux accepts for clock_gettime. */
const KNOWN_CLOCKS = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
const TIMER_ABSTIME = 1;
const GRND_FLAGS = 0x7; // GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE

function timeOn(state: LinuxUserState, clock: number): bigint {
  return REALTIME_CLOCKS.has(clock) ? state.clock.realtimeNs() : state.clock.monotonicNs();
}

function sys_clock_gettime(state: LinuxUserState, [clockId, tp]: readonly bigint[]): number {
  const clock = int32(clockId);
  if (!KNOWN_CLOCKS.has(clock)) return -EINVAL;
  const ns = timeOn(state, clock);
  writeGuest(state.memory, toAddress(tp!), packUint64([ns / NS_PER_SECOND, ns % NS_PER_SECOND]));
  return 0;
}

function sys_clock_getres(state: LinuxUserState, [clockId, res]: readonly bigint[]): number {
  if (!KNOWN_CLOCKS.has(int32(clockId))) return -EINVAL;
  if (res !== 0n) writeGuest(state.memory, toAddress(res!), packUint64([0, 1]));
  return 0;
}

function sys_gettimeofday(state: LinuxUserState, [tv, tz]: readonly bigint[]): number {
  const ns = state.clock.realtimeNs();
  if (tv !== 0n) writeGuest(state.memory, toAddress(tv!), packUint64([ns / NS_PER_SECOND, (ns % NS_PER_SECOND) / 1000n]));
  if (tz !== 0n) writeGuest(state.memory, toAddress(tz!), new Uint8Array(8)); // UTC, no DST
  return 0;
}

/** Reads a `struct timespec` as nanoseconds; EINVAL when it is not a valid duration. */
function readTimespec(state: LinuxUserState, address: bigint): bigint {
  const raw = readGuest(state.memory, toAddress(address), 16);
  const view = new DataView(raw.buffer, raw.byteOffset, 16);
  const seconds = view.getBigInt64(0, true);
  const nanoseconds = view.getBigInt64(8, true);
  if (seconds < 0n || nanoseconds < 0n || nanoseconds >= NS_PER_SECOND) throw new SyscallErrno(EINVAL);
  return seconds * NS_PER_SECOND + nanoseconds;
}

function sys_nanosleep(state: LinuxUserState, [req]: readonly bigint[]): number {
  state.clock.sleep(readTimespec(state, req!));
  return 0; // never interrupted: no signal is ever delivered, so `rem` is left alone
}

function sys_clock_nanosleep(state: LinuxUserState, [clockId, flags, req]: readonly bigint[]): number {
  const clock = int32(clockId);
  if (!KNOWN_CLOCKS.has(clock)) return -EINVAL;
  const duration = readTimespec(state, req!);
  state.clock.sleep((int32(flags) & TIMER_ABSTIME) !== 0 ? duration - timeOn(state, clock) : duration);
  return 0;
}

function sys_getrandom(state: LinuxUserState, [buf, length, flags]: readonly bigint[]): number {
  if ((int32(flags) & ~GRND_FLAGS) !== 0) return -EINVAL;
  const count = Math.min(size(length), 0x1ff_ffff); // Linux returns at most 32 MiB - 1 per call
  writeGuest(state.memory, toAddress(buf!), state.random.bytes(count));
  return count;
}

/** Clocks and randomness: deterministic by default. */
export const TIME_RANDOM_SYSCALLS: readonly SyscallDefinition[] = [
  { number: 101, name: "nanosleep", args: ["x", "x"], result: "d", handler: sys_nanosleep },
  { number: 113, name: "clock_gettime", args: ["d", "x"], result: "d", handler: sys_clock_gettime },
  { number: 114, name: "clock_getres", args: ["d", "x"], result: "d", handler: sys_clock_getres },
  { number: 115, name: "clock_nanosleep", args: ["d", "d", "x", "x"], result: "d", handler: sys_clock_nanosleep },
  { number: 169, name: "gettimeofday", args: ["x", "x"], result: "d", handler: sys_gettimeofday },
  { number: 278, name: "getrandom", args: ["x", "u", "x"], result: "d", handler: sys_getrandom },
];
