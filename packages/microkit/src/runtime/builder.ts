/**
 * Builds a Microkit system on the kernel sim the way the Microkit tool's capDL spec and its
 * initialiser do, with real invocations from the root task: per PD a TCB, a VSpace with its
 * IPC buffer and memory regions, a two-level CSpace (root CNode of 2^6 slots whose slot 0 holds
 * the 2^9-slot Microkit CNode), a notification, an endpoint when needed, a reply object and a
 * scheduling context; then channel, IRQ, child and VM caps at the slots libmicrokit uses.
 */
import {
  seL4_AllRights, seL4_ARM_VMAttributes, seL4_CanRead, seL4_CanWrite, seL4_Error, seL4_ObjectType_MCS as T,
  seL4_RootCNodeCapSlots as R, emptyUserContext,
  type Sel4, type seL4_BootInfo,
} from "@sel4ts/sel4-kernel-sim";
import { ObjectAllocator } from "./allocator.js";
import { pdIpcBuffer, pdStackTop, type SdfConfig, defaultSdfConfig } from "../sdf/config.js";
import type { ProtectionDomain, SysMap, SysMemoryRegion, SystemDescription } from "../sdf/types.js";
import { planSystem, type PdPlan } from "./build-plan.js";
import { MicrokitError } from "./errors.js";
import { FAULT_BADGE, MicrokitSlots as S, PD_CAP_BITS, PD_ROOT_CAP_BITS } from "./layout.js";

/** The tool's PD_SCHEDCONTEXT_EXTRA_SIZE (256 bytes): room for extra refills. */
const SCHED_CONTEXT_SIZE_BITS = 8;
const WORD_BITS = 64;
const FRAME_TYPE: Record<number, T> = { 0x1000: T.seL4_ARM_SmallPageObject, 0x200000: T.seL4_ARM_LargePageObject };

/** Root-task caps of the objects of one PD, kept for later steps (channels, children, monitor). */
export interface BuiltPd {
  readonly plan: PdPlan;
  readonly tcb: number;
  readonly vspace: number;
  readonly cnode: number;
  readonly rootCNode: number;
  readonly notification: number;
  readonly endpoint: number | null;
  readonly schedContext: number;
  /** native entry PC of the PD's program */
  entry: bigint;
}

export interface BuiltVcpu {
  readonly pd: number;
  readonly id: number;
  readonly tcb: number;
  readonly vcpu: number;
}

/** Everything the monitor and the tests need after the build. */
export interface BuiltSystem {
  readonly pds: readonly BuiltPd[];
  readonly vcpus: readonly BuiltVcpu[];
  /** the monitor's endpoint (root task cap) and reply object */
  readonly monitorEndpoint: number;
  readonly monitorReply: number;
  /** physical address of each memory region's first page */
  readonly regionPaddrs: ReadonlyMap<string, number>;
}

/** Makes every object and cap of `system` from the root task. */
export class SystemBuilder {
  private readonly alloc: ObjectAllocator;
  private readonly config: SdfConfig;
  private readonly schedControl: number;

  constructor(
    private readonly sel4: Sel4,
    bootInfo: seL4_BootInfo,
    private readonly system: SystemDescription,
    config: Partial<SdfConfig> = {},
  ) {
    this.alloc = new ObjectAllocator(sel4, bootInfo, `building ${system.fileName}`);
    this.config = { ...defaultSdfConfig, ...config };
    if (bootInfo.schedcontrol === undefined) throw new MicrokitError("build", "Microkit needs an MCS kernel (no SchedControl cap in the boot info)");
    this.schedControl = bootInfo.schedcontrol.start;
  }

  private fail(what: string, error: number): never {
    throw new MicrokitError("build", `building ${this.system.fileName}: ${what} failed with ${seL4_Error[error] ?? error}`);
  }

  private object(type: T, sizeBits: number, what: string): number {
    return this.alloc.object(type, sizeBits, what);
  }

  private slot(): number {
    return this.alloc.slot();
  }

