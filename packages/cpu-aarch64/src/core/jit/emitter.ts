/**
 * Code generation state of one translated block: guest registers held in JavaScript locals and
 * NZCV kept lazily as the operands of the last flag-setting instruction.
 *
 * Register slot r lives in the locals `l<r>` / `h<r>` (its low and high 32 bits as int32) once
 * read or written: it is loaded from the register file (`I`, the Int32Array view) on first use
 * and stored back (`flush`) before anything that may read the register file: an executor call,
 * a memory slow path, every exit. NZCV is either in `s.nzcv` (`flags` null) or described by a
 * `LazyFlags`, whose operands are constants of the block body; conditions are evaluated from the
 * operands directly where that is cheaper (a compare followed by B.cond), and `s.nzcv` is written
 * (`materialize`) only where the architectural value may be observed.
 *
 * The emitter only tracks straight-line code: a conditional slow path emits its own spill with
 * `spillCode()` and reloads what it changed, leaving the tracked state valid on both paths.
 */

/** NZCV described by the operands of the instruction that set it. */
export interface LazyFlags {
  /** JavaScript expression of the 4-bit NZCV value. */
  readonly nzcv: string;
  /** A cheaper expression for condition `cond` (0..13), or null to test `nzcv`. */
  cond(cond: number): string | null;
}

export class BlockEmitter {
  readonly out: string[] = [];
  /** Register slots read or written by the block (their locals are declared). */
  readonly used = new Set<number>();
  private readonly loaded = new Set<number>();
  private readonly dirty = new Set<number>();
  /** Register slots the block writes. */
  readonly written = new Set<number>();
  private flags: LazyFlags | null = null;
  /** A native instruction has set NZCV since the top of the block's loop. */
  private flagsSet = false;
  /** NZCV as it was at the top of the loop may be read (so a loop-back must write it first). */
  entryFlagsRead = false;
  private temps = 0;
  /** Registers that hold their values at the top of the loop and must again at a loop-back. */
  private loopRegisters: ReadonlySet<number> = new Set();
  private loopFlags = false;

  /**
   * Sets up the state at the top of the block's loop from a first emission of the same block
   * (`probe`): every register it uses is loaded before the loop, every register it writes may be
   * dirty, and NZCV is written at a loop-back only if the body may read it before setting it.
   * Returns the preheader loads.
   */
  enterLoop(probe: BlockEmitter): string {
    for (const slot of probe.used) {
      this.used.add(slot);
      this.loaded.add(slot);
    }
    for (const slot of probe.written) this.dirty.add(slot);
    this.loopRegisters = probe.used;
    this.loopFlags = probe.entryFlagsRead;
    return [...probe.used].map((slot) => `l${slot} = I[${2 * slot}]; h${slot} = I[${2 * slot + 1}];`).join(" ");
  }

  /** What a jump back to the top of the loop must do first (see `enterLoop`). */
  loopBackCode(): string {
    let code = "";
    for (const slot of this.loopRegisters) if (!this.loaded.has(slot)) code += `l${slot} = I[${2 * slot}]; h${slot} = I[${2 * slot + 1}]; `;
    if (this.loopFlags && this.flags !== null) code += `s.nzcv = ${this.flags.nzcv};`;
    return code;
  }

  /** Loads of every register of the loop (after an executor that may have written any). */
  reloadAllCode(): string {
    return [...this.loopRegisters].map((slot) => `l${slot} = I[${2 * slot}]; h${slot} = I[${2 * slot + 1}];`).join(" ");
  }

  emit(line: string): void {
    this.out.push(line);
  }

  /** A fresh constant holding `expr`; returns its name. */
  let(expr: string): string {
    const name = `t${this.temps++}`;
    this.out.push(`const ${name} = ${expr};`);
    return name;
  }

  /** A fresh mutable local (for values assigned on two paths); returns its name. */
  var(): string {
    const name = `t${this.temps++}`;
    this.out.push(`let ${name} = 0;`);
    return name;
  }

  /** The int32 halves of register slot `slot`; slot 31 is the zero register here. */
  read(slot: number): [string, string] {
    if (slot === 31) return ["0", "0"];
    this.used.add(slot);
    if (!this.loaded.has(slot)) {
      this.out.push(`l${slot} = I[${2 * slot}]; h${slot} = I[${2 * slot + 1}];`);
      this.loaded.add(slot);
    }
    return [`l${slot}`, `h${slot}`];
  }

