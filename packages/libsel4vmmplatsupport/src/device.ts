import type { MaybePromise, memory_fault_result_t, vm_t, vm_vcpu_t } from "@sel4ts/libsel4vm";

/** struct device: a guest device window and (optionally) its fault handler. */
export interface device {
  name: string;
  pstart: number;
  size: number;
  handle_device_fault: ((vm: vm_t, vcpu: vm_vcpu_t, dev: device, addr: number, len: number) => MaybePromise<memory_fault_result_t>) | null;
  priv: unknown;
}

/** device_list_t: devices kept sorted by pstart. */
export interface device_list_t {
  devices: device[];
  num_devices: number;
}

/** device_list_init: empties the list; 0. */
export function device_list_init(list: device_list_t): number {
  list.devices = [];
  list.num_devices = 0;
  return 0;
}

/** add_device: adds a copy of `d`, keeping the list sorted by pstart; 0. */
export function add_device(dev_list: device_list_t, d: device): number {
  dev_list.devices.push({ ...d });
  dev_list.devices.sort((a, b) => a.pstart - b.pstart);
  dev_list.num_devices = dev_list.devices.length;
  return 0;
}

/** find_device_by_pa: the device whose window holds `addr`, or null. */
export function find_device_by_pa(dev_list: device_list_t, addr: number): device | null {
  return dev_list.devices.find((d) => addr >= d.pstart && addr < d.pstart + d.size) ?? null;
}
