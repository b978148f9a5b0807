import { Slot } from "../cspace/slot";
import type { IrqLineRecord } from "../objects/structures";

/** Per-IRQ kernel state: claimed by a handler cap, the notification to signal, the mask. */
export class IrqLine implements IrqLineRecord {
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

/** The interrupt controller's per-line controls, when the kernel runs on a board with one. */
export interface IrqHardware {
  /** maskInterrupt: stop (true) or let through (false) the line at the controller. */
  setMasked(irq: number, masked: boolean): void;
  /** Configures the line as edge- (true) or level-triggered (false). */
  setEdgeTriggered(irq: number, edge: boolean): void;
}

/** All IRQ lines of a kernel (0..maxIrq) plus the ones the kernel reserves. */
export class IrqTable {
  private readonly lines: IrqLine[];

  /** Creates lines 0..maxIrq; `hardware` (if any) follows every mask change. */
  constructor(
    readonly maxIrq: number,
    private readonly reserved: ReadonlySet<number>,
    private readonly hardware: IrqHardware | null = null,
  ) {
    this.lines = Array.from({ length: maxIrq + 1 }, (_, i) => new IrqLine(i));
  }

  /** setIRQState(IRQSignal): a handler cap now owns the line, which is unmasked with `trigger` (0 level, 1 edge). */
  claim(line: IrqLine, trigger: number): void {
    line.claimed = true;
    line.pending = false;
    line.trigger = trigger;
    this.hardware?.setEdgeTriggered(line.irq, trigger === 1);
    this.setMasked(line, false);
  }

  /** setIRQState(IRQInactive): the last handler cap is gone; the line is masked. */
  release(line: IrqLine): void {
    line.claimed = false;
    this.setMasked(line, true);
  }

  /** maskInterrupt for a line, in the kernel's record and at the controller. */
  setMasked(line: IrqLine, masked: boolean): void {
    line.masked = masked;
    this.hardware?.setMasked(line.irq, masked);
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
