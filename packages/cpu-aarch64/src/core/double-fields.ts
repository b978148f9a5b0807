/**
 * Makes the number fields `names` of `target` hold doubles from the start, keeping their values.
 *
 * Why: V8 stores a number field as a small integer until it first holds anything else (a value
 * ≥ 2^31 such as an address or an unsigned 32-bit half). That change of representation gives the
 * object a new hidden class and deoptimises every compiled function that has seen the old one:
 * the run loop, the executors and all translated blocks at once, each time another such field
 * changes (measured on the Linux boot: 848 deoptimisations, 523 with the CPU state's fields
 * started as doubles). A field that starts as a double stays one, for any number stored.
 * Harmless in engines without this optimisation.
 */
export function startAsDoubles<T extends object>(target: T, names: readonly (keyof T & string)[]): void {
  const fields = target as Record<string, unknown>;
  for (const name of names) {
    const value = fields[name];
    fields[name] = 0.5;
    fields[name] = value;
  }
}
