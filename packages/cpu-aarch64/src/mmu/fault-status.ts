// Fault status codes (the DFSC/IFSC field of ESR_ELx and PAR_EL1.FST) for stage-1 faults.
// Arm ARM, ISS encoding for a Data/Instruction Abort: 0b0000LL address size, 0b0001LL translation,
// 0b0010LL access flag, 0b0011LL permission, where LL is the lookup level.

/** The kinds of fault a stage-1 translation can report. */
export type Stage1FaultKind = "translation" | "accessFlag" | "permission" | "addressSize";

/** A translation table lookup level with the 4 KiB granule. */
export type LookupLevel = 0 | 1 | 2 | 3;

const FSC_GROUP: Readonly<Record<Stage1FaultKind, number>> = {
  addressSize: 0b000000,
  translation: 0b000100,
  accessFlag: 0b001000,
  permission: 0b001100,
};

/** The 6-bit DFSC/IFSC value for a fault of `kind` at lookup `level` (e.g. translation, level 3 → 0x07). */
export function faultStatusCode(kind: Stage1FaultKind, level: LookupLevel): number {
  return FSC_GROUP[kind] | level;
}

/** The inverse of {@link faultStatusCode}, or null for codes that are not level-based stage-1 faults. */
export function decodeFaultStatusCode(fsc: number): { kind: Stage1FaultKind; level: LookupLevel } | null {
  const group = fsc & 0b111100;
  const level = (fsc & 3) as LookupLevel;
  for (const kind of Object.keys(FSC_GROUP) as Stage1FaultKind[]) {
    if (FSC_GROUP[kind] === group) return { kind, level };
  }
  return null;
}
