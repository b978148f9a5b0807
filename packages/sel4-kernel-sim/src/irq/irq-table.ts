import { Slot } from "../cspace/slot";

/** Per-IRQ kernel state: claimed by a handler cap, the notification to signal, the mask. */
export class IrqLine {
  /** A kernel-internal slot holding a copy of the notification cap set by SetNotification. */
  readonly notificationSlot: Slot;
  claimed = false;
  masked = false;
  /** Raised while masked: delivered at the next Ack (the interrupt controller's pending bit). */
  pending = false;
  /** 0 = level, 1 = edge (IRQControl_GetTrigger). */
  trigger = 0;

  /** Creates the state of IRQ `irq`. */
  constructor(readonly irq: number) {
    this.notificationSlot = new Slot(`irq ${irq} notification`);
  }
}

/** All IRQ lines of a kernel (0..maxIrq) plus the ones the kernel reserves. */
export class IrqTable {
  private readonly lines: IrqLine[];

  /** Creates lines 0..maxIrq. */
  constructor(
    readonly maxIrq: number,
    private readonly reserved: ReadonlySet<number>,
  ) {
    this.lines = Array.from({ length: maxIrq + 1 }, (_, i) => new IrqLine(i));
  }

  /** The line of `irq` (must be ≤ maxIrq). */
  line(irq: number): IrqLine {
    return this.lines[irq]!;
  }

  /** True for IRQs the kernel uses itself. */
  isReserved(irq: number): boolean {
    return this.reserved.has(irq);
  }
}
