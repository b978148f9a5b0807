import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_ObjectType as T } from "../constants/object-types";
import { seL4_FaultType } from "../constants/faults";
import { Kernel } from "../kernel";
import { seL4_MessageInfo_new } from "../message-info";
import { RootKit } from "../test-support/root-task-kit";
import { emptyUserContext } from "../objects/user-context";
import { assemble, b, movz, strW } from "../test-support/a64";
import { createGuest } from "../test-support/guest-kit";
import { McsKit } from "../test-support/mcs-kit";
import { seL4_ObjectType_MCS as MT } from "../constants/mcs";

/** One measured workload. */
export interface BenchResult {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Process CPU time (user + system) of the run, in s: steadier than wall time on a loaded machine. */
  readonly cpuSeconds: number;
  /** Operations per CPU second. */
  readonly perCpuSecond: number;
  /** Virtual time the kernel charged, in ms. */
  readonly virtualMs: number;
}

function quietKernel(): Kernel {
  return new Kernel({ debugMessages: false, consoleOutput: () => undefined });
}

async function timed(name: string, operations: number, kernel: Kernel): Promise<BenchResult> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await kernel.run();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { name, operations, seconds, perSecond: operations / seconds, cpuSeconds, perCpuSecond: operations / cpuSeconds, virtualMs: kernel.clock.now / 1e6 };
}

/** Call/ReplyRecv round trips between a client and a server thread (one MR each way). */
export async function callReplyRecv(roundTrips: number): Promise<BenchResult> {
  const kernel = quietKernel();
  kernel.createRootTask((sel4) => {
    const kit = new RootKit(sel4);
    const ep = kit.make(T.seL4_EndpointObject);
    kit.spawn(
      async (server) => {
        const badge = { value: 0n };
        let info = await server.seL4_Recv(ep, badge);
        for (;;) {
          server.seL4_SetMR(0, server.seL4_GetMR(0) + 1n);
          info = await server.seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, info.length), badge);
        }
      },
      { priority: 200, ipcBufferVaddr: 0x402000 },
    );
    kit.spawn(
      async (client) => {
        for (let i = 0; i < roundTrips; i++) {
          client.seL4_SetMR(0, BigInt(i));
          await client.seL4_Call(ep, seL4_MessageInfo_new(1, 0, 0, 1));
          if (client.seL4_GetMR(0) !== BigInt(i + 1)) throw new Error("bench: wrong reply");
        }
      },
      { priority: 100, ipcBufferVaddr: 0x403000 },
    );
  });
  return timed("Call/ReplyRecv round trip", roundTrips, kernel);
}

/**
 * The same round trips on an MCS kernel: the client Calls a passive server (no scheduling context
 * of its own) that runs on the donated one and answers with ReplyRecv on its reply object.
 */
export async function mcsCallReplyRecv(roundTrips: number): Promise<BenchResult> {
  const kernel = new Kernel({ debugMessages: false, consoleOutput: () => undefined, mcs: true });
  kernel.createRootTask(async (sel4) => {
    const kit = new McsKit(sel4);
    const ep = kit.make(MT.seL4_EndpointObject);
    const reply = kit.make(MT.seL4_ReplyObject);
    const serverSc = kit.sched(1000, 1000);
    const server = kit.spawn(
      async (me) => {
        const badge = { value: 0n };
        let info = await me.seL4_Recv(ep, badge, reply);
        for (;;) {
          me.seL4_SetMR(0, me.seL4_GetMR(0) + 1n);
          info = await me.seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, info.length), badge, reply);
        }
      },
      { priority: 200, ipcBufferVaddr: 0x402000, sc: serverSc },
    );
    // The root task steps below the server so that it reaches its Recv, then makes it passive.
    sel4.seL4_TCB_SetPriority(S.seL4_CapInitThreadTCB, S.seL4_CapInitThreadTCB, 100);
    await sel4.seL4_Yield();
    sel4.seL4_SchedContext_UnbindObject(serverSc, server);
    // A 1 s round-robin budget: the benchmark measures IPC, not timeslice ends.
    const clientSc = kit.sched(1_000_000, 1_000_000);
    kit.spawn(
      async (client) => {
        for (let i = 0; i < roundTrips; i++) {
          client.seL4_SetMR(0, BigInt(i));
          await client.seL4_Call(ep, seL4_MessageInfo_new(1, 0, 0, 1));
          if (client.seL4_GetMR(0) !== BigInt(i + 1)) throw new Error("bench: wrong reply");
        }
      },
      { priority: 150, ipcBufferVaddr: 0x403000, sc: clientSc },
    );
  });
  return timed("MCS Call/ReplyRecv (passive server)", roundTrips, kernel);
}

