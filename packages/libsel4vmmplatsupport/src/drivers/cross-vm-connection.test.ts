import type { vm_t } from "@sel4ts/libsel4vm";
import { vka_alloc_frame, vspace_get_cap, type vka_object_t } from "@sel4ts/sel4-kernel-sim";
import { map_frame_into_vmm } from "../guest-memory-util";
import { describe, expect, it } from "vitest";
import { create_vmm_plat_vcpu } from "../arch/arm/guest-vcpu-util";
import { withVm } from "../test-support/vm-harness";
import { CROSSVM_NO_CONSUME, consume_connection_event, cross_vm_connections_init_common, type crossvm_handle_t } from "./cross-vm-connection";
import { find_device, vmm_pci_init } from "./pci";
import type { vmm_pci_entry_t, vmm_pci_space_t } from "./pci-types";

const BASE = 0xdf00_0000;

function frames(vm: vm_t, n: number): number[] {
  return Array.from({ length: n }, () => {
    const f = { value: null as unknown as vka_object_t };
    if (vka_alloc_frame(vm.vka, 12, f) !== 0) throw new Error("no frame");
    return f.value.cptr;
  });
}

function pciSpace(): vmm_pci_space_t {
  const box = { value: null as vmm_pci_space_t | null };
  vmm_pci_init(box, { logger: () => undefined });
  return box.value!;
}

const read32 = (e: vmm_pci_entry_t, offset: number): number => {
  const r = { value: 0 };
  e.ioread(e.cookie, offset, 4, r);
  return r.value;
};

