/**
 * The Microkit monitor (monitor/src/main.c): receives the faults of top-level PDs on its
 * endpoint (badge = PD index + 1) and prints them as the real monitor does; a message with label
 * 0 from a passive PD is its "init is done" signal, answered by binding the PD's scheduling
 * context to its notification (the PD gives the context back when it next waits).
 */
import {
  seL4_CapFault_Addr, seL4_CapFault_BitsLeft, seL4_CapFault_DepthMismatch_BitsFound, seL4_CapFault_GuardMismatch_BitsFound,
  seL4_CapFault_GuardMismatch_GuardFound, seL4_CapFault_IP, seL4_CapFault_InRecvPhase, seL4_CapFault_LookupFailureType,
  seL4_Error, seL4_FaultType_MCS as F, seL4_VMFault_Addr, seL4_VMFault_FSR, seL4_VMFault_IP, seL4_VMFault_PrefetchFault, emptyUserContext,
  type Sel4, type seL4_UserContext,
} from "@sel4ts/sel4-kernel-sim";
import type { BuiltSystem } from "./builder.js";

/** The monitor's own cap numbers (MON_BASE_PD_TCB_CAP), which its messages print. */
const MON_BASE_PD_TCB_CAP = 10n;

const LOOKUP_FAILURES = ["seL4_NoFailure", "seL4_InvalidRoot", "seL4_MissingCapability", "seL4_DepthMismatch", "seL4_GuardMismatch"];

const hex64 = (v: bigint) => `0x${BigInt.asUintN(64, v).toString(16).padStart(16, "0")}`;
const hex32 = (v: bigint | number) => `0x${(Number(v) >>> 0).toString(16).padStart(8, "0")}`;

/** The aarch64 register dump of the monitor's print_tcb_registers, in its order. */
const REGISTER_ORDER: readonly (keyof seL4_UserContext)[] = [
  "pc", "sp", "spsr", "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x16", "x17", "x18", "x29", "x30",
  "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28",
  "tpidr_el0", "tpidrro_el0",
];

export async function runMonitor(sel4: Sel4, built: BuiltSystem, names: readonly string[], print: (text: string) => void): Promise<never> {
  for (;;) {
    const badge = { value: 0n };
    const tag = await sel4.seL4_Recv(built.monitorEndpoint, badge, built.monitorReply);
    const pdId = Number(badge.value - 1n);
    const pd = built.pds[pdId];
    const label = tag.label as F;
    if (label === F.seL4_Fault_NullFault && pd !== undefined) {
      const err = sel4.seL4_SchedContext_Bind(pd.schedContext, pd.notification);
      print(err !== seL4_Error.seL4_NoError ? "MON|ERROR: could not bind scheduling context to notification object\n" : `MON|INFO: PD '${names[pdId]}' is now passive!\n`);
      continue;
    }
    const mr = (i: number) => sel4.seL4_GetMR(i);
    const lines = [`MON|ERROR: received message ${hex32(tag.label)}  badge: ${hex64(badge.value)}  tcb cap: ${hex64(MON_BASE_PD_TCB_CAP + BigInt(pdId))}\n`];
    if (pd === undefined) {
      print(`${lines[0]}FAIL: MON|ERROR: unknown/invalid badge\n\n`);
      continue;
    }
    // Read the fault's message registers before any other kernel call can overwrite them.
    const words = Array.from({ length: Math.max(tag.length, 1) }, (_, i) => mr(i));
    lines.push(`MON|ERROR: faulting PD: ${names[pdId]}\n`);
    const regs = emptyUserContext();
    if (sel4.seL4_TCB_ReadRegisters(pd.tcb, false, 0, REGISTER_ORDER.length, regs) === seL4_Error.seL4_NoError) {
      lines.push("Registers: \n", ...REGISTER_ORDER.map((name) => `${name}${name === "sp" ? ":" : " :"} ${hex64(regs[name])}\n`));
    }
    lines.push(describeFault(label, words));
    print(lines.join(""));
  }
}

function describeFault(label: F, mr: readonly bigint[]): string {
  const at = (i: number) => mr[i] ?? 0n;
  switch (label) {
    case F.seL4_Fault_CapFault: {
      const failure = Number(at(seL4_CapFault_LookupFailureType));
      let text =
        `MON|ERROR: CapFault: ip=${hex64(at(seL4_CapFault_IP))}  fault_addr=${hex64(at(seL4_CapFault_Addr))}  ` +
        `in_recv_phase=${at(seL4_CapFault_InRecvPhase) === 0n ? "false" : "true"}  lookup_failure_type=${LOOKUP_FAILURES[failure] ?? hex64(BigInt(failure))}`;
      if (failure >= 2 && failure <= 4) text += `  bits_left=${hex64(at(seL4_CapFault_BitsLeft))}`;
      if (failure === 3) text += `  depth_bits_found=${hex64(at(seL4_CapFault_DepthMismatch_BitsFound))}`;
      if (failure === 4) text += `  guard_found=${hex64(at(seL4_CapFault_GuardMismatch_GuardFound))}  guard_bits_found=${hex64(at(seL4_CapFault_GuardMismatch_BitsFound))}`;
      return `${text}\n`;
    }
    case F.seL4_Fault_UserException:
      return "MON|ERROR: UserException\n";
    case F.seL4_Fault_VMFault:
      return `MON|ERROR: VMFault: ip=${hex64(at(seL4_VMFault_IP))}  fault_addr=${hex64(at(seL4_VMFault_Addr))}  fsr=${hex64(at(seL4_VMFault_FSR))}  ${at(seL4_VMFault_PrefetchFault) ? "(instruction fault)" : "(data fault)"}\n`;
    case F.seL4_Fault_VCPUFault:
      return `MON|ERROR: received vCPU fault with ESR: ${hex64(at(0))}\nMON|ERROR: Unknown vCPU fault\n`;
    default:
      return `MON|ERROR: Unknown fault\n${hex64(BigInt(label))}`;
  }
}
