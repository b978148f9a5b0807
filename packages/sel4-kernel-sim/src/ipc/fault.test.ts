import { describe, expect, it } from "vitest";
import { seL4_FaultType } from "../constants/faults";
import { PhysicalMemory } from "../memory/physical-memory";
import { encodeMessageInfo, seL4_MessageInfo_new } from "../message-info";
import { Tcb } from "../objects/tcb";
import { REG_MR0, REG_PC, REG_SP, REG_SPSR, REG_X0, REG_X1, xIndex } from "../objects/user-context";
import { Vcpu } from "../objects/vcpu";
import type { Kernel } from "../kernel";
import { faultMessage, handleFaultReply, sanitiseSpsr } from "./fault";

function faulter(): Tcb {
  const tcb = new Tcb(0x1000);
  for (let i = 0; i <= 7; i++) tcb.regs[xIndex(i)] = BigInt(100 + i);
  tcb.regs[REG_PC] = 0x40_0000n;
  tcb.regs[REG_SP] = 0x7000n;
  tcb.regs[REG_SPSR] = 0x6000_0000n;
  return tcb;
}

const kernelStub = { memory: new PhysicalMemory([{ base: 0x4000_0000, size: 0x10_0000 }]) } as unknown as Kernel;

describe("fault messages", () => {
  it("UnknownSyscall carries x0-x7, FaultIP, SP, LR, SPSR and the syscall number", () => {
    const tcb = faulter();
    tcb.fault = { kind: "unknownSyscall", syscall: 42n };
    const { label, mrs } = faultMessage(tcb);
    expect(label).toBe(seL4_FaultType.seL4_Fault_UnknownSyscall);
    expect(mrs).toEqual([100n, 101n, 102n, 103n, 104n, 105n, 106n, 107n, 0x40_0000n, 0x7000n, 0x40_0004n, 0x6000_0000n, 42n]);
  });

  it("UserException and VMFault have seL4's layouts", () => {
    const tcb = faulter();
    tcb.fault = { kind: "userException", number: 0x200_0000n, code: 0n };
    expect(faultMessage(tcb)).toEqual({ label: 3, mrs: [0x40_0000n, 0x7000n, 0x6000_0000n, 0x200_0000n, 0n] });
    tcb.fault = { kind: "vm", address: 0x1234n, prefetch: true, fsr: 0x8200_0006n };
    expect(faultMessage(tcb)).toEqual({ label: 5, mrs: [0x40_0000n, 0x1234n, 1n, 0x8200_0006n] });
    tcb.fault = { kind: "vppi", irq: 27n };
    expect(faultMessage(tcb)).toEqual({ label: 8, mrs: [27n] });
  });

  it("a reply to UnknownSyscall writes registers back and restarts only with label 0", () => {
    const tcb = faulter();
    tcb.fault = { kind: "unknownSyscall", syscall: 42n };
    const handler = new Tcb(0x2000);
    handler.regs[REG_X1] = encodeMessageInfo(seL4_MessageInfo_new(0, 0, 0, 3));
    handler.regs[REG_MR0] = 7n;
    handler.regs[REG_MR0 + 1] = 8n;
    handler.regs[REG_MR0 + 2] = 9n;
    expect(handleFaultReply(kernelStub, tcb, handler)).toBe(true);
    expect([tcb.regs[REG_X0], tcb.regs[xIndex(1)], tcb.regs[xIndex(2)], tcb.regs[xIndex(3)]]).toEqual([7n, 8n, 9n, 103n]);
    handler.regs[REG_X1] = encodeMessageInfo(seL4_MessageInfo_new(1, 0, 0, 0));
    expect(handleFaultReply(kernelStub, tcb, handler)).toBe(false);
  });

  it("SPSR sanitising keeps flags and allows EL1 modes only for VCPU threads", () => {
    const tcb = faulter();
    expect(sanitiseSpsr(tcb, 0xf000_03c5n)).toBe(0xf000_0000n);
    tcb.vcpu = new Vcpu(0x3000, 4);
    expect(sanitiseSpsr(tcb, 0xf000_03c5n)).toBe(0xf000_03c5n);
    expect(sanitiseSpsr(tcb, 0x0000_0009n)).toBe(0n); // EL2h is never allowed
  });
});