describe("cross_vm_connections_init_common", () => {
  it("adds one 1af4:a111 function per connection: BAR0 events, BAR1 dataport, both prefetchable, INTA on the one IRQ", async () => {
    let irqCalls = 0;
    const { value } = await withVm((vm) => {
      create_vmm_plat_vcpu(vm, 100);
      const pci = pciSpace();
      const connections: crossvm_handle_t[] = [
        { dataport: { size: 0x2000, num_frames: 2, frames: frames(vm, 2) }, emit_fn: null, consume_id: 0x40n, connection_name: "first" },
        { dataport: { size: 0x2000, num_frames: 2, frames: frames(vm, 2) }, emit_fn: null, consume_id: CROSSVM_NO_CONSUME },
      ];
      const status = cross_vm_connections_init_common(vm, BASE, connections, 2, pci, () => (irqCalls++, 82));
      const f1 = find_device(pci, { bus: 0, dev: 1, fun: 0 })!;
      const f2 = find_device(pci, { bus: 0, dev: 2, fun: 0 })!;
      return { status, ids: read32(f1, 0), class: read32(f1, 8), bars: [read32(f1, 0x10), read32(f1, 0x14), read32(f2, 0x10), read32(f2, 0x14)], intx: read32(f1, 0x3c) & 0xffff, name2: connections[1]!.connection_name };
    });
    expect(value.status).toBe(0);
    expect(irqCalls).toBe(1);
    expect(value.ids).toBe(0xa111_1af4);
    expect(value.class).toBe(0x0500_0001);
    expect(value.bars).toEqual([0xdf00_0008, 0xdf00_2008, 0xdf00_4008, 0xdf00_6008]);
    expect(value.intx).toBe(0x0152);
    expect(value.name2).toBe("connector");
  });

  it("consume_connection_event counts events in BAR0 + 4 of the matching connection and ignores unknown ids", async () => {
    const { value } = await withVm((vm) => {
      create_vmm_plat_vcpu(vm, 100);
      const connections: crossvm_handle_t[] = [{ dataport: { size: 0x1000, num_frames: 1, frames: frames(vm, 1) }, emit_fn: null, consume_id: 7n, connection_name: "c" }];
      cross_vm_connections_init_common(vm, BASE, connections, 1, pciSpace(), () => 82);
      const page = map_frame_into_vmm(vm, vspace_get_cap(vm.mem.vm_vspace, BASE), 12, "test")!;
      const count = () => new DataView(page.buffer, page.byteOffset).getUint32(4, true);
      const before = count();
      consume_connection_event(vm, 7n, false);
      consume_connection_event(vm, 7n, false);
      consume_connection_event(vm, 8n, false);
      return { before, after: count(), name: new TextDecoder().decode(page.subarray(8, 9)) };
    });
    expect(value).toEqual({ before: 0, after: 2, name: "c" });
  });

  it("Status.Interrupt (bit 3) is set while events are pending; Command.InterruptDisable (bit 10) is writable and does not change it", async () => {
    const { value } = await withVm((vm) => {
      create_vmm_plat_vcpu(vm, 100);
      const pci = pciSpace();
      const connections: crossvm_handle_t[] = [{ dataport: { size: 0x1000, num_frames: 1, frames: frames(vm, 1) }, emit_fn: null, consume_id: 7n }];
      cross_vm_connections_init_common(vm, BASE, connections, 1, pci, () => 82);
      const f = find_device(pci, { bus: 0, dev: 1, fun: 0 })!;
      const statusCommand = () => read32(f, 0x04);
      const before = statusCommand();
      consume_connection_event(vm, 7n, false);
      const pending = statusCommand();
      f.iowrite(f.cookie, 0x04, 2, 0x0402); // memory decode + INTx disable, as uio_pci_generic's handler masks it
      const masked = statusCommand();
      f.iowrite(f.cookie, 0x05, 1, 0x00); // user space unmasks with a byte write of the command's high byte
      return { before, pending, masked, unmasked: statusCommand() };
    });
    // PCI 3.0 §6.2.2-6.2.3: Status is the high half of the dword at 0x04, Command the low half.
    expect(value).toEqual({ before: 0x0000_0002, pending: 0x0008_0002, masked: 0x0008_0402, unmasked: 0x0008_0002 });
  });

  const failing: [string, (vm: vm_t) => crossvm_handle_t[], number, RegExp][] = [
    ["more than 32 connections", () => [], 33, /unable to register more than 32 dataports \(33 given\)/],
    ["a dataport size that is not a page multiple", (vm) => [{ dataport: { size: 0x1800, num_frames: 1, frames: frames(vm, 1) }, emit_fn: null, consume_id: 1n }], 1, /dataport size 0x1800 is not a multiple of the page size 0x1000/],
    ["a dataport size that is not a power of two", (vm) => [{ dataport: { size: 0x3000, num_frames: 3, frames: frames(vm, 3) }, emit_fn: null, consume_id: 1n }], 1, /dataport size 0x3000 is not a power of two/],
    ["fewer frame caps than frames", (vm) => [{ dataport: { size: 0x2000, num_frames: 2, frames: frames(vm, 1) }, emit_fn: null, consume_id: 1n }], 1, /2 frames \(1 caps given\) cannot back 0x2000 bytes/],
    ["frame_size_bits that disagree with size / num_frames", (vm) => [{ dataport: { size: 0x2000, num_frames: 2, frames: frames(vm, 2), frame_size_bits: 13 }, emit_fn: null, consume_id: 1n }], 1, /frame_size_bits 13/],
  ];
  for (const [what, make, n, message] of failing) {
    it(`returns -1 with one clear log line for ${what}`, async () => {
      const { value, log } = await withVm((vm) => cross_vm_connections_init_common(vm, BASE, make(vm), n, pciSpace(), () => 82));
      expect(value).toBe(-1);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatch(/^test\|ERROR: cross_vm_connections_init_common: /);
      expect(log[0]).toMatch(message);
    });
  }

  it("returns -1 when the connections overlap an existing reservation (overlapping windows)", async () => {
    const { value, log } = await withVm((vm) => {
      const connections: crossvm_handle_t[] = [{ dataport: { size: 0x1000, num_frames: 1, frames: frames(vm, 1) }, emit_fn: null, consume_id: CROSSVM_NO_CONSUME }];
      // Guest RAM is at 0x40000000: put the connections on top of it.
      return cross_vm_connections_init_common(vm, 0x4000_0000, connections, 1, pciSpace(), () => 82);
    });
    expect(value).toBe(-1);
    expect(log).toEqual([
      "test|ERROR: vm_reserve_memory_at: 0x40000000+0x1000 overlaps reservation 0x40000000+0x200000",
      "test|ERROR: cross_vm_connections_init_common: failed to create the event registers of connection 0 at 0x40000000",
    ]);
  });

  it("returns -1 for a base not aligned to the BAR size", async () => {
    const { value, log } = await withVm((vm) => {
      const connections: crossvm_handle_t[] = [{ dataport: { size: 0x2000, num_frames: 2, frames: frames(vm, 2) }, emit_fn: null, consume_id: 1n }];
      return cross_vm_connections_init_common(vm, BASE + 0x1000, connections, 1, pciSpace(), () => 82);
    });
    expect(value).toBe(-1);
    expect(log[0]).toBe("test|ERROR: cross_vm_connections_init_common: connection 0: BAR address 0xdf001000 is not aligned to the BAR size 0x2000");
  });
});