  /** A copy of `cap` in a fresh root slot, with `badge` (0: a plain copy) and `rights`. */
  private mint(cap: number, badge: bigint, rights = seL4_AllRights): number {
    const slot = this.slot();
    const err = this.sel4.seL4_CNode_Mint(R.seL4_CapInitThreadCNode, slot, WORD_BITS, R.seL4_CapInitThreadCNode, cap, WORD_BITS, rights, badge);
    if (err !== seL4_Error.seL4_NoError) this.fail("CNode_Mint", err);
    return slot;
  }

  /** Puts a copy of `cap` (badged) into `slot` of a PD's Microkit CNode. */
  private place(pd: BuiltPd, slot: number, cap: number, badge = 0n, rights = seL4_AllRights): void {
    // Copy, not Mint, when no badge is added: minting an already badged cap gives a null cap.
    const err =
      badge === 0n
        ? this.sel4.seL4_CNode_Copy(pd.cnode, slot, PD_CAP_BITS, R.seL4_CapInitThreadCNode, cap, WORD_BITS, rights)
        : this.sel4.seL4_CNode_Mint(pd.cnode, slot, PD_CAP_BITS, R.seL4_CapInitThreadCNode, cap, WORD_BITS, rights, badge);
    if (err !== seL4_Error.seL4_NoError) this.fail(`placing cap ${slot} of PD '${pd.plan.pd.name}'`, err);
  }

  private configureSchedContext(sc: number, budget: number, period: number, badge: number): void {
    const err = this.sel4.seL4_SchedControl_ConfigureFlags(this.schedControl, sc, budget, period, 0, badge, 0);
    if (err !== seL4_Error.seL4_NoError) this.fail("SchedControl_ConfigureFlags", err);
  }

  private newVSpace(name: string): number {
    const root = this.object(T.seL4_ARM_VSpaceObject, 0, `the VSpace of ${name}`);
    const err = this.sel4.seL4_ARM_ASIDPool_Assign(R.seL4_CapInitThreadASIDPool, root);
    if (err !== seL4_Error.seL4_NoError) this.fail(`ASIDPool_Assign for ${name}`, err);
    return root;
  }

  /** Page tables made so far, by VSpace: "1G:<index>" (a level-2 table) and "2M:<index>" (level 3). */
  private readonly tables = new Map<number, Set<string>>();

  /**
   * Maps one frame of `pageSize` bytes, first making the page tables its address needs: the
   * 40-bit stage-2 VSpace starts at level 1, so a 2 MiB page needs a level-2 table and a 4 KiB
   * page a level-3 table too.
   */
  private mapFrame(vspace: number, frame: number, vaddr: number, pageSize: number, rights: number, cached: boolean, executable: boolean, what: string): void {
    const made = this.tables.get(vspace) ?? new Set<string>();
    this.tables.set(vspace, made);
    const needed = [`1G:${Math.floor(vaddr / 2 ** 30)}`, ...(pageSize === 0x1000 ? [`2M:${Math.floor(vaddr / 2 ** 21)}`] : [])];
    for (const key of needed) {
      if (made.has(key)) continue;
      const table = this.object(T.seL4_ARM_PageTableObject, 0, `a page table for ${what}`);
      const err = this.sel4.seL4_ARM_PageTable_Map(table, vspace, vaddr, seL4_ARM_VMAttributes.seL4_ARM_Default_VMAttributes);
      if (err !== seL4_Error.seL4_NoError) this.fail(`mapping a page table for ${what} at 0x${vaddr.toString(16)}`, err);
      made.add(key);
    }
    const attr = (cached ? seL4_ARM_VMAttributes.seL4_ARM_Default_VMAttributes : 0) | (executable ? 0 : seL4_ARM_VMAttributes.seL4_ARM_ExecuteNever);
    const err = this.sel4.seL4_ARM_Page_Map(frame, vspace, vaddr, rights, attr);
    if (err !== seL4_Error.seL4_NoError) this.fail(`mapping ${what} at 0x${vaddr.toString(16)}`, err);
  }

