// A driver's view of the virtio-mmio console (virtio 1.x §4.2.3.1 device initialisation, §2.7 split queues).
import { describe, expect, it } from "vitest";
import { VirtioConsole } from "./console";
import { VIRTIO_MMIO as R } from "./virtio-mmio";
import type { GuestMemory } from "./virtq";

function setup() {
  const ram = new Uint8Array(0x10000);
  const mem: GuestMemory = { read: (a, n) => ram.slice(a, a + n), write: (a, b) => ram.set(b, a) };
  const out: string[] = [];
  let irqs = 0;
  const errors: string[] = [];
  const con = new VirtioConsole(mem, () => (irqs++, true), { info() {}, error: (f, t) => errors.push(`${f}: ${t}`) }, (b) => out.push(new TextDecoder().decode(b)));
  const view = new DataView(ram.buffer);
  // Queue q at 0x1000 * (q + 1): descriptors, avail at +0x800, used at +0xc00.
  const setupQueue = (q: number) => {
    const base = 0x1000 * (q + 1);
    con.dev.write(R.QueueSel, q);
    con.dev.write(R.QueueNum, 8);
    con.dev.write(R.QueueDescLow, base);
    con.dev.write(R.QueueAvailLow, base + 0x800);
    con.dev.write(R.QueueUsedLow, base + 0xc00);
    con.dev.write(R.QueueReady, 1);
    return base;
  };
  const offer = (q: number, slot: number, addr: number, len: number, writable: boolean) => {
    const base = 0x1000 * (q + 1);
    view.setBigUint64(base + 16 * slot, BigInt(addr), true);
    view.setUint32(base + 16 * slot + 8, len, true);
    view.setUint16(base + 16 * slot + 12, writable ? 2 : 0, true);
    const idx = view.getUint16(base + 0x802, true);
    view.setUint16(base + 0x804 + 2 * (idx % 8), slot, true);
    view.setUint16(base + 0x802, idx + 1, true);
  };
  const usedIdx = (q: number) => view.getUint16(0x1000 * (q + 1) + 0xc02, true);
  const usedLen = (q: number, i: number) => view.getUint32(0x1000 * (q + 1) + 0xc04 + 8 * i + 4, true);
  return { ram, con, out, errors, irqs: () => irqs, setupQueue, offer, usedIdx, usedLen };
}

describe("virtio-mmio console", () => {
  it("identifies as a version 2 (virtio 1.x) console offering only VERSION_1", () => {
    const { con } = setup();
    expect([con.dev.read(R.MagicValue), con.dev.read(R.Version), con.dev.read(R.DeviceID), con.dev.read(R.VendorID)]).toEqual([0x74726976, 2, 3, 0x344c6573]);
    con.dev.write(R.DeviceFeaturesSel, 1);
    expect(con.dev.read(R.DeviceFeatures)).toBe(1);
    con.dev.write(R.DeviceFeaturesSel, 0);
    expect(con.dev.read(R.DeviceFeatures)).toBe(0);
  });

  it("FEATURES_OK sticks only when the driver accepts VERSION_1; status 0 resets", () => {
    const { con } = setup();
    con.dev.write(R.Status, 1 | 2 | 8);
    expect(con.dev.read(R.Status)).toBe(3); // the driver did not accept VERSION_1
    con.dev.write(R.DriverFeaturesSel, 1);
    con.dev.write(R.DriverFeatures, 1);
    con.dev.write(R.Status, 1 | 2 | 8);
    expect(con.dev.read(R.Status)).toBe(11);
    con.dev.write(R.Status, 0);
    expect(con.dev.read(R.Status)).toBe(0);
  });

  it("transmit: the guest's buffers reach the output, the used ring advances, an interrupt is raised", () => {
    const { ram, con, out, irqs, setupQueue, offer, usedIdx } = setup();
    setupQueue(1);
    ram.set(new TextEncoder().encode("hello\n"), 0x8000);
    offer(1, 0, 0x8000, 6, false);
    con.dev.write(R.QueueNotify, 1);
    expect(out).toEqual(["hello\n"]);
    expect(usedIdx(1)).toBe(1);
    expect(con.dev.read(R.InterruptStatus)).toBe(1);
    expect(irqs()).toBe(1);
    con.dev.write(R.InterruptACK, 1);
    expect(con.dev.read(R.InterruptStatus)).toBe(0);
  });

  it("receive: input waits for a writable buffer and fills it", () => {
    const { ram, con, setupQueue, offer, usedIdx, usedLen } = setup();
    setupQueue(0);
    con.input(new TextEncoder().encode("ok"));
    expect(usedIdx(0)).toBe(0);
    offer(0, 0, 0x9000, 64, true);
    con.dev.write(R.QueueNotify, 0);
    expect(usedIdx(0)).toBe(1);
    expect(usedLen(0, 0)).toBe(2);
    expect(new TextDecoder().decode(ram.slice(0x9000, 0x9002))).toBe("ok");
  });
});
