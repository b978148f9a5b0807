// Configuration-space behaviour checked against the PCI Local Bus Specification 3.0 (§6.1-6.2, §6.7).
import { describe, expect, it } from "vitest";
import {
  NON_MEM,
  NON_PREFETCH_MEM,
  PCI_BAR_OFFSET,
  PREFETCH_MEM,
  vmm_pci_create_bar_emulation,
  vmm_pci_create_cap_emulation,
  vmm_pci_create_irq_emulation,
  vmm_pci_create_passthrough,
  vmm_pci_device_def_t,
  vmm_pci_mem_device_read,
  vmm_pci_mem_device_write,
  vmm_pci_no_msi_cap_emulation,
} from "./pci-helper";
import { find_device, make_addr_reg_from_config, vmm_pci_add_entry, vmm_pci_init } from "./pci";
import type { vmm_pci_config_t, vmm_pci_entry_t, vmm_pci_space_t } from "./pci-types";

const read = (e: vmm_pci_entry_t, offset: number, size: number): number => {
  const r = { value: 0xdead };
  expect(e.ioread(e.cookie, offset, size, r)).toBe(0);
  return r.value;
};
const write = (e: vmm_pci_entry_t, offset: number, size: number, value: number): void => {
  expect(e.iowrite(e.cookie, offset, size, value)).toBe(0);
};
const memEntry = (def: vmm_pci_device_def_t): vmm_pci_entry_t => ({ cookie: def, ioread: vmm_pci_mem_device_read, iowrite: vmm_pci_mem_device_write });

describe("vmm_pci_space_t", () => {
  it("vmm_pci_init puts the host bridge at 00:00.0 (class 06/00, header type 0, writes ignored)", () => {
    const space = { value: null as vmm_pci_space_t | null };
    expect(vmm_pci_init(space)).toBe(0);
    const bridge = find_device(space.value!, { bus: 0, dev: 0, fun: 0 })!;
    expect(read(bridge, 0, 4)).toBe(0x0042_5e14);
    expect(read(bridge, 0x08, 4)).toBe(0x0600_0001); // class 0x06, subclass 0, prog-if 0, revision 1
    expect(read(bridge, 0x0e, 1)).toBe(0);
    write(bridge, 0x04, 2, 0xffff);
    expect(read(bridge, 0x04, 2)).toBe(0);
  });

  it("vmm_pci_add_entry fills function 0 of devices 1..31 in order, then fails with -1", () => {
    const space = { value: null as vmm_pci_space_t | null };
    const lines: string[] = [];
    vmm_pci_init(space, { logger: (l) => lines.push(l) });
    const at = { value: { bus: 9, dev: 9, fun: 9 } };
    const entry = memEntry(new vmm_pci_device_def_t({ vendor_id: 0x1af4 }));
    expect(vmm_pci_add_entry(space.value!, entry, at)).toBe(0);
    expect(at.value).toEqual({ bus: 0, dev: 1, fun: 0 });
    for (let i = 2; i < 32; i++) expect(vmm_pci_add_entry(space.value!, entry, null)).toBe(0);
    expect(vmm_pci_add_entry(space.value!, entry, at)).toBe(-1);
    expect(lines).toEqual(["vmm|ERROR: vmm_pci_add_entry: no free device slot on bus 0 (all 32 taken)"]);
  });

  it("find_device knows only bus 0; make_addr_reg_from_config splits a CAM offset", () => {
    const space = { value: null as vmm_pci_space_t | null };
    vmm_pci_init(space);
    expect(find_device(space.value!, { bus: 1, dev: 0, fun: 0 })).toBeNull();
    expect(find_device(space.value!, { bus: 0, dev: 3, fun: 0 })).toBeNull();
    expect(find_device(space.value!, { bus: 0, dev: 0, fun: 8 })).toBeNull();
    const addr = { value: { bus: 0, dev: 0, fun: 0 } };
    const reg = { value: 0 };
    make_addr_reg_from_config((2 << 16) | (31 << 11) | (5 << 8) | 0x3c, addr, reg);
    expect(addr.value).toEqual({ bus: 2, dev: 31, fun: 5 });
    expect(reg.value).toBe(0x3c);
  });
});

