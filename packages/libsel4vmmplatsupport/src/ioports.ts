import type { Box } from "@sel4ts/sel4-kernel-sim";
import { defaultPlatsupportLogger, hex, logError, logWarn, type platsupport_logger_fn } from "./log";

/** ioport_in_fn: reads `size` bytes from `port_no` into `result.value`; 0 / non-zero. */
export type ioport_in_fn = (cookie: unknown, port_no: number, size: number, result: Box<number>) => number;
/** ioport_out_fn: writes `size` bytes of `value` to `port_no`; 0 / non-zero. */
export type ioport_out_fn = (cookie: unknown, port_no: number, size: number, value: number) => number;

/** ioport_type_t: IOPORT_FREE (allocate the range from the list's free ports) or IOPORT_ADDR (use it as given). */
export const IOPORT_FREE = 0;
export const IOPORT_ADDR = 1;
export type ioport_type_t = typeof IOPORT_FREE | typeof IOPORT_ADDR;

/** ioport_range_t: [start, end] inclusive, `size` ports (16-bit port numbers). */
export interface ioport_range_t {
  start: number;
  end: number;
  size: number;
}

/** ioport_interface_t: the handlers of a range. */
export interface ioport_interface_t {
  cookie: unknown;
  port_in: ioport_in_fn;
  port_out: ioport_out_fn;
  desc: string | null;
}

/** ioport_entry_t: a range and its handlers. */
export interface ioport_entry_t {
  range: ioport_range_t;
  interface: ioport_interface_t;
}

/** vmm_io_port_list_t: the emulated I/O ports, sorted by start. TS-only: `logger`, `last_unhandled_port`. */
export class vmm_io_port_list_t {
  num_ioports = 0;
  ioports: ioport_entry_t[] = [];
  alloc_addr = 0;
  logger: platsupport_logger_fn = defaultPlatsupportLogger;
  /** The last unhandled port warned about (C keeps it in a function-static). */
  last_unhandled_port = -1;
}

/** vmm_io_port_init: a new list whose IOPORT_FREE ranges are allocated from `ioport_alloc_addr` up; 0. */
export function vmm_io_port_init(io_list: Box<vmm_io_port_list_t | null>, ioport_alloc_addr: number, options: { logger?: platsupport_logger_fn } = {}): number {
  const list = new vmm_io_port_list_t();
  list.alloc_addr = ioport_alloc_addr & 0xffff;
  if (options.logger) list.logger = options.logger;
  io_list.value = list;
  return 0;
}

function search_port(list: vmm_io_port_list_t, port_no: number): ioport_entry_t | null {
  let lo = 0;
  let hi = list.ioports.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = list.ioports[mid]!.range;
    if (port_no < range.start) hi = mid - 1;
    else if (port_no > range.end) lo = mid + 1;
    else return list.ioports[mid]!;
  }
  return null;
}

/**
 * vmm_io_port_add_handler: adds a range (IOPORT_FREE: placed at the next free ports); the new
 * entry, or null if it overlaps another range or the 16-bit port space is exhausted.
 */
export function vmm_io_port_add_handler(
  io_list: vmm_io_port_list_t,
  ioport_range: ioport_range_t,
  ioport_interface: ioport_interface_t,
  port_type: ioport_type_t,
): ioport_entry_t | null {
  const fn = "vmm_io_port_add_handler";
  const range = { ...ioport_range };
  if (port_type === IOPORT_FREE) {
    if (io_list.alloc_addr + range.size > 0x10000 || range.size <= 0) {
      logError(io_list, fn, `no room for ${range.size} ports from ${hex(io_list.alloc_addr)}`);
      return null;
    }
    range.start = io_list.alloc_addr;
    range.end = io_list.alloc_addr + range.size - 1;
  }
  const clash = io_list.ioports.find((e) => e.range.end >= range.start && e.range.start <= range.end);
  if (clash) {
    logError(io_list, fn, `requested ioport range ${hex(range.start)}-${hex(range.end)} for ${ioport_interface.desc ?? "Unknown IO Port"} overlaps ${hex(clash.range.start)}-${hex(clash.range.end)} for ${clash.interface.desc ?? "Unknown IO Port"}`);
    return null;
  }
  if (port_type === IOPORT_FREE) io_list.alloc_addr += range.size;
  const entry: ioport_entry_t = { range, interface: ioport_interface };
  io_list.ioports.push(entry);
  io_list.ioports.sort((a, b) => a.range.start - b.range.start);
  io_list.num_ioports = io_list.ioports.length;
  return entry;
}

/**
 * emulate_io_handler: runs the handler of `port_no` (`data.value` in or out). 0 handled, 1 no
 * handler (warned once per port in a row), -1 no list or a handler error.
 */
export function emulate_io_handler(io_port: vmm_io_port_list_t | null, port_no: number, is_in: boolean, size: number, data: Box<number>): number {
  const fn = "emulate_io_handler";
  if (!io_port) return -1;
  const entry = search_port(io_port, port_no);
  if (!entry) {
    if (io_port.last_unhandled_port !== port_no) logWarn(io_port, fn, `ignoring unsupported ioport ${hex(port_no)}`);
    io_port.last_unhandled_port = port_no;
    return 1;
  }
  const { interface: iface } = entry;
  const status = is_in ? iface.port_in(iface.cookie, port_no, size, data) : iface.port_out(iface.cookie, port_no, size, data.value);
  if (status !== 0) {
    logError(io_port, fn, `handler of ioport ${hex(port_no)} (${iface.desc ?? "Unknown IO Port"}) failed: ${is_in ? "in" : "out"} size ${size}`);
    return -1;
  }
  return 0;
}
