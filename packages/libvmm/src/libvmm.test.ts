// The seed's documented results on a built Microkit system (one VMM PD with a VM and 16 MiB of guest RAM).
import { buildSystem, parseSdf, type MicrokitProgram } from "@sel4ts/microkit";
import { describe, expect, it } from "vitest";
import { libvmm, type Libvmm } from "./libvmm";
import { LINUX_IMAGE_MAGIC } from "./linux";

const RAM = 0x4000_0000;
const SYSTEM = `<system>
  <memory_region name="guest_ram" size="0x1000000"/>
  <protection_domain name="VMM" priority="254"><program_image path="vmm.elf"/>
    <map mr="guest_ram" vaddr="0x40000000" setvar_vaddr="guest_ram_vaddr"/>
    <virtual_machine name="linux"><vcpu id="0"/><map mr="guest_ram" vaddr="0x40000000" perms="rwx"/></virtual_machine>
  </protection_domain></system>`;

/** Runs `body` in the VMM PD's init; returns the console. */
async function inVmm(body: (vmm: Libvmm) => void): Promise<string> {
  let out = "";
  const program: MicrokitProgram = (mk) => {
    const vmm = libvmm(mk, { guest_ram_vaddr: RAM, guest_ram_size: 0x100_0000 });
    return { init: () => body(vmm), notified() {} };
  };
  const system = buildSystem(parseSdf("t.system", SYSTEM), { "vmm.elf": program }, { kernel: { consoleOutput: (t) => (out += t) } });
  await system.run();
  return out;
}

function image(size = 0x1000, textOffset = 0x8_0000): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x1400_0010, true);
  view.setBigUint64(8, BigInt(textOffset), true);
  view.setBigUint64(16, BigInt(size), true);
  view.setUint32(56, LINUX_IMAGE_MAGIC, true);
  bytes[size - 1] = 0x5a;
  return bytes;
}

const DTB = Uint8Array.of(0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 0x10, ...new Array<number>(8).fill(0));
const none = new Uint8Array(0);

describe("linux_setup_images", () => {
  it("returns the entry point (RAM + text_offset) and copies kernel, DTB and initrd", async () => {
    const results: unknown[] = [];
    await inVmm((vmm) => {
      const initrd = Uint8Array.of(1, 2, 3);
      results.push(vmm.linux_setup_images(RAM, image(), 0x1000, DTB, 0x40f0_0000, DTB.length, initrd, 0x40d0_0000, 3));
      results.push(vmm.ram.read(0x4008_0fff, 1)[0], Array.from(vmm.ram.read(0x40f0_0000, 4)), Array.from(vmm.ram.read(0x40d0_0000, 3)));
    });
    expect(results).toEqual([0x4008_0000, 0x5a, [0xd0, 0x0d, 0xfe, 0xed], [1, 2, 3]]);
  });

  it("returns -1 with one clear line for a kernel that is not an arm64 Image", async () => {
    let pc = 0;
    const out = await inVmm((vmm) => (pc = vmm.linux_setup_images(RAM, new Uint8Array(4096).fill(0x7f), 4096, none, 0, 0, none, 0, 0)));
    expect(pc).toBe(-1);
    expect(out).toContain('VMM|ERROR: linux_setup_images: the kernel is not an arm64 Linux Image: magic at offset 56 is 0x7f7f7f7f, expected 0x644d5241 ("ARM\\x64")');
  });

  it("refuses a DTB or initrd that overlaps the kernel or does not fit in RAM, a bad DTB, a too small kernel", async () => {
    const pcs: number[] = [];
    const out = await inVmm((vmm) => {
      pcs.push(vmm.linux_setup_images(RAM, image(), 0x1000, DTB, 0x4008_0800, DTB.length, none, 0, 0));
      pcs.push(vmm.linux_setup_images(RAM, image(), 0x1000, DTB, 0x4100_0000, DTB.length, none, 0, 0));
      pcs.push(vmm.linux_setup_images(RAM, image(), 0x1000, none, 0, 0, new Uint8Array(0x10), 0x40ff_fff8, 0x10));
      pcs.push(vmm.linux_setup_images(RAM, image(), 0x1000, none, 0, 0, new Uint8Array(0x10), 0x4008_0000, 0x10));
      pcs.push(vmm.linux_setup_images(RAM, image(), 0x1000, new Uint8Array(16), 0x40f0_0000, 16, none, 0, 0));
      pcs.push(vmm.linux_setup_images(RAM, image(0x2000, 0xfff000), 0x2000, none, 0, 0, none, 0, 0));
      pcs.push(vmm.linux_setup_images(RAM, image().subarray(0, 32), 32, none, 0, 0, none, 0, 0));
    });
    expect(pcs).toEqual([-1, -1, -1, -1, -1, -1, -1]);
    expect(out.trim().split("\n")).toEqual([
      "VMM|ERROR: linux_setup_images: the DTB at 0x40080800+0x10 overlaps the kernel at 0x40080000+0x1000",
      "VMM|ERROR: linux_setup_images: the DTB at 0x41000000+0x10 does not fit in guest RAM 0x40000000+0x1000000",
      "VMM|ERROR: linux_setup_images: the initrd at 0x40fffff8+0x10 does not fit in guest RAM 0x40000000+0x1000000",
      "VMM|ERROR: linux_setup_images: the initrd at 0x40080000+0x10 overlaps the kernel at 0x40080000+0x1000",
      "VMM|ERROR: linux_setup_images: the DTB is not a flattened device tree: magic 0x0, expected 0xd00dfeed (big-endian)",
      "VMM|ERROR: linux_setup_images: the kernel at 0x40fff000+0x2000 does not fit in guest RAM 0x40000000+0x1000000",
      "VMM|ERROR: linux_setup_images: the kernel (32 bytes) is too small for an arm64 Image header (64 bytes)",
    ]);
  });
});