describe("type 0 header (vmm_pci_mem_device_read/write)", () => {
  const device = () =>
    memEntry(new vmm_pci_device_def_t({ vendor_id: 0x1af4, device_id: 0xa111, revision_id: 1, class_code: 0x05, header_type: 0, interrupt_pin: 1, status: 0x0100 | 0x0010 }));

  it("reads are little endian in configuration-space order, any width", () => {
    const e = device();
    expect(read(e, 0x00, 4)).toBe(0xa111_1af4);
    expect(read(e, 0x00, 2)).toBe(0x1af4);
    expect(read(e, 0x01, 1)).toBe(0x1a);
    expect(read(e, 0x02, 2)).toBe(0xa111);
    expect(read(e, 0x08, 4)).toBe(0x0500_0001);
    expect(read(e, 0x3c, 4)).toBe(0x0000_0100);
  });

  it("vendor ID, device ID, revision, class code, header type and interrupt pin are read-only (§6.2.1, §6.2.4)", () => {
    const e = device();
    write(e, 0x00, 4, 0xffff_ffff);
    write(e, 0x08, 4, 0xffff_ffff);
    write(e, 0x0e, 1, 0xff);
    write(e, 0x3d, 1, 4);
    expect(read(e, 0x00, 4)).toBe(0xa111_1af4);
    expect(read(e, 0x08, 4)).toBe(0x0500_0001);
    expect(read(e, 0x0e, 1)).toBe(0);
    expect(read(e, 0x3d, 1)).toBe(1);
  });

  it("command: implemented bits are read/write, reserved bits (3-5, 7, 9, 11-15) read 0 (§6.2.2)", () => {
    const e = device();
    write(e, 0x04, 2, 0xffff);
    expect(read(e, 0x04, 2)).toBe(0x0547);
    write(e, 0x04, 2, 0x0002);
    expect(read(e, 0x04, 2)).toBe(0x0002);
  });

  it("status: error bits are write-1-to-clear, other bits read-only (§6.2.3)", () => {
    const e = device();
    write(e, 0x06, 2, 0xffff); // clears nothing that is set except RW1C bits 8, 11-15
    expect(read(e, 0x06, 2)).toBe(0x0010); // capabilities-list bit stays, master data parity error (bit 8) cleared
  });

  it("cache line size, latency timer and interrupt line are read/write scratch registers", () => {
    const e = device();
    write(e, 0x0c, 2, 0x4010);
    write(e, 0x3c, 1, 0x2a);
    expect(read(e, 0x0c, 2)).toBe(0x4010);
    expect(read(e, 0x3c, 1)).toBe(0x2a);
  });

  it("the capability pointer and capabilities come from caps at 0x40; beyond them reads 0", () => {
    const def = new vmm_pci_device_def_t({ status: 0x10, caps_pointer: 0x40, caps_len: 4, caps: Uint8Array.of(0x09, 0x00, 0x04, 0xaa) });
    const e = memEntry(def);
    expect(read(e, 0x34, 1)).toBe(0x40);
    expect(read(e, 0x40, 4)).toBe(0xaa04_0009);
    expect(read(e, 0x44, 4)).toBe(0);
    write(e, 0x34, 1, 0x80);
    expect(read(e, 0x34, 1)).toBe(0x40);
  });

  it("bad accesses return -1: negative offset, size 3, past 256 bytes", () => {
    const e = device();
    const r = { value: 0 };
    expect(e.ioread(e.cookie, -1, 1, r)).toBe(-1);
    expect(e.ioread(e.cookie, 0, 3, r)).toBe(-1);
    expect(e.iowrite(e.cookie, 0xfe, 4, 0)).toBe(-1);
  });
});

describe("BAR emulation (§6.2.5.1)", () => {
  const withBars = () =>
    vmm_pci_create_bar_emulation(memEntry(new vmm_pci_device_def_t({ vendor_id: 0x1af4 })), 3, [
      { mem_type: PREFETCH_MEM, address: 0xdf00_0000, size_bits: 12 },
      { mem_type: NON_PREFETCH_MEM, address: 0xdf10_0000, size_bits: 20 },
      { mem_type: NON_MEM, address: 0x1000, size_bits: 5 },
    ]);

  it("reads the address with the type bits: memory bit 0 = 0, prefetchable bit 3; I/O bit 0 = 1", () => {
    const e = withBars();
    expect(read(e, PCI_BAR_OFFSET(0), 4)).toBe(0xdf00_0008);
    expect(read(e, PCI_BAR_OFFSET(1), 4)).toBe(0xdf10_0000);
    expect(read(e, PCI_BAR_OFFSET(2), 4)).toBe(0x0000_1001);
    expect(read(e, PCI_BAR_OFFSET(3), 4)).toBe(0); // unimplemented BAR: hardwired to 0
  });

  it("sizing: writing all ones reads back ~(size-1) with the read-only type bits; restoring the address reads it back", () => {
    const e = withBars();
    const sizes = [0x1000, 0x10_0000, 0x20];
    for (let bar = 0; bar < 3; bar++) {
      const original = read(e, PCI_BAR_OFFSET(bar), 4);
      write(e, PCI_BAR_OFFSET(bar), 4, 0xffff_ffff);
      const probe = read(e, PCI_BAR_OFFSET(bar), 4);
      const io = probe & 1;
      const mask = io ? 0xffff_fffc : 0xffff_fff0;
      expect((~(probe & mask) + 1) >>> 0).toBe(sizes[bar]);
      expect(probe & ~mask).toBe(original & ~mask); // type bits survive the probe
      write(e, PCI_BAR_OFFSET(bar), 4, original);
      expect(read(e, PCI_BAR_OFFSET(bar), 4)).toBe(original);
    }
    write(e, PCI_BAR_OFFSET(4), 4, 0xffff_ffff);
    expect(read(e, PCI_BAR_OFFSET(4), 4)).toBe(0); // an unimplemented BAR sizes to 0
  });

  it("sizing also works through byte-wide writes, and leaves the rest of the header alone", () => {
    const e = withBars();
    for (let i = 0; i < 4; i++) write(e, PCI_BAR_OFFSET(0) + i, 1, 0xff);
    expect(read(e, PCI_BAR_OFFSET(0), 4)).toBe(0xffff_f008);
    expect(read(e, PCI_BAR_OFFSET(0) + 2, 2)).toBe(0xffff);
    expect(read(e, 0, 2)).toBe(0x1af4);
  });

  it("refuses BAR tables C would corrupt memory or the guest's view with", () => {
    const e = memEntry(new vmm_pci_device_def_t());
    expect(() => vmm_pci_create_bar_emulation(e, 7, [])).toThrow(/7 BARs/);
    expect(() => vmm_pci_create_bar_emulation(e, 1, [{ mem_type: PREFETCH_MEM, address: 0xdf00_0800, size_bits: 12 }])).toThrow(/not a 32-bit address aligned/);
    expect(() => vmm_pci_create_bar_emulation(e, 1, [{ mem_type: PREFETCH_MEM, address: 0, size_bits: 3 }])).toThrow(/outside/);
  });
});

