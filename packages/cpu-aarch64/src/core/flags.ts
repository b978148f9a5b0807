/** NZCV as a 4-bit number: N=8, Z=4, C=2, V=1 (the register's bits 31..28 shifted down). */
export const FLAG_N = 8;
export const FLAG_Z = 4;
export const FLAG_C = 2;
export const FLAG_V = 1;

/** ConditionHolds for cond 0..15 and nzcv 0..15, indexed (cond << 4) | nzcv. */
export const CONDITION_TABLE: Uint8Array = buildConditionTable();

function buildConditionTable(): Uint8Array {
  const table = new Uint8Array(256);
  for (let cond = 0; cond < 16; cond++) {
    for (let nzcv = 0; nzcv < 16; nzcv++) {
      const n = (nzcv & FLAG_N) !== 0;
      const z = (nzcv & FLAG_Z) !== 0;
      const c = (nzcv & FLAG_C) !== 0;
      const v = (nzcv & FLAG_V) !== 0;
      let result: boolean;
      switch (cond >> 1) {
        case 0: result = z; break; // EQ
        case 1: result = c; break; // CS
        case 2: result = n; break; // MI
        case 3: result = v; break; // VS
        case 4: result = c && !z; break; // HI
        case 5: result = n === v; break; // GE
        case 6: result = n === v && !z; break; // GT
        default: result = true; // AL
      }
      // Odd conditions invert, except 0b1111 (NV) which is "always" like AL.
      if ((cond & 1) === 1 && cond !== 15) result = !result;
      table[(cond << 4) | nzcv] = result ? 1 : 0;
    }
  }
  return table;
}
