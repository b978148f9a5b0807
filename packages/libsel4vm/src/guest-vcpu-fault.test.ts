import { describe, expect, it } from "vitest";
import { fault_t } from "./arch/fault";
import { emulate_vcpu_fault, get_vcpu_fault_data_mask, get_vcpu_fault_size, is_vcpu_read_fault, set_vcpu_fault_data, vm_t, type vm_vcpu_t } from "./index";
import { dabtHsr } from "./test-support/scripted-guest";

/** A vCPU whose pending fault is set directly (the arithmetic needs no kernel). */
function pending(addr: number, hsr: number, data: bigint): vm_vcpu_t {
  const vcpu = { vm: new vm_t(), vcpu_id: 0 } as unknown as vm_vcpu_t;
  const fault = new fault_t(vcpu, 0);
  Object.assign(fault, { kind: "data", addr, fsr: hsr, data, width: 1 << ((hsr >>> 22) & 3), handled: false });
  vcpu.vcpu_arch = { fault, unhandled_vcpu_callback: null, unhandled_vcpu_callback_cookie: null };
  return vcpu;
}

describe("guest_vcpu_fault masking arithmetic", () => {
  it("masks are 0xff/0xffff/0xffffffff/~0 shifted by (addr & 3) * 8", () => {
    const mask = (addr: number, sizeLog2: number) => get_vcpu_fault_data_mask(pending(addr, dabtHsr({ write: false, sizeLog2, rt: 0 }), 0n));
    expect(mask(0x1000, 0)).toBe(0xffn);
    expect(mask(0x1003, 0)).toBe(0xff00_0000n);
    expect(mask(0x1002, 1)).toBe(0xffff_0000n);
    expect(mask(0x1000, 2)).toBe(0xffff_ffffn);
    expect(mask(0x1000, 3)).toBe(0xffff_ffff_ffff_ffffn);
    expect(get_vcpu_fault_size(pending(0x1000, dabtHsr({ write: false, sizeLog2: 1, rt: 0 }), 0n))).toBe(2);
  });

  it("emulate on a read: (data & ~(m >> s)) | ((f & m) >> s)", () => {
    const vcpu = pending(0x1001, dabtHsr({ write: false, sizeLog2: 0, rt: 0 }), 0n);
    expect(is_vcpu_read_fault(vcpu)).toBe(true);
    set_vcpu_fault_data(vcpu, 0xaabb_ccddn);
    expect(emulate_vcpu_fault(vcpu, 0x1111_1111_1111_1111n)).toBe(0x1111_1111_1111_11ccn);
  });

  it("emulate on a write: (data & ~m) | ((f << s) & m)", () => {
    const vcpu = pending(0x1002, dabtHsr({ write: true, sizeLog2: 1, rt: 0 }), 0x1234n);
    expect(is_vcpu_read_fault(vcpu)).toBe(false);
    expect(emulate_vcpu_fault(vcpu, 0xaaaa_aaaan)).toBe(0x1234_aaaan);
  });

  it("the loaded register value is zero- or sign-extended as the syndrome says", () => {
    const load = (hsr: number, data: bigint, addr = 0x1000) => pending(addr, hsr, data).vcpu_arch.fault.loadedValue();
    expect(load(dabtHsr({ write: false, sizeLog2: 0, rt: 1, sf: true }), 0x80n)).toBe(0x80n);
    expect(load(dabtHsr({ write: false, sizeLog2: 0, rt: 1, sf: true, sse: true }), 0x80n)).toBe(0xffff_ffff_ffff_ff80n);
    expect(load(dabtHsr({ write: false, sizeLog2: 1, rt: 1, sf: false, sse: true }), 0x8000n)).toBe(0xffff_8000n);
    expect(load(dabtHsr({ write: false, sizeLog2: 2, rt: 1, sf: false }), 0x1122_3344_5566_7788n)).toBe(0x5566_7788n);
  });
});