describe("interrupt line emulation", () => {
  it("INTERRUPT_LINE reads the emulated IRQ in any access width; byte writes to it are ignored", () => {
    const e = vmm_pci_create_irq_emulation(memEntry(new vmm_pci_device_def_t({ interrupt_pin: 1, interrupt_line: 5 })), 82);
    expect(read(e, 0x3c, 1)).toBe(82);
    expect(read(e, 0x3c, 2)).toBe(0x0152);
    write(e, 0x3c, 1, 9);
    expect(read(e, 0x3c, 1)).toBe(82);
    expect(e.iowrite(e.cookie, 0x3c, 4, 0)).toBe(-1);
  });
});

/** A host function's 256-byte configuration space behind vmm_pci_config_t accessors. */
function hostFunction(bytes: Uint8Array): vmm_pci_config_t {
  const view = new DataView(bytes.buffer);
  return {
    cookie: null,
    ioread8: (_c, _a, o) => view.getUint8(o),
    ioread16: (_c, _a, o) => view.getUint16(o, true),
    ioread32: (_c, _a, o) => view.getUint32(o, true),
    iowrite8: (_c, _a, o, v) => view.setUint8(o, v),
    iowrite16: (_c, _a, o, v) => view.setUint16(o, v, true),
    iowrite32: (_c, _a, o, v) => view.setUint32(o, v, true),
  };
}

describe("passthrough and capability-list emulation (§6.7)", () => {
  // A function with three capabilities: power management at 0x40 -> MSI at 0x50 -> PCIe at 0x70.
  const host = () => {
    const bytes = new Uint8Array(256);
    const v = new DataView(bytes.buffer);
    v.setUint32(0, 0x1234_8086, true);
    v.setUint16(6, 0x0010, true);
    bytes[0x34] = 0x40;
    bytes.set([0x01, 0x50], 0x40);
    bytes.set([0x05, 0x70, 0x80, 0x00], 0x50);
    bytes.set([0x10, 0x00], 0x70);
    return bytes;
  };

  it("vmm_pci_create_passthrough forwards 1/2/4-byte accesses", () => {
    const bytes = host();
    const e = vmm_pci_create_passthrough({ bus: 0, dev: 2, fun: 0 }, hostFunction(bytes));
    expect(read(e, 0, 4)).toBe(0x1234_8086);
    write(e, 0x3c, 1, 11);
    expect(bytes[0x3c]).toBe(11);
    expect(e.ioread(e.cookie, 0, 3, { value: 0 })).toBe(-1);
  });

  it("vmm_pci_no_msi_cap_emulation unlinks MSI: PM's next pointer skips to PCIe; MSI bytes read 0", () => {
    const e = vmm_pci_no_msi_cap_emulation(vmm_pci_create_passthrough({ bus: 0, dev: 2, fun: 0 }, hostFunction(host())));
    const walk: number[] = [];
    for (let at = read(e, 0x34, 1); at !== 0; at = read(e, at + 1, 1)) walk.push(read(e, at, 1));
    expect(walk).toEqual([0x01, 0x10]);
    expect(read(e, 0x50, 4)).toBe(0);
    expect(read(e, 0x06, 2) & 0x10).toBe(0x10);
  });

  it("an empty capability list clears the status bit and the pointer", () => {
    const e = vmm_pci_create_cap_emulation(vmm_pci_create_passthrough({ bus: 0, dev: 2, fun: 0 }, hostFunction(host())), 0, [], 0, [], []);
    expect(read(e, 0x06, 2) & 0x10).toBe(0);
    expect(read(e, 0x34, 1)).toBe(0);
  });
});