  /** Sets slot `slot` (31: discarded) to int32 halves given as names or literals. */
  write(slot: number, lo: string, hi: string): void {
    if (slot === 31) return;
    this.used.add(slot);
    // `hi` may read the low half being replaced (ROR #32 swaps the halves): take it first.
    if (mentions(hi, `l${slot}`)) hi = this.let(hi);
    this.out.push(`l${slot} = ${lo}; h${slot} = ${hi};`);
    this.written.add(slot);
    this.loaded.add(slot);
    this.dirty.add(slot);
  }

  /** The slot's locals hold what the register file now has (after a slow path wrote it there). */
  reloadCode(slot: number): string {
    if (slot === 31 || !this.loaded.has(slot)) return "";
    return `l${slot} = I[${2 * slot}]; h${slot} = I[${2 * slot + 1}];`;
  }

  /** NZCV of the last `setFlags` as an expression (call right after it). */
  flagsExpression(): string {
    if (this.flags === null) throw new Error("emitter: no lazy flags to read");
    return this.flags.nzcv;
  }

  setFlags(flags: LazyFlags): void {
    this.flags = flags;
    this.flagsSet = true;
  }

  /** Condition `cond` of the current NZCV as a boolean expression. */
  cond(cond: number): string {
    if (cond >= 14) return "true";
    if (!this.flagsSet) this.entryFlagsRead = true;
    const flags = this.flags;
    if (flags === null) return `T[${cond << 4} | s.nzcv] === 1`;
    const direct = flags.cond(cond);
    return direct !== null ? `(${direct})` : `T[${cond << 4} | (${flags.nzcv})] === 1`;
  }

  /** The C flag as an int expression, 0 or 1 (the carry-in of ADC/SBC). */
  carry(): string {
    return `(${this.cond(2)} ? 1 : 0)`;
  }

  /** Stores dirty registers and lazy flags, without changing the tracked state (for one path). */
  spillCode(): string {
    if (!this.flagsSet) this.entryFlagsRead = true;
    let code = "";
    for (const slot of this.dirty) code += `I[${2 * slot}] = l${slot}; I[${2 * slot + 1}] = h${slot}; `;
    if (this.flags !== null) code += `s.nzcv = ${this.flags.nzcv};`;
    return code;
  }

  /** Stores dirty registers and flags: the register file and s.nzcv are architectural. */
  spill(): void {
    const code = this.spillCode();
    if (code !== "") this.out.push(code);
    this.dirty.clear();
    this.flags = null;
  }

  /** After an executor call that may have written any register: every local is stale. */
  forget(): void {
    this.loaded.clear();
  }
}

/** Flags of a 32-bit a - b (a, b unsigned names or literals; r the int32 result). */
export function sub32Flags(a: string, b: string, r: string): LazyFlags {
  return {
    nzcv: `((${r} >>> 31) << 3) | (${r} === 0 ? 4 : 0) | (${a} >= ${b} ? 2 : 0) | (((${a} ^ ${b}) & (${a} ^ ${r})) >>> 31)`,
    cond(cond) {
      switch (cond) {
        case 0: return `${a} === ${b}`;
        case 1: return `${a} !== ${b}`;
        case 2: return `${a} >= ${b}`;
        case 3: return `${a} < ${b}`;
        case 4: return `${r} < 0`;
        case 5: return `${r} >= 0`;
        case 8: return `${a} > ${b}`;
        case 9: return `${a} <= ${b}`;
        case 10: return `(${a} | 0) >= (${b} | 0)`;
        case 11: return `(${a} | 0) < (${b} | 0)`;
        case 12: return `(${a} | 0) > (${b} | 0)`;
        case 13: return `(${a} | 0) <= (${b} | 0)`;
        default: return null;
      }
    },
  };
}

/** Flags of a 32-bit a + b (+ carryIn, 0 or 1: ADCS) (a, b unsigned; r the int32 result). */
export function add32Flags(a: string, b: string, r: string, carryIn = "0"): LazyFlags {
  const carry = unsignedCarry(r, a, carryIn);
  return {
    nzcv: `((${r} >>> 31) << 3) | (${r} === 0 ? 4 : 0) | (${carry} ? 2 : 0) | ((~(${a} ^ ${b}) & (${a} ^ ${r})) >>> 31)`,
    cond: (cond) => carryCond(cond, carry) ?? resultCond(cond, `${r} === 0`, `${r} < 0`),
  };
}

