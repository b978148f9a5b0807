/**
 * A reader of QEMU's per-instruction CPU log: `qemu-system-aarch64 -d exec,cpu[,fpu],nochain` with
 * one instruction per translation block (`-accel tcg,one-insn-per-tb=on`, or `-singlestep` before
 * QEMU 8.1). QEMU prints, before each block runs, a `Trace N: HOST [CS_BASE/PC/FLAGS/CFLAGS]` line
 * (`exec`) and then the AArch64 register dump of target/arm's aarch64_cpu_dump_state (`cpu`):
 *
 *     PC=0000000040080000 X00=0000000044000000 X01=0000000000000000
 *    X02=... X03=... X04=...            (three per line, X29 X30 and SP on the last one)
 *    PSTATE=400003c5 -Z-- EL1h     FPCR=00000000 FPSR=00000000
 *    Q00=HIGH64:LOW64 Q01=...           (with `-d fpu`)
 *
 * PSTATE is 8 hex digits up to QEMU 8.x and 16 after; FPCR/FPSR appear from QEMU 6 on. The reader
 * takes NAME=HEX tokens, so column layout and the flag letters do not matter. Browser-safe: it is
 * fed lines; the Node entry (`@sel4ts/cpu-aarch64/node`) reads them from a file.
 */

/** One CPU state: what a step of either side looks like to the comparer. */
export interface TraceState {
  readonly pc: bigint;
  /** X0..X30. */
  readonly x: readonly bigint[];
  /** The current stack pointer (SP_EL1 at EL1h, SP_EL0 at EL1t and EL0). */
  readonly sp: bigint;
  /** PSTATE in SPSR layout: NZCV, DAIF, M[3:0] = EL << 2 | SPSel, and the other SPSR bits. */
  readonly pstate: number;
  readonly fpcr?: number;
  readonly fpsr?: number;
  /** V0..V31 as unsigned 128-bit values (QEMU's Qnn, with `-d fpu`). */
  readonly q?: readonly bigint[];
}

/** A state read from a QEMU log, with the line its dump starts on. */
export interface QemuTraceStep extends TraceState {
  readonly line: number;
}

/** A log that is not QEMU's AArch64 CPU dump (message says which line and what was missing). */
export class QemuTraceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QemuTraceFormatError";
  }
}

const TOKEN = /\b([A-Z][A-Z0-9]*)=([0-9a-f]{1,16}(?::[0-9a-f]{16})?)\b/gi;

/** Parses QEMU log lines into steps; feed every line with {@link push}, then call {@link finish}. */
export class QemuTraceParser {
  #lineNumber = 0;
  #start = 0;
  #fields: Map<string, string> | null = null;

  /** Takes the next line; returns the step it completed (a new dump starting ends the previous one), or null. */
  push(line: string): QemuTraceStep | null {
    this.#lineNumber++;
    if (!line.includes("=")) return null;
    let completed: QemuTraceStep | null = null;
    TOKEN.lastIndex = 0;
    for (let match = TOKEN.exec(line); match !== null; match = TOKEN.exec(line)) {
      const name = match[1]!.toUpperCase();
      if (name === "PC") {
        if (this.#fields !== null) completed = this.#build(this.#fields, this.#start, false);
        this.#fields = new Map();
        this.#start = this.#lineNumber;
      }
      this.#fields?.set(name, match[2]!);
    }
    return completed;
  }

  /**
   * Ends the input: returns the last step, or null when there was none or it was cut short (QEMU
   * stopped while writing it).
   */
  finish(): QemuTraceStep | null {
    const fields = this.#fields;
    this.#fields = null;
    return fields === null ? null : this.#build(fields, this.#start, true);
  }

  #build(fields: Map<string, string>, line: number, lenient: boolean): QemuTraceStep | null {
    const missing = (name: string): QemuTraceStep | null => {
      if (lenient) return null;
      throw new QemuTraceFormatError(
        `line ${line}: a CPU state without ${name} (expected qemu-system-aarch64 -d exec,cpu,nochain output of an AArch64 CPU)`,
      );
    };
    const x: bigint[] = [];
    for (let i = 0; i < 31; i++) {
      const value = fields.get(`X${String(i).padStart(2, "0")}`);
      if (value === undefined) return missing(`X${String(i).padStart(2, "0")}`);
      x.push(BigInt(`0x${value}`));
    }
    const sp = fields.get("SP");
    if (sp === undefined) return missing("SP");
    const pstate = fields.get("PSTATE");
    if (pstate === undefined) return missing("PSTATE");
    const step: { -readonly [K in keyof QemuTraceStep]: QemuTraceStep[K] } = {
      line,
      pc: BigInt(`0x${fields.get("PC")!}`),
      x,
      sp: BigInt(`0x${sp}`),
      pstate: Number(BigInt(`0x${pstate}`) & 0xffff_ffffn),
    };
    const fpcr = fields.get("FPCR");
    const fpsr = fields.get("FPSR");
    if (fpcr !== undefined && fpsr !== undefined) {
      step.fpcr = Number.parseInt(fpcr, 16);
      step.fpsr = Number.parseInt(fpsr, 16);
    }
    if (fields.has("Q00")) {
      const q: bigint[] = [];
      for (let i = 0; i < 32; i++) {
        const value = fields.get(`Q${String(i).padStart(2, "0")}`);
        if (value === undefined) return missing(`Q${String(i).padStart(2, "0")}`);
        const [high, low] = value.split(":");
        q.push(low === undefined ? BigInt(`0x${high}`) : (BigInt(`0x${high}`) << 64n) | BigInt(`0x${low}`));
      }
      step.q = q;
    }
    return step;
  }
}

/** All steps of a whole log held in memory (small logs and tests; large ones go through the Node entry's reader). */
export function parseQemuTrace(text: string): QemuTraceStep[] {
  const parser = new QemuTraceParser();
  const steps: QemuTraceStep[] = [];
  for (const line of text.split("\n")) {
    const step = parser.push(line);
    if (step !== null) steps.push(step);
  }
  const last = parser.finish();
  if (last !== null) steps.push(last);
  return steps;
}
