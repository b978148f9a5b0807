import {
  Kernel,
  seL4_Error,
  emptyUserContext,
  seL4_AllRights,
  seL4_MessageInfo_new,
  vka_alloc_frame,
  vka_alloc_tcb,
  vspace_map_pages,
  USER_CONTEXT_NAMES,
  seL4_RootCNodeCapSlots as S,
  vka_alloc_endpoint,
  type CpuThreadExecutor,
  type Fault,
  type Sel4,
  type Tcb,
  type UserContextReg,
  type simple_t,
  type vka_object_t,
  type vka_t,
  type vspace_t,
} from "@sel4ts/sel4-kernel-sim";
import { vcpu_set_entry } from "../arch/vcpu-control";
import { vm_create_vcpu, vm_init } from "../boot";
import { vcpu_start } from "../guest-vm";
import { vm_t, type vm_vcpu_t } from "../types";
import { sel4ts_vmm_env_init } from "../vmm-env";

/**
 * Test support: a CPU stand-in for vCPU threads whose instructions are a script of exits. The
 * kernel is the real kernel sim: each step is reported through `kernel.faultFromCpu`, exactly
 * where a cpu-aarch64 core running the guest would report it, and the VMM's replies resume the
 * thread through the kernel. When the script is exhausted the guest "idles": it reports a
 * virtual-timer PPI, which nobody may be waiting for any more (the thread then stays blocked).
 */

/** What a script step sees when the vCPU runs again. */
export interface GuestStepContext {
  readonly tcb: Tcb;
  /** True if the kernel resumed the thread after a fault reply (restart). */
  readonly restarted: boolean;
  /** Reads a register of the vCPU thread. */
  reg(name: UserContextReg): bigint;
  /** Writes a register of the vCPU thread (as guest code would before faulting). */
  setReg(name: UserContextReg, value: bigint): void;
}

/** One step: the exit the guest takes next. */
export type GuestStep = (ctx: GuestStepContext) => Fault;

/** A resume of a scripted vCPU: the pc it was resumed at. */
export interface GuestResume {
  readonly tcb: string;
  readonly pc: bigint;
  readonly restarted: boolean;
}

const REG_INDEX = new Map<string, number>(USER_CONTEXT_NAMES.map((n, i) => [n, i]));
const regIndex = (name: UserContextReg): number => REG_INDEX.get(name)!;

/** ESR (HSR) of a data abort from a lower EL with a valid syndrome. */
export function dabtHsr(options: { write: boolean; sizeLog2: number; rt: number; sf?: boolean; sse?: boolean }): number {
  return (
    ((0x24 << 26) | (1 << 25) | (1 << 24) | (options.sizeLog2 << 22) | ((options.sse ? 1 : 0) << 21) | (options.rt << 16) | ((options.sf ?? true ? 1 : 0) << 15) | ((options.write ? 1 : 0) << 6) | 0x07) >>>
    0
  );
}

/** HSR of a WFI trap. */
export const WFI_HSR = ((0x01 << 26) | (1 << 25)) >>> 0;
/** HSR of an SMC #0 trap. */
export const SMC_HSR = ((0x17 << 26) | (1 << 25)) >>> 0;

/** A data-abort step at guest physical `addr`. */
export function dataAbort(addr: number, hsr: number): GuestStep {
  return () => ({ kind: "vm", address: BigInt(addr), prefetch: false, fsr: BigInt(hsr) });
}

/** A VCPUFault step. */
export function vcpuFault(hsr: number): GuestStep {
  return () => ({ kind: "vcpu", hsr: BigInt(hsr) });
}

/** A virtual PPI (timer) step. */
export function vppi(irq = 27): GuestStep {
  return () => ({ kind: "vppi", irq: BigInt(irq) });
}

/** The scripted CPU; install one per kernel. */
export class ScriptedVcpuExecutor implements CpuThreadExecutor {
  private readonly scripts = new Map<string, GuestStep[]>();
  /** Every resume of a scripted vCPU, in order. */
  readonly resumes: GuestResume[] = [];

  /** Installs itself as `kernel`'s CPU executor. */
  constructor(private readonly kernel: Kernel) {
    kernel.setCpuExecutor(this);
  }

  /** Sets the steps of the vCPU thread named `tcbName` (libsel4vm names them "<vm name>:<vcpu id>"). */
  script(tcbName: string, steps: GuestStep[]): void {
    this.scripts.set(tcbName, [...steps]);
  }

  /** The pcs the named vCPU was resumed at. */
  pcs(tcbName: string): bigint[] {
    return this.resumes.filter((r) => r.tcb === tcbName).map((r) => r.pc);
  }

  canRun(tcb: Tcb): boolean {
    return tcb.vcpu !== null && this.scripts.has(tcb.name);
  }