/** Signal/Wait ping-pong over two notifications. */
export async function signalWait(roundTrips: number): Promise<BenchResult> {
  const kernel = quietKernel();
  kernel.createRootTask(async (sel4) => {
    const kit = new RootKit(sel4);
    const ping = kit.make(T.seL4_NotificationObject);
    const pong = kit.make(T.seL4_NotificationObject);
    kit.spawn(
      async (t) => {
        for (;;) {
          await t.seL4_Wait(ping, null);
          await t.seL4_Signal(pong);
        }
      },
      { priority: 200, ipcBufferVaddr: 0x402000 },
    );
    for (let i = 0; i < roundTrips; i++) {
      await sel4.seL4_Signal(ping);
      await sel4.seL4_Wait(pong, null);
    }
  });
  return timed("Signal/Wait round trip", roundTrips, kernel);
}

/** Synchronous invocations: retype an endpoint then delete it again. */
export async function retypeDelete(pairs: number): Promise<BenchResult> {
  const kernel = quietKernel();
  kernel.createRootTask((sel4) => {
    const kit = new RootKit(sel4);
    const slot = kit.next;
    for (let i = 0; i < pairs; i++) {
      sel4.seL4_Untyped_Retype(kit.untyped, T.seL4_EndpointObject, 0, S.seL4_CapInitThreadCNode, 0, 0, slot, 1);
      sel4.seL4_CNode_Delete(S.seL4_CapInitThreadCNode, slot, 64);
    }
  });
  return timed("Untyped_Retype + CNode_Delete", pairs, kernel);
}

/**
 * Guest fault round trips: a VCPU guest stores to an unmapped IPA in a loop; the VMM (a native
 * thread) receives each VMFault, steps the guest past the store as libvmm's fault_advance_vcpu
 * does (TCB_WriteRegisters) and replies, which restarts the guest at its next store.
 */
export async function guestFaultRoundTrip(roundTrips: number): Promise<BenchResult> {
  const kernel = quietKernel();
  kernel.createRootTask(async (sel4) => {
    const kit = new RootKit(sel4);
    const guest = createGuest(sel4, kit, assemble([movz(0, 0x5000, 16), strW(1, 0), b(-1)]));
    const regs = emptyUserContext();
    let info = await sel4.seL4_Recv(guest.faultEp, null);
    for (let i = 0; i < roundTrips; i++) {
      if (info.label !== (seL4_FaultType.seL4_Fault_VMFault as number)) throw new Error(`bench: expected a VMFault, got label ${info.label}`);
      sel4.seL4_TCB_ReadRegisters(guest.tcb, false, 0, 36, regs);
      regs.pc += 4n;
      sel4.seL4_TCB_WriteRegisters(guest.tcb, false, 0, 36, regs);
      info = await sel4.seL4_ReplyRecv(guest.faultEp, seL4_MessageInfo_new(0, 0, 0, 0), null);
    }
    sel4.seL4_TCB_Suspend(guest.tcb);
  });
  return timed("guest VMFault round trip", roundTrips, kernel);
}
