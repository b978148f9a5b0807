// Stage-1 fault kinds and their status codes. The codes themselves come from the system unit's
// `FSC` table (src/system/syndrome.ts), so DFSC/IFSC/PAR.FST are defined in one place.

import { FSC } from "../system/syndrome.js";

/** The kinds of fault a stage-1 translation can report (each names an `FSC` entry). */
export type Stage1FaultKind = "translation" | "accessFlag" | "permission" | "addressSize";

/** A translation table lookup level with the 4 KiB granule. */
export type LookupLevel = 0 | 1 | 2 | 3;

/** The 6-bit DFSC/IFSC value for a fault of `kind` at lookup `level` (e.g. translation, level 3 → 0x07). */
export function faultStatusCode(kind: Stage1FaultKind, level: LookupLevel): number {
  return FSC[kind](level);
}