describe("virq_* and fault registration", () => {
  it("virq_register/virq_inject before virq_controller_init fail; the controller cannot be initialised twice", async () => {
    const results: boolean[] = [];
    const out = await inVmm((vmm) => {
      results.push(vmm.virq_register(0, 33, () => {}, null), vmm.virq_inject(0, 33));
      results.push(vmm.virq_controller_init(0), vmm.virq_controller_init(0));
      results.push(vmm.virq_register(0, 40, () => {}, null), vmm.virq_register(0, 40, () => {}, null));
      results.push(vmm.virq_inject(0, 41), vmm.virq_inject(0, 40)); // 40: the guest has not enabled the distributor
      results.push(vmm.virq_register_passthrough(0, 33, 1), vmm.virq_register_passthrough(0, 34, 1), vmm.virq_register_passthrough(0, 35, 62));
      results.push(vmm.virq_handle_passthrough(5));
    });
    expect(results).toEqual([false, false, true, false, true, false, false, false, true, false, false, false]);
    expect(out).toContain("VMM|ERROR: virq_register: call virq_controller_init first");
    expect(out).toContain("VMM|ERROR: virq_register: IRQ 40 is already registered");
    expect(out).toContain("VMM|ERROR: virq_inject: vIRQ 41 is not registered (call virq_register first)");
    expect(out).toContain("VMM|ERROR: virq_register_passthrough: channel 1 already passes IRQ 33 through");
    expect(out).toContain("VMM|ERROR: virq_handle_passthrough: no IRQ is registered for channel 5");
  });

  it("an MMIO range registered twice (or overlapping, or empty) is refused, naming both ranges", async () => {
    const results: boolean[] = [];
    const out = await inVmm((vmm) => {
      const h = () => true;
      results.push(vmm.fault_register_vm_exception_handler(0x2000_0000, 0x1000, h, null));
      results.push(vmm.fault_register_vm_exception_handler(0x2000_0000, 0x1000, h, null));
      results.push(vmm.fault_register_vm_exception_handler(0x2000_0800, 0x1000, h, null));
      results.push(vmm.fault_register_vm_exception_handler(0x3000_0000, 0, h, null));
      results.push(vmm.fault_register_vm_exception_handler(0x2000_1000, 0x1000, h, null));
    });
    expect(results).toEqual([true, false, false, false, true]);
    expect(out).toContain("VMM|ERROR: fault_register_vm_exception_handler: 0x20000000+0x1000 overlaps the registered range 0x20000000+0x1000");
    expect(out).toContain("VMM|ERROR: fault_register_vm_exception_handler: 0x20000800+0x1000 overlaps the registered range 0x20000000+0x1000");
  });

  it("guest_restart with nothing booted yet fails with a message", async () => {
    let ok = true;
    const out = await inVmm((vmm) => (ok = vmm.guest_restart(0, RAM, 0x100_0000)));
    expect(ok).toBe(false);
    expect(out).toContain("VMM|ERROR: guest_restart: nothing to boot: call linux_setup_images and guest_start first");
  });
});
