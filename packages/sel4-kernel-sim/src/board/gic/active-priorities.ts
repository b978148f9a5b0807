/**
 * Priority bookkeeping shared by the physical and the virtual GIC CPU interface: the Active
 * Priorities Registers (APR), the running priority they imply, and group (preemption) priority.
 * GICv2 keeps one APR bit per preemption level; acknowledging an interrupt sets the bit of its
 * group priority and a priority drop (EOI) clears the lowest set bit, the highest active priority.
 */

/** Running priority when no interrupt is active: above every real priority, so anything may preempt. */
export const NO_RUNNING_PRIORITY = 0x100;

/**
 * The group priority of an 8-bit `priority` under binary point `binaryPoint`: the bits that
 * decide preemption. Group 0 (and Group 1 with CBPR) uses `priority[7:bp+1]`; the Group 1
 * binary point (GICC_ABPR) is one lower, `priority[7:bp]`, so pass `aliased = true` for it.
 */
export function groupPriority(priority: number, binaryPoint: number, aliased: boolean): number {
  const lowBits = aliased ? binaryPoint : binaryPoint + 1;
  return priority & (0xff << lowBits) & 0xff;
}

/** The Active Priorities Registers of one CPU interface. */
export class ActivePriorities {
  /** APR0..APRn as the guest or hypervisor reads them. */
  readonly words: Uint32Array;
  readonly #shift: number;

  /**
   * `preemptionBits` is how many priority bits can preempt (7 for an 8-bit GIC, 5 for the
   * virtual interface); one APR bit exists per level.
   */
  constructor(preemptionBits: number) {
    this.#shift = 8 - preemptionBits;
    this.words = new Uint32Array(Math.max(1, (1 << preemptionBits) / 32));
  }

  /** Records that an interrupt of this group priority became active. */
  markActive(groupPrio: number): void {
    const level = groupPrio >> this.#shift;
    this.words[level >> 5]! |= 1 << (level & 31);
  }

  /** Priority drop: clears the highest active priority. Returns false if none was active. */
  dropHighest(): boolean {
    for (let i = 0; i < this.words.length; i++) {
      const word = this.words[i]!;
      if (word !== 0) {
        this.words[i] = word & (word - 1);
        return true;
      }
    }
    return false;
  }

  /** The running priority: the highest active group priority, or {@link NO_RUNNING_PRIORITY}. */
  runningPriority(): number {
    for (let i = 0; i < this.words.length; i++) {
      const word = this.words[i]!;
      if (word !== 0) return ((i << 5) + (31 - Math.clz32(word & -word))) << this.#shift;
    }
    return NO_RUNNING_PRIORITY;
  }

  /** Clears every active priority. */
  clear(): void {
    this.words.fill(0);
  }
}