  run(tcb: Tcb, _budgetNs: number, restarted: boolean): number {
    this.resumes.push({ tcb: tcb.name, pc: tcb.regs[0]!, restarted });
    const step = this.scripts.get(tcb.name)!.shift() ?? vppi();
    const ctx: GuestStepContext = {
      tcb,
      restarted,
      reg: (name) => tcb.regs[regIndex(name)]!,
      setReg: (name, value) => {
        tcb.regs[regIndex(name)] = BigInt.asUintN(64, value);
      },
    };
    this.kernel.faultFromCpu(tcb, step(ctx));
    return 100;
  }
}

/** What a VM test body gets. */
export interface VmTestEnv {
  readonly kernel: Kernel;
  readonly sel4: Sel4;
  readonly vka: vka_t;
  readonly simple: simple_t;
  readonly vmmVspace: vspace_t;
  readonly executor: ScriptedVcpuExecutor;
  /** Log lines of every VM made with {@link makeVm}. */
  readonly logs: string[];
  /** Creates and initialises a VM with its own host endpoint. */
  makeVm(name: string): vm_t;
}

/** Runs `body` as the root task (the VMM) of a fresh kernel with a scripted CPU; fails if it does not finish. */
export async function withVmm(body: (env: VmTestEnv) => void | Promise<void>): Promise<Kernel> {
  const kernel = new Kernel({ debugMessages: false, consoleOutput: () => undefined });
  const executor = new ScriptedVcpuExecutor(kernel);
  let finished = false;
  let failure: unknown = null;
  kernel.createRootTask(async (sel4) => {
    try {
      const { vka, simple, vspace: vmmVspace } = sel4ts_vmm_env_init(sel4);
      const logs: string[] = [];
      const makeVm = (name: string): vm_t => {
        const ep = { value: null as unknown as vka_object_t };
        if (vka_alloc_endpoint(vka, ep) !== 0) throw new Error("no endpoint");
        const vm = new vm_t();
        if (vm_init(vm, vka, simple, vmmVspace, null, ep.value.cptr, name, { logger: (line) => logs.push(line) }) !== 0) throw new Error(`vm_init failed: ${logs.join("\n")}`);
        return vm;
      };
      await body({ kernel, sel4, vka, simple, vmmVspace, executor, logs, makeVm });
      finished = true;
    } catch (error) {
      failure = error;
    }
  });
  await kernel.run({ maxTimeNs: 10_000_000_000 });
  if (failure instanceof Error) throw failure;
  if (failure !== null) throw new Error("the VMM root task threw a non-Error value");
  if (!finished) throw new Error("the VMM root task did not finish");
  return kernel;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`${what} failed`);
}

/** Starts a native thread (priority 50) that sends one message with `label` on `cap`. */
export function spawnSender(env: VmTestEnv, cap: number, label: number): void {
  const { sel4, vka } = env;
  const tcb = { value: null as unknown as vka_object_t };
  const frame = { value: null as unknown as vka_object_t };
  if (vka_alloc_tcb(vka, tcb) !== 0 || vka_alloc_frame(vka, 12, frame) !== 0) throw new Error("allocation failed");
  const vaddr = vspace_map_pages(env.vmmVspace, [frame.value.cptr], null, seL4_AllRights, 1, 12, true)!;
  const root = S;
  check(sel4.seL4_TCB_Configure(tcb.value.cptr, 0, root.seL4_CapInitThreadCNode, 0, root.seL4_CapInitThreadVSpace, 0, vaddr, frame.value.cptr) === seL4_Error.seL4_NoError, "sender setup");
  check(sel4.seL4_TCB_SetPriority(tcb.value.cptr, root.seL4_CapInitThreadTCB, 50) === seL4_Error.seL4_NoError, "sender setup");
  const regs = emptyUserContext();
  regs.pc = sel4.nativeEntry(async (me) => {
    await me.seL4_Send(cap, seL4_MessageInfo_new(label, 0, 0, 0));
  });
  check(sel4.seL4_TCB_WriteRegisters(tcb.value.cptr, true, 0, 1, regs) === seL4_Error.seL4_NoError, "sender setup");
}

/** Where {@link startScriptedVcpu} starts a guest. */
export const SCRIPTED_ENTRY = 0x4000_0000n;

/** Creates `vm`'s vCPU 0 (priority 100) running `steps` and starts it at {@link SCRIPTED_ENTRY}; throws if a step fails. */
export function startScriptedVcpu(env: VmTestEnv, vm: vm_t, steps: GuestStep[]): vm_vcpu_t {
  const vcpu = vm_create_vcpu(vm, 100);
  if (!vcpu) throw new Error(`vm_create_vcpu failed: ${env.logs.join("\n")}`);
  env.executor.script(`${vm.vm_name}:0`, steps);
  check(vcpu_set_entry(vcpu, SCRIPTED_ENTRY, 0n) === 0, "vcpu_set_entry");
  check(vcpu_start(vcpu) === 0, "vcpu_start");
  return vcpu;
}
