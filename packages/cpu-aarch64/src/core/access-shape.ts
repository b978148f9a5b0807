/**
 * The shape of the load or store an instruction word performs, as the data-abort syndrome needs
 * it (ISV, SAS, SSE, SRT, SF, AR). Decoded from the word only when an access faults.
 */
import { OP_NAMES, decodeA64 } from "../decode/decoder.generated.js";
import type { LoadStoreShape } from "../system/syndrome.js";

/** A single GPR access of size bits 31..30 and opc bits 23..22 (the LDR/STR immediate/register forms). */
function singleShape(insn: number, writeback: boolean): LoadStoreShape {
  const sizeLog2 = insn >>> 30;
  const opc = (insn >>> 22) & 3;
  const signed = opc >= 2 && sizeLog2 < 3;
  return {
    sizeLog2,
    registerKind: "gpr",
    registerCount: 1,
    writeback,
    exclusive: false,
    acquireRelease: false,
    signed,
    rt: insn & 31,
    // A store or plain load of 8 bytes uses X; a sign-extending load to X has opc = 0b10.
    rt64: sizeLog2 === 3 || (signed && opc === 2),
  };
}

function otherShape(insn: number, fields: Partial<LoadStoreShape>): LoadStoreShape {
  return {
    sizeLog2: insn >>> 30,
    registerKind: "gpr",
    registerCount: 1,
    writeback: false,
    exclusive: false,
    acquireRelease: false,
    signed: false,
    rt: insn & 31,
    rt64: insn >>> 30 === 3,
    ...fields,
  };
}

/**
 * The access shape of a faulting instruction, or null when it is no plain load/store (DC ZVA,
 * for example), which reports ISV = 0.
 */
export function loadStoreShapeOf(insn: number): LoadStoreShape | null {
  switch (OP_NAMES[decodeA64(insn)]) {
    case "LDST_u":
    case "LDST_unscaled":
    case "LDST_reg":
    case "LDST_unpriv":
      return singleShape(insn, false);
    case "LDST_pre":
    case "LDST_post":
      return singleShape(insn, true);
    case "LDR_lit":
      return otherShape(insn, { sizeLog2: (insn >>> 30) & 1 ? 3 : 2, rt64: ((insn >>> 30) & 1) === 1 });
    case "LDRSW_lit":
      return otherShape(insn, { sizeLog2: 2, signed: true, rt64: true });
    case "LDAR":
    case "STLR":
      return otherShape(insn, { acquireRelease: true });
    case "LDXR":
    case "LDAXR":
    case "STXR":
    case "STLXR":
      return otherShape(insn, { exclusive: true });
    case "LDXP":
    case "LDAXP":
    case "STXP":
    case "STLXP":
      return otherShape(insn, { exclusive: true, registerCount: 2 });
    case "LDP":
    case "STP":
    case "LDNP":
    case "STNP":
    case "LDPSW":
      return otherShape(insn, { registerCount: 2, writeback: ((insn >>> 23) & 1) === 1 });
    default:
      return null;
  }
}
