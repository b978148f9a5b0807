import { CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS, seL4_MaxPrio, seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { ThreadState } from "../constants/thread-state";
import type { Cap } from "../cspace/cap";
import { insertCap, insertDerived } from "../cspace/cdt";
import type { KernelContext } from "../kernel-context";
import { mapFrame, lookupPtSlot } from "../mmu/mapping";
import { AsidPool } from "../objects/asid-pool";
import { CNode } from "../objects/cnode";
import { Frame } from "../objects/frame";
import { Tcb } from "../objects/tcb";
import { REG_PC, REG_X0 } from "../objects/user-context";
import { PageTable, VSpace } from "../objects/vspace";
import { BOOT_THREAD_TIME_SLICE_US, MIN_REFILLS, seL4_MinSchedContextBits } from "../constants/mcs";
import { SchedContext } from "../objects/sched-context";
import { refillNew } from "../scheduler/refills";
import { setupReplyMaster } from "../threads/thread-control";
import { alignedBlocks, encodeBootInfo, type seL4_BootInfo, type seL4_UntypedDesc } from "./boot-info";

/** Virtual addresses of the boot info frame and the root task's IPC buffer. */
export const BOOT_INFO_VADDR = 0x40_0000;
export const ROOT_IPC_BUFFER_VADDR = 0x40_1000;
/** RAM at the bottom of the first region kept for the (notional) kernel image. */
const KERNEL_RESERVED = 0x20_0000;
/** The root task's ASID (seL4's IT_ASID). */
const ROOT_ASID = 1;

/** The root task as booted: its TCB and boot info. */
export interface RootTask {
  readonly tcb: Tcb;
  readonly cnode: CNode;
  readonly vspace: VSpace;
  readonly bootInfo: seL4_BootInfo;
}

/** A bump allocator of naturally aligned blocks from the start of RAM. */
class BootAllocator {
  constructor(public cursor: number) {}
  alloc(sizeBits: number): number {
    const size = 2 ** sizeBits;
    this.cursor = Math.ceil(this.cursor / size) * size;
    const at = this.cursor;
    this.cursor += size;
    return at;
  }
}

/**
 * Builds the root task as seL4's boot code does: its CNode with the fixed initial caps, VSpace
 * with ASID 1, IPC buffer and boot info frames, and untyped caps for the rest of RAM and for
 * the device regions. The TCB starts at `entryPc` with x0 = the boot info address.
 */
export function createRootTask(kernel: KernelContext, entryPc: bigint, cnodeSizeBits: number, mcs = false): RootTask {
  const ram = kernel.platform.ram;
  const first = ram[0]!;
  const boot = new BootAllocator(first.base + KERNEL_RESERVED);
  const cnode = new CNode(boot.alloc(cnodeSizeBits + 5), cnodeSizeBits);
  const vspace = new VSpace(boot.alloc(13));
  const tcb = new Tcb(boot.alloc(11));
  const pool = new AsidPool(boot.alloc(12), 0);
  const tables = [new PageTable(boot.alloc(12)), new PageTable(boot.alloc(12))];
  const bootInfoFrame = new Frame(boot.alloc(12), 12, false);
  const ipcFrame = new Frame(boot.alloc(12), 12, false);
  const rootSc = mcs ? new SchedContext(boot.alloc(seL4_MinSchedContextBits), seL4_MinSchedContextBits) : null;
  kernel.memory.zero(first.base + KERNEL_RESERVED, boot.cursor - first.base - KERNEL_RESERVED);
  kernel.tcbs.add(tcb);

  const slot = (i: number) => cnode.slot(i);
  const root = (i: number, cap: Cap) => insertCap(kernel, slot(i), cap, null, true, false);
  root(S.seL4_CapInitThreadCNode, { kind: "cnode", obj: cnode, guard: 0n, guardSize: 64 - cnodeSizeBits });
  root(S.seL4_CapInitThreadTCB, { kind: "tcb", obj: tcb });
  root(S.seL4_CapInitThreadVSpace, { kind: "vspace", obj: vspace });
  root(S.seL4_CapIRQControl, { kind: "irqControl" });
  root(S.seL4_CapASIDControl, { kind: "asidControl" });
  root(S.seL4_CapInitThreadASIDPool, { kind: "asidPool", obj: pool });
  root(S.seL4_CapDomain, { kind: "domain" });

  kernel.asids.pools[0] = pool;
  pool.entries[ROOT_ASID] = vspace;
  vspace.asid = ROOT_ASID;
  const pagingStart = S.seL4_NumInitialCaps as number;
  tables.forEach((table, i) => {
    const at = lookupPtSlot(vspace, BOOT_INFO_VADDR);
    at.table.entries.set(at.index, { kind: "table", table });
    table.mapping = { vspace, vaddr: BOOT_INFO_VADDR - (BOOT_INFO_VADDR % 2 ** at.bitsLeft), level: at.level + 1 };
    root(pagingStart + i, { kind: "pageTable", obj: table });
  });
  const mapAt = (frame: Frame, vaddr: number, rights: number) => {
    mapFrame(vspace, lookupPtSlot(vspace, vaddr), vaddr, frame, rights, 3);
    return { kind: "frame" as const, obj: frame, rights, mapping: { asid: ROOT_ASID, vaddr } };
  };
  root(S.seL4_CapBootInfoFrame, mapAt(bootInfoFrame, BOOT_INFO_VADDR, 2));
  root(S.seL4_CapInitThreadIPCBuffer, mapAt(ipcFrame, ROOT_IPC_BUFFER_VADDR, 3));

  // MCS: one SchedControl cap per core after the paging caps (and the extra boot info pages, none here).
  const schedControlStart = pagingStart + tables.length;
  if (mcs) root(schedControlStart, { kind: "schedControl", core: 0 });
  const schedcontrol = { start: schedControlStart, end: schedControlStart + (mcs ? 1 : 0) };
  const untypedStart = schedcontrol.end;
  const untypedList: seL4_UntypedDesc[] = [];
  const addUntyped = (start: number, end: number, isDevice: boolean) => {
    for (const block of alignedBlocks(start, end)) {
      if (untypedList.length >= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS) return;
      root(untypedStart + untypedList.length, {
        kind: "untyped",
        paddr: block.paddr,
        sizeBits: block.sizeBits,
        isDevice,
        freeIndex: 2 ** block.sizeBits,
      });
      untypedList.push({ paddr: block.paddr, sizeBits: block.sizeBits, isDevice: isDevice ? 1 : 0 });
    }
  };
  addUntyped(boot.cursor, first.base + first.size, false);
  for (const region of ram.slice(1)) addUntyped(region.base, region.base + region.size, false);
  for (const device of kernel.platform.deviceRegions) addUntyped(device.base, device.base + device.size, true);
  const untypedEnd = untypedStart + untypedList.length;

  insertDerived(kernel, { ...slot(S.seL4_CapInitThreadCNode).cap! }, slot(S.seL4_CapInitThreadCNode), tcb.cspaceSlot);
  insertDerived(kernel, { ...slot(S.seL4_CapInitThreadVSpace).cap! }, slot(S.seL4_CapInitThreadVSpace), tcb.vspaceSlot);
  insertDerived(kernel, { kind: "frame", obj: ipcFrame, rights: 3, mapping: null }, slot(S.seL4_CapInitThreadIPCBuffer), tcb.bufferSlot);
  tcb.ipcBufferVaddr = ROOT_IPC_BUFFER_VADDR;
  tcb.priority = seL4_MaxPrio;
  tcb.mcp = seL4_MaxPrio;
  tcb.name = "rootserver";
  tcb.regs[REG_PC] = entryPc;
  tcb.regs[REG_X0] = BigInt(BOOT_INFO_VADDR);
  if (rootSc) {
    // The initial thread's scheduling context: round robin with CONFIG_BOOT_THREAD_TIME_SLICE.
    refillNew(rootSc, MIN_REFILLS, BOOT_THREAD_TIME_SLICE_US * 1000, 0, kernel.clock.now);
    rootSc.tcb = tcb;
    tcb.sc = rootSc;
    root(S.seL4_CapInitThreadSC, { kind: "schedContext", obj: rootSc });
  } else {
    setupReplyMaster(kernel, tcb);
  }
  tcb.state = ThreadState.Restart;
  kernel.scheduler.enqueue(tcb);
  kernel.scheduler.rescheduleRequired();

  const none = { start: 0, end: 0 };
  const bootInfo: seL4_BootInfo = {
    extraLen: 0,
    nodeID: 0,
    numNodes: 1,
    numIOPTLevels: 0,
    ipcBuffer: ROOT_IPC_BUFFER_VADDR,
    empty: { start: untypedEnd, end: 2 ** cnodeSizeBits },
    sharedFrames: none,
    userImageFrames: { start: untypedStart, end: untypedStart },
    userImagePaging: { start: pagingStart, end: schedControlStart },
    ioSpaceCaps: none,
    extraBIPages: none,
    initThreadCNodeSizeBits: cnodeSizeBits,
    initThreadDomain: 0,
    ...(mcs ? { schedcontrol } : {}),
    untyped: { start: untypedStart, end: untypedEnd },
    untypedList,
  };
  kernel.memory.write(bootInfoFrame.paddr, encodeBootInfo(bootInfo));
  return { tcb, cnode, vspace, bootInfo };
}
