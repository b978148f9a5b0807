/**
 * Handlers of the patterns of a64-simd-int-table.ts (AdvSIMD integer operations): the table-driven
 * executors of executors.ts, each wrapped to turn UNDEF into the UNDEFINED exception.
 */
import { OP_NAMES } from "../../../decode/decoder.generated.js";
import type { OpName } from "../../../decode/decoder.generated.js";
import { CpuError } from "../../errors.js";
import type { Handler } from "../handler.js";
import { SIMD_INT_EXECUTORS, UNDEF } from "./executors.js";
import type { SimdIntExecutor } from "./executors.js";

/** The pattern names of a64-simd-int-table.ts: all and only those start with SI_. */
export type SimdIntOpName = Extract<OpName, `SI_${string}`>;

function handlerOf(exec: SimdIntExecutor): Handler {
  return (s, insn) => {
    const result = exec(s, insn);
    return result === UNDEF ? s.undefinedInstruction(insn) : result;
  };
}

function buildHandlers(): Record<SimdIntOpName, Handler> {
  const out: Partial<Record<SimdIntOpName, Handler>> = {};
  for (const name of OP_NAMES) {
    if (!name.startsWith("SI_")) continue;
    const exec = SIMD_INT_EXECUTORS[name];
    if (exec === undefined) throw new CpuError(`a64-simd-int-table.ts: pattern ${name} has no executor`);
    out[name as SimdIntOpName] = handlerOf(exec);
  }
  return out as Record<SimdIntOpName, Handler>;
}

/** Handlers of the a64-simd-int-table.ts patterns by pattern name. */
export const SIMD_INT_HANDLERS: Record<SimdIntOpName, Handler> = buildHandlers();