  /** Builds everything; `entryFor` gives the native entry PC of a PD's program. */
  build(entryFor: (pd: BuiltPd) => bigint): BuiltSystem {
    const plans = planSystem(this.system);
    const frames = this.memoryRegions();
    const monitorEndpoint = this.object(T.seL4_EndpointObject, 0, "the monitor endpoint");
    const monitorReply = this.object(T.seL4_ReplyObject, 0, "the monitor reply");
    const pds: BuiltPd[] = [];
    const vcpus: BuiltVcpu[] = [];
    for (const plan of plans) {
      const pd = this.protectionDomain(plan, frames);
      pds.push(pd);
      pd.entry = entryFor(pd);
    }
    for (const pd of pds) this.wire(pd, pds, monitorEndpoint, frames, vcpus);
    for (const pd of pds) this.start(pd, pds, monitorEndpoint);
    const regionPaddrs = new Map<string, number>();
    for (const [name, caps] of frames) {
      const address = this.sel4.seL4_ARM_Page_GetAddress(caps[0]!);
      regionPaddrs.set(name, address.paddr);
    }
    return { pds, vcpus, monitorEndpoint, monitorReply, regionPaddrs };
  }

  /** Frames of every memory region: at its phys_addr if given, else anywhere. */
  private memoryRegions(): Map<string, number[]> {
    const frames = new Map<string, number[]>();
    // Fixed addresses first, lowest first: nothing else may have used their untypeds yet.
    const paddr = (mr: SysMemoryRegion) => (mr.physAddr.kind === "specified" ? mr.physAddr.paddr : Infinity);
    const ordered = [...this.system.memoryRegions].sort((a, b) => paddr(a) - paddr(b));
    for (const mr of ordered) frames.set(mr.name, this.regionFrames(mr));
    return frames;
  }

  private regionFrames(mr: SysMemoryRegion): number[] {
    const type = FRAME_TYPE[mr.pageSize]!;
    const what = (i: number) => `page ${i} of memory region '${mr.name}'`;
    return Array.from({ length: mr.pageCount }, (_, i) =>
      mr.physAddr.kind === "specified" ? this.alloc.frameAt(type, mr.physAddr.paddr + i * mr.pageSize, what(i)) : this.object(type, 0, what(i)),
    );
  }

  /** Maps a region into a VSpace (each mapping needs its own copy of the frame caps). */
  private map(vspace: number, map: SysMap, frames: Map<string, number[]>, owner: string): void {
    const mr = this.system.memoryRegions.find((m) => m.name === map.mr)!;
    const rights = (map.perms & 1 ? seL4_CanRead : 0) | (map.perms & 2 ? seL4_CanWrite : 0);
    frames.get(map.mr)!.forEach((cap, i) => {
      this.mapFrame(vspace, this.mint(cap, 0n), map.vaddr + i * mr.pageSize, mr.pageSize, rights, map.cached, (map.perms & 4) !== 0, `'${map.mr}' in ${owner}`);
    });
  }

