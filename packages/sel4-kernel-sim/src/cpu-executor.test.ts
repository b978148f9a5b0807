import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "./constants/boot";
import { seL4_Error as E } from "./constants/errors";
import { seL4_FaultType } from "./constants/faults";
import { seL4_ObjectType as T } from "./constants/object-types";
import { seL4_AllRights } from "./constants/rights";
import type { CpuThreadExecutor } from "./kernel";
import { seL4_MessageInfo_new } from "./message-info";
import type { Tcb } from "./objects/tcb";
import { REG_PC, REG_X7, emptyUserContext } from "./objects/user-context";
import { RootKit, testKernel } from "./test-support/root-task-kit";

/**
 * A scripted stand-in for a CPU core: at pc 0x1000 it makes an unknown syscall (x7 = 42); at any
 * other pc it waits on the endpoint in x0 forever (Recv, x7 = -5).
 */
class ScriptedCpu implements CpuThreadExecutor {
  readonly trace: string[] = [];
  constructor(private readonly kernel: { syscallFromCpu(t: Tcb): void }) {}
  canRun(tcb: Tcb): boolean {
    return tcb.regs[REG_PC]! < 0x10000n;
  }
  run(tcb: Tcb, _budgetNs: number, restarted: boolean): number {
    const pc = tcb.regs[REG_PC]!;
    this.trace.push(`run pc=0x${pc.toString(16)} restarted=${restarted}`);
    tcb.regs[REG_X7] = BigInt.asUintN(64, pc === 0x1000n ? 42n : -5n);
    this.kernel.syscallFromCpu(tcb);
    return 500;
  }
}

describe("CPU-run threads", () => {
  it("an unknown syscall reaches the fault handler, whose reply rewrites the pc and restarts the thread", async () => {
    const kernel = testKernel();
    const cpu = new ScriptedCpu(kernel);
    kernel.setCpuExecutor(cpu);
    const fault: bigint[] = [];
    kernel.createRootTask(async (sel4) => {
      const kit = new RootKit(sel4);
      const faultEp = kit.make(T.seL4_EndpointObject);
      const parking = kit.make(T.seL4_EndpointObject);
      const faultCap = kit.next++;
      sel4.seL4_CNode_Mint(S.seL4_CapInitThreadCNode, faultCap, 64, S.seL4_CapInitThreadCNode, faultEp, 64, seL4_AllRights, 7n);
      const tcb = kit.make(T.seL4_TCBObject);
      expect(sel4.seL4_TCB_Configure(tcb, faultCap, S.seL4_CapInitThreadCNode, 0, S.seL4_CapInitThreadVSpace, 0, 0, 0)).toBe(E.seL4_NoError);
      const regs = emptyUserContext();
      regs.pc = 0x1000n;
      regs.x0 = BigInt(parking);
      regs.x3 = 33n;
      expect(sel4.seL4_TCB_WriteRegisters(tcb, true, 0, 36, regs)).toBe(E.seL4_NoError);
      const badge = { value: 0n };
      const info = await sel4.seL4_Recv(faultEp, badge);
      expect(info.label).toBe(seL4_FaultType.seL4_Fault_UnknownSyscall);
      expect(info.length).toBe(13);
      for (let i = 0; i < 13; i++) fault.push(sel4.seL4_GetMR(i));
      fault.push(badge.value);
      // Skip the instruction: MR8 (FaultIP) = pc + 4, label 0 restarts.
      sel4.seL4_SetMR(8, fault[8]! + 4n);
      await sel4.seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 9));
    });
    expect((await kernel.run()).reason).toBe("idle");
    expect(fault[3]).toBe(33n); // MR3 = x3
    expect(fault.slice(8)).toEqual([0x1000n, 0n, 0x1004n, 0n, 42n, 7n]);
    expect(cpu.trace).toEqual(["run pc=0x1000 restarted=true", "run pc=0x1004 restarted=true"]);
  });

  it("a VPPI event reaches the VMM and stays masked until AckVPPI", async () => {
    const kernel = testKernel();
    const events: string[] = [];
    kernel.setCpuExecutor({
      canRun: (tcb) => tcb.vcpu !== null,
      run: (tcb) => {
        kernel.faultFromCpu(tcb, { kind: "vppi", irq: 27n });
        events.push(`masked=${[...tcb.vcpu!.vppiMasked].join(",")}`);
        return 1000;
      },
    });
    kernel.createRootTask(async (sel4) => {
      const kit = new RootKit(sel4);
      const faultEp = kit.make(T.seL4_EndpointObject);
      const tcb = kit.make(T.seL4_TCBObject);
      const vcpu = kit.make(T.seL4_ARM_VCPUObject);
      expect(sel4.seL4_ARM_VCPU_SetTCB(vcpu, tcb)).toBe(E.seL4_NoError);
      expect(sel4.seL4_TCB_Configure(tcb, faultEp, S.seL4_CapInitThreadCNode, 0, S.seL4_CapInitThreadVSpace, 0, 0, 0)).toBe(E.seL4_NoError);
      const regs = emptyUserContext();
      regs.pc = 0x8000_0000n;
      expect(sel4.seL4_TCB_WriteRegisters(tcb, true, 0, 1, regs)).toBe(E.seL4_NoError);
      const info = await sel4.seL4_Recv(faultEp, null);
      events.push(`fault ${info.label} irq ${sel4.seL4_GetMR(0)}`);
      expect(sel4.seL4_ARM_VCPU_AckVPPI(vcpu, 27)).toBe(E.seL4_NoError);
      const guest = [...kernel.tcbs].find((t) => t.vcpu !== null)!;
      events.push(`acked masked=${[...guest.vcpu!.vppiMasked].join(",")}`);
      expect(sel4.seL4_TCB_Suspend(tcb)).toBe(E.seL4_NoError);
    });
    await kernel.run();
    expect(events).toEqual(["masked=27", `fault ${seL4_FaultType.seL4_Fault_VPPIEvent} irq 27`, "acked masked="]);
  });
});
