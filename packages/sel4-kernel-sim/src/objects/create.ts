import type { RetypeObjectType } from "../constants/mcs";
import { seL4_ObjectType } from "../constants/object-types";
import type { Cap } from "../cspace/cap";
import type { ObjectTables } from "../kernel-ports";
import { CNode } from "./cnode";
import { Endpoint } from "./endpoint";
import { Frame } from "./frame";
import { Notification } from "./notification";
import { Tcb } from "./tcb";
import { Vcpu } from "./vcpu";
import { Reply } from "./reply";
import { SchedContext } from "./sched-context";
import { PageTable, VSpace } from "./vspace";

/** createObject: builds a fresh object of `type` at `paddr` and returns the cap to it. */
export function createObject(kernel: Pick<ObjectTables, "platform" | "tcbs">, type: RetypeObjectType, paddr: number, userSize: number, isDevice: boolean): Cap {
  switch (type) {
    case "schedContext":
      return { kind: "schedContext", obj: new SchedContext(paddr, userSize) };
    case "reply":
      return { kind: "replyObject", obj: new Reply(paddr), canGrant: true };
    case seL4_ObjectType.seL4_UntypedObject:
      return { kind: "untyped", paddr, sizeBits: userSize, isDevice, freeIndex: 0 };
    case seL4_ObjectType.seL4_TCBObject: {
      const tcb = new Tcb(paddr);
      kernel.tcbs.add(tcb);
      return { kind: "tcb", obj: tcb };
    }
    case seL4_ObjectType.seL4_EndpointObject:
      return { kind: "endpoint", obj: new Endpoint(paddr), badge: 0n, rights: 0xf };
    case seL4_ObjectType.seL4_NotificationObject:
      return { kind: "notification", obj: new Notification(paddr), badge: 0n, rights: 0x3 };
    case seL4_ObjectType.seL4_CapTableObject:
      return { kind: "cnode", obj: new CNode(paddr, userSize), guard: 0n, guardSize: 0 };
    case seL4_ObjectType.seL4_ARM_SmallPageObject:
      return { kind: "frame", obj: new Frame(paddr, 12, isDevice), rights: 0x3, mapping: null };
    case seL4_ObjectType.seL4_ARM_LargePageObject:
      return { kind: "frame", obj: new Frame(paddr, 21, isDevice), rights: 0x3, mapping: null };
    case seL4_ObjectType.seL4_ARM_HugePageObject:
      return { kind: "frame", obj: new Frame(paddr, 30, isDevice), rights: 0x3, mapping: null };
    case seL4_ObjectType.seL4_ARM_PageTableObject:
      return { kind: "pageTable", obj: new PageTable(paddr) };
    case seL4_ObjectType.seL4_ARM_VSpaceObject:
      return { kind: "vspace", obj: new VSpace(paddr) };
    case seL4_ObjectType.seL4_ARM_VCPUObject:
      return { kind: "vcpu", obj: new Vcpu(paddr, kernel.platform.numListRegisters, kernel.platform.gicVersion ?? 2) };
  }
}