/** Flags of a 64-bit a - b (halves unsigned; rl, rh the int32 result halves). */
export function sub64Flags(al: string, ah: string, bl: string, bh: string, rl: string, rh: string): LazyFlags {
  // `|` and `&` (0 or 1), not `||` and `&&`: every compare runs each time, so V8 has feedback
  // for all of them when it optimises the block (a compare it never saw run is compiled as a
  // deoptimisation, taken the first time the high halves are equal).
  const carry = `((${ah} > ${bh}) | ((${ah} === ${bh}) & (${al} >= ${bl})))`;
  const higher = `((${ah} > ${bh}) | ((${ah} === ${bh}) & (${al} > ${bl})))`;
  const ge = `(((${ah} | 0) > (${bh} | 0)) | ((${ah} === ${bh}) & (${al} >= ${bl})))`;
  const gt = `(((${ah} | 0) > (${bh} | 0)) | ((${ah} === ${bh}) & (${al} > ${bl})))`;
  return {
    nzcv: `((${rh} >>> 31) << 3) | ((${rl} | ${rh}) === 0 ? 4 : 0) | (${carry} ? 2 : 0) | (((${ah} ^ ${bh}) & (${ah} ^ ${rh})) >>> 31)`,
    cond(cond) {
      switch (cond) {
        case 0: return `(${al} === ${bl}) & (${ah} === ${bh})`;
        case 1: return `(${al} !== ${bl}) | (${ah} !== ${bh})`;
        case 2: return carry;
        case 3: return `!(${carry})`;
        case 4: return `${rh} < 0`;
        case 5: return `${rh} >= 0`;
        case 8: return higher;
        case 9: return `!(${higher})`;
        case 10: return ge;
        case 11: return `!(${ge})`;
        case 12: return gt;
        case 13: return `!(${gt})`;
        default: return null;
      }
    },
  };
}

/**
 * Flags of a 64-bit a + b (ah, bh unsigned high halves; rl, rh the int32 result halves;
 * `lowCarry` the carry out of the low halves, 0 or 1).
 */
export function add64Flags(ah: string, bh: string, rl: string, rh: string, lowCarry: string): LazyFlags {
  const carry = unsignedCarry(rh, ah, lowCarry);
  return {
    nzcv: `((${rh} >>> 31) << 3) | ((${rl} | ${rh}) === 0 ? 4 : 0) | (${carry} ? 2 : 0) | ((~(${ah} ^ ${bh}) & (${ah} ^ ${rh})) >>> 31)`,
    cond: (cond) => carryCond(cond, carry) ?? resultCond(cond, `(${rl} | ${rh}) === 0`, `${rh} < 0`),
  };
}

/**
 * The carry out of a 32-bit a + b + carryIn as a boolean expression, from the wrapped sum `r`
 * (int32) and `a` (unsigned): the sum wrapped iff it is below a (or equal to it, with a carry
 * in). Only int32 arithmetic: the unwrapped sum, up to 2^33, would be a double in V8, and a
 * block optimised while its sums stayed small deoptimises at the first large one.
 */
export function unsignedCarry(r: string, a: string, carryIn: string): string {
  if (carryIn === "0") return `((${r} >>> 0) < ${a})`;
  return `(${carryIn} === 1 ? (${r} >>> 0) <= ${a} : (${r} >>> 0) < ${a})`;
}

/** CS and CC from a boolean expression of the carry (a carry read by ADC or B.CS after ADDS). */
function carryCond(cond: number, carry: string): string | null {
  if (cond === 2) return carry;
  return cond === 3 ? `!(${carry})` : null;
}

/** Flags of a logical result (C = V = 0): `zero` and `negative` are boolean expressions. */
export function logicFlags(zero: string, negative: string, nzcv: string): LazyFlags {
  return {
    nzcv,
    cond(cond) {
      switch (cond) {
        case 2: case 8: case 6: return "false"; // CS, HI, VS
        case 3: case 9: case 7: return "true"; // CC, LS, VC
        case 10: return `!(${negative})`; // GE: N == V
        case 11: return negative;
        case 12: return `(!(${zero})) & (!(${negative}))`;
        case 13: return `(${zero}) | (${negative})`;
        default: return resultCond(cond, zero, negative);
      }
    },
  };
}

function resultCond(cond: number, zero: string, negative: string): string | null {
  switch (cond) {
    case 0: return zero;
    case 1: return `!(${zero})`;
    case 4: return negative;
    case 5: return `!(${negative})`;
    default: return null;
  }
}

/**
 * Whether the JavaScript expression `expr` uses the local `name` (not as part of a longer name).
 * A scan, not a RegExp: a block's translation asks it for every register write.
 */
export function mentions(expr: string, name: string): boolean {
  for (let at = expr.indexOf(name); at >= 0; at = expr.indexOf(name, at + 1)) {
    if (!isNameChar(expr.charCodeAt(at - 1)) && !isNameChar(expr.charCodeAt(at + name.length))) return true;
  }
  return false;
}

/** A character that can continue a JavaScript name here (letters, digits, `_`, `$`); NaN is none. */
function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}