  private protectionDomain(plan: PdPlan, frames: Map<string, number[]>): BuiltPd {
    const { pd } = plan;
    const name = `PD '${pd.name}'`;
    const vspace = this.newVSpace(name);
    for (const map of pd.maps) this.map(vspace, map, frames, name);
    const tcb = this.object(T.seL4_TCBObject, 0, `the TCB of ${name}`);
    const cnode = this.object(T.seL4_CapTableObject, PD_CAP_BITS, `the CNode of ${name}`);
    const rootCNode = this.object(T.seL4_CapTableObject, PD_ROOT_CAP_BITS, `the root CNode of ${name}`);
    const notification = this.object(T.seL4_NotificationObject, 0, `the notification of ${name}`);
    const endpoint = plan.needsEp ? this.object(T.seL4_EndpointObject, 0, `the endpoint of ${name}`) : null;
    const reply = this.object(T.seL4_ReplyObject, 0, `the reply object of ${name}`);
    const schedContext = this.object(T.seL4_SchedContextObject, SCHED_CONTEXT_SIZE_BITS, `the scheduling context of ${name}`);
    this.configureSchedContext(schedContext, pd.schedParams.budget, pd.schedParams.period, 0x100 + plan.index);

    // The IPC buffer in the top page of the address space, as the tool places it.
    const ipcBuffer = this.object(T.seL4_ARM_SmallPageObject, 0, `the IPC buffer of ${name}`);
    const ipcVaddr = Number(pdIpcBuffer(this.config));
    this.mapFrame(vspace, ipcBuffer, ipcVaddr, 0x1000, seL4_CanRead | seL4_CanWrite, true, false, `the IPC buffer of ${name}`);
    // The stack below a guard page, as the tool maps it (a TypeScript PD does not use it).
    const stackBottom = Number(pdStackTop(this.config)) - pd.stackSize;
    for (let offset = 0; offset < pd.stackSize; offset += 0x1000) {
      const frame = this.object(T.seL4_ARM_SmallPageObject, 0, `the stack of ${name}`);
      this.mapFrame(vspace, frame, stackBottom + offset, 0x1000, seL4_CanRead | seL4_CanWrite, true, false, `the stack of ${name}`);
    }
    // Root CNode slot 0 = the Microkit CNode, guarded so that CPtr n names its slot n.
    const guardSize = WORD_BITS - PD_CAP_BITS - PD_ROOT_CAP_BITS;
    let err = this.sel4.seL4_CNode_Mint(rootCNode, 0, PD_ROOT_CAP_BITS, R.seL4_CapInitThreadCNode, cnode, WORD_BITS, seL4_AllRights, BigInt(guardSize));
    if (err !== seL4_Error.seL4_NoError) this.fail(`installing the CNode of ${name}`, err);
    const built: BuiltPd = { plan, tcb, vspace, cnode, rootCNode, notification, endpoint, schedContext, entry: 0n };
    this.place(built, S.INPUT_CAP, endpoint ?? notification);
    this.place(built, S.VSPACE_CAP, vspace);
    this.place(built, S.REPLY_CAP, reply);
    err = this.sel4.seL4_TCB_Configure(tcb, rootCNode, 0, vspace, 0, ipcVaddr, ipcBuffer);
    if (err !== seL4_Error.seL4_NoError) this.fail(`TCB_Configure of ${name}`, err);
    err = this.sel4.seL4_TCB_BindNotification(tcb, notification);
    if (err !== seL4_Error.seL4_NoError) this.fail(`TCB_BindNotification of ${name}`, err);
    this.sel4.seL4_DebugNameThread(tcb, pd.name);
    return built;
  }

  /** Fault endpoints, channels, IRQs, children and the VM: caps that name other PDs' objects. */
  private wire(pd: BuiltPd, pds: readonly BuiltPd[], monitorEndpoint: number, frames: Map<string, number[]>, vcpus: BuiltVcpu[]): void {
    const { plan } = pd;
    const parent = plan.pd.parent === null ? null : pds[plan.pd.parent]!;
    const faultEp = this.mint(parent === null ? monitorEndpoint : parent.endpoint!, plan.faultBadge);
    this.place(pd, S.FAULT_EP_CAP, faultEp);
    if (plan.pd.passive) this.place(pd, S.MONITOR_EP, monitorEndpoint, BigInt(plan.index + 1));
    const err = this.sel4.seL4_TCB_SetSchedParams(pd.tcb, R.seL4_CapInitThreadTCB, plan.pd.schedParams.priority, plan.pd.schedParams.priority, pd.schedContext, faultEp);
    if (err !== seL4_Error.seL4_NoError) this.fail(`TCB_SetSchedParams of PD '${plan.pd.name}'`, err);
    if (parent !== null) this.place(parent, S.BASE_TCB_CAP + plan.pd.id!, pd.tcb);
    for (const cap of plan.channelCaps) {
      const target = pds[cap.targetPd]!;
      this.place(pd, cap.slot, cap.kind === "notification" ? target.notification : target.endpoint!, cap.badge);
    }
    for (const irq of plan.pd.irqs) this.irq(pd, irq.irq, irq.trigger, irq.id);
    if (plan.pd.virtualMachine !== null) this.virtualMachine(pd, frames, vcpus);
  }

