import type { Box } from "../api/sel4-base";

/** A C out-pointer that the call may leave empty (`NULL` until written), as strict TypeScript sees it. */
export type NullableBox<T> = Box<T | null>;

/**
 * An out-parameter for a call that writes through a C pointer. `box<vka_object_t>()` is an empty
 * box (`{ value: null }`) for object results; `box(0)` / `box(0n)` start from a value for
 * number and word results:
 *
 *     const ep = box<vka_object_t>();
 *     if (vka_alloc_endpoint(vka, ep) !== 0 || !ep.value) throw new Error("no memory");
 *     use(ep.value.cptr);
 */
export function box<T>(): NullableBox<T>;
export function box<T>(initial: T): Box<T>;
export function box<T>(initial: T | null = null): Box<T | null> {
  return { value: initial };
}
