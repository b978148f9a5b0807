import { capObject, type Cap } from "./cap";

/**
 * Counts the caps naming each kernel object, so deleting a cap knows whether it was the final
 * one (seL4's isFinalCapability) and the object must be finalised.
 */
export class ObjectRefs {
  private readonly counts = new Map<object, number>();

  /** Records a new cap. */
  retain(cap: Cap): void {
    const obj = capObject(cap);
    if (obj) this.counts.set(obj, (this.counts.get(obj) ?? 0) + 1);
  }

  /** Records a removed cap; returns how many caps still name its object (0 = it was final). */
  release(cap: Cap): number {
    const obj = capObject(cap);
    if (!obj) return 0;
    const left = (this.counts.get(obj) ?? 1) - 1;
    if (left === 0) this.counts.delete(obj);
    else this.counts.set(obj, left);
    return left;
  }

  /** Number of caps naming `obj`. */
  count(obj: object): number {
    return this.counts.get(obj) ?? 0;
  }
}