  private irq(pd: BuiltPd, irq: number, trigger: "level" | "edge", id: number): void {
    const handler = this.slot();
    let err = this.sel4.seL4_IRQControl_GetTrigger(R.seL4_CapIRQControl, irq, trigger === "edge" ? 1 : 0, R.seL4_CapInitThreadCNode, handler, WORD_BITS);
    if (err !== seL4_Error.seL4_NoError) this.fail(`IRQControl_GetTrigger for IRQ ${irq} of PD '${pd.plan.pd.name}'`, err);
    const badged = this.mint(pd.notification, 1n << BigInt(id));
    err = this.sel4.seL4_IRQHandler_SetNotification(handler, badged);
    if (err !== seL4_Error.seL4_NoError) this.fail(`IRQHandler_SetNotification for IRQ ${irq}`, err);
    this.place(pd, S.BASE_IRQ_CAP + id, handler);
  }

  /** One TCB, VCPU and scheduling context per vCPU over the VM's shared VSpace; suspended until the VMM restarts it. */
  private virtualMachine(pd: BuiltPd, frames: Map<string, number[]>, vcpus: BuiltVcpu[]): void {
    const vm = pd.plan.pd.virtualMachine!;
    const name = `virtual machine '${vm.name}'`;
    const vspace = this.newVSpace(name);
    for (const map of vm.maps) this.map(vspace, map, frames, name);
    vm.vcpus.forEach((vcpu, index) => {
      const what = `vCPU ${vcpu.id} of ${name}`;
      const tcb = this.object(T.seL4_TCBObject, 0, `the TCB of ${what}`);
      const vcpuObject = this.object(T.seL4_ARM_VCPUObject, 0, what);
      const cnode = this.object(T.seL4_CapTableObject, PD_CAP_BITS, `the CNode of ${what}`);
      const sc = this.object(T.seL4_SchedContextObject, SCHED_CONTEXT_SIZE_BITS, `the scheduling context of ${what}`);
      this.configureSchedContext(sc, vm.schedParams.budget, vm.schedParams.period, 0x100 + index);
      const ipcBuffer = this.object(T.seL4_ARM_SmallPageObject, 0, `the IPC buffer of ${what}`);
      const faultEp = this.mint(pd.endpoint!, FAULT_BADGE | BigInt(vcpu.id));
      const checks: [string, seL4_Error][] = [
        ["TCB_Configure", this.sel4.seL4_TCB_Configure(tcb, cnode, WORD_BITS - PD_CAP_BITS, vspace, 0, 0, ipcBuffer)],
        ["TCB_SetSchedParams", this.sel4.seL4_TCB_SetSchedParams(tcb, R.seL4_CapInitThreadTCB, vm.schedParams.priority, vm.schedParams.priority, sc, faultEp)],
        ["ARM_VCPU_SetTCB", this.sel4.seL4_ARM_VCPU_SetTCB(vcpuObject, tcb)],
      ];
      for (const [call, err] of checks) if (err !== seL4_Error.seL4_NoError) this.fail(`${call} of ${what}`, err);
      this.sel4.seL4_DebugNameThread(tcb, `${vm.name}:${vcpu.id}`);
      this.place(pd, S.BASE_VM_TCB_CAP + vcpu.id, tcb);
      this.place(pd, S.BASE_VCPU_CAP + vcpu.id, vcpuObject);
      vcpus.push({ pd: pd.plan.index, id: vcpu.id, tcb, vcpu: vcpuObject });
    });
  }

  /** Starts the PD at its program's entry (PDs are resumed; VMs wait for their VMM). */
  private start(pd: BuiltPd, _pds: readonly BuiltPd[], _monitor: number): void {
    const regs = emptyUserContext();
    regs.pc = pd.entry;
    const err = this.sel4.seL4_TCB_WriteRegisters(pd.tcb, true, 0, 1, regs);
    if (err !== seL4_Error.seL4_NoError) this.fail(`starting PD '${pd.plan.pd.name}'`, err);
  }
}

export type { ProtectionDomain };
