import { describe, expect, it } from "vitest";
import { KernelSimError } from "../errors";
import { toBigIntMmio } from "./device";
import { GICC_REGISTERS as C, GICD_REGISTERS as D } from "./gic/gic-constants";
import { GICH_REGISTERS as H, GICH_HCR } from "./gic/gic-virtual-interface";
import { PL011_INT, PL011_REGISTERS as U } from "./pl011";
import { QemuVirtBoard } from "./qemu-virt-board";

describe("QemuVirtBoard (aarch64-linux-boot §6, sel4-kernel reserved IRQs)", () => {
  it("describes RAM at 0x4000_0000 with the configured size and the device windows with their models", () => {
    const board = new QemuVirtBoard({ ramSize: 256 * 1024 * 1024, uartOutput: () => undefined });
    expect(board.ram).toEqual([{ base: 0x4000_0000, size: 0x1000_0000 }]);
    expect(board.region("pl011")).toMatchObject({ base: 0x0900_0000, device: board.uart, intid: 33 });
    expect(board.region("gic-distributor")?.device).toBe(board.gic.distributor);
    expect(board.region("gic-cpu-interface")?.device).toBe(board.gic.cpuInterface(0));
    expect(board.region("gic-vcpu-interface")).toMatchObject({ base: 0x0804_0000 });
    expect(board.region("gic-hypervisor-interface")).toMatchObject({ base: 0x0803_0000, intid: 25 });
    expect(board.reservedIrqs).toContain(25);
    expect(board.numListRegisters).toBe(4);
  });

  it("rejects a RAM size that is not a positive multiple of 4 KiB", () => {
    expect(() => new QemuVirtBoard({ ramSize: 1000 })).toThrow(KernelSimError);
    expect(() => new QemuVirtBoard({ ramSize: 0 })).toThrow(/RAM size/);
  });

  it("routes the PL011 interrupt to INTID 33 and on to the CPU's IRQ line", () => {
    const board = new QemuVirtBoard({ uartOutput: () => undefined });
    const dist = board.region("gic-distributor")!.device!;
    const cpu = board.region("gic-cpu-interface")!.device!;
    dist.write(D.CTLR, 4, 1);
    dist.write(D.ISENABLER + 4, 4, 1 << 1);
    dist.write(D.IPRIORITYR + 33, 1, 0xa0);
    cpu.write(C.CTLR, 4, 1);
    cpu.write(C.PMR, 4, 0xf0);
    board.uart.write(U.IMSC, 4, PL011_INT.RX | PL011_INT.RT);
    board.uart.receive([0x0d]);
    expect(board.cpuIrq[0]!.level).toBe(true);
    expect(cpu.read(C.IAR, 4)).toBe(33);
    expect(board.uart.read(U.DR, 4)).toBe(0x0d);
    cpu.write(C.EOIR, 4, 33);
    expect(board.cpuIrq[0]!.level).toBe(false);
  });

  it("writes PL011 output to the configured sink through the CPU's bigint MMIO adapter", () => {
    const out: number[] = [];
    const board = new QemuVirtBoard({ uartOutput: (byte) => out.push(byte) });
    const mmio = toBigIntMmio(board.region("pl011")!.device!);
    for (const ch of "ok\n") mmio.write(U.DR, 4, BigInt(ch.charCodeAt(0)));
    expect(String.fromCharCode(...out)).toBe("ok\n");
  });

  it("wires the virtual interface's maintenance condition to PPI 25 of the physical GIC", () => {
    const board = new QemuVirtBoard({ uartOutput: () => undefined });
    const vgic = board.virtualInterfaces[0]!;
    vgic.hypervisorWindow.write(H.HCR, 4, GICH_HCR.EN | GICH_HCR.UIE);
    expect(board.gic.isPending(25)).toBe(true);
    vgic.hypervisorWindow.write(H.HCR, 4, GICH_HCR.EN);
    expect(board.gic.isPending(25)).toBe(false);
  });

  it("drives the CPU's virtual IRQ input from the list registers", () => {
    const board = new QemuVirtBoard({ uartOutput: () => undefined });
    const vgic = board.virtualInterfaces[0]!;
    vgic.hypervisorWindow.write(H.HCR, 4, GICH_HCR.EN);
    vgic.guestWindow.write(C.CTLR, 4, 1);
    vgic.guestWindow.write(C.PMR, 4, 0xf8);
    vgic.injectIrq(27, 0, 0, 0);
    expect(board.virtualIrq[0]!.level).toBe(true);
  });

  it("keeps two boards independent (no module state)", () => {
    const a = new QemuVirtBoard({ uartOutput: () => undefined });
    const b = new QemuVirtBoard({ uartOutput: () => undefined });
    a.uart.receive([1]);
    expect(b.uart.pendingInput).toBe(0);
  });

  it("round-trips save()/restore() across boards", () => {
    const a = new QemuVirtBoard({ uartOutput: () => undefined });
    a.gic.distributor.write(D.CTLR, 4, 1);
    a.gic.distributor.write(D.ISENABLER + 4, 4, 1 << 1);
    a.uart.write(U.IMSC, 4, PL011_INT.RT);
    a.uart.receive([5, 6]);
    a.virtualInterfaces[0]!.injectIrq(40, 2, 0, 1);
    const state = a.save();
    const b = new QemuVirtBoard({ uartOutput: () => undefined });
    b.restore(structuredClone(state));
    expect(b.save()).toEqual(state);
    expect(() => new QemuVirtBoard({ numCpus: 2 }).restore(state)).toThrow(KernelSimError);
  });
});

describe("QemuVirtBoard hardware-linked virtual interrupts", () => {
  it("deactivates the physical virtual-timer PPI when the guest EOIs its HW list register", () => {
    const board = new QemuVirtBoard({ uartOutput: () => undefined });
    const dist = board.gic.distributor;
    const cpu = board.gic.cpuInterface(0);
    dist.write(D.CTLR, 4, 1);
    dist.write(D.ISENABLER, 4, 1 << 27);
    cpu.write(C.CTLR, 4, 1 | (1 << 9)); // EOImode 1: the hypervisor drops priority, the guest deactivates
    cpu.write(C.PMR, 4, 0xf0);
    board.gic.setLevel(27, true);
    expect(cpu.read(C.IAR, 4)).toBe(27);
    cpu.write(C.EOIR, 4, 27);
    expect(board.gic.isActive(27)).toBe(true);

    const vgic = board.virtualInterfaces[0]!;
    vgic.hypervisorWindow.write(H.HCR, 4, GICH_HCR.EN);
    vgic.guestWindow.write(C.CTLR, 4, 1);
    vgic.guestWindow.write(C.PMR, 4, 0xf8);
    vgic.hypervisorWindow.write(H.LR0, 4, ((1 << 31) | (1 << 28) | (27 << 10) | 27) >>> 0);
    expect(vgic.guestWindow.read(C.IAR, 4)).toBe(27);
    vgic.guestWindow.write(C.EOIR, 4, 27);
    expect(board.gic.isActive(27)).toBe(false);
  });
});
