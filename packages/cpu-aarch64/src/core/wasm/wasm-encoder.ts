/**
 * The little of the WebAssembly binary format a block tier needs: a function body as a byte
 * stream of instructions with LEB128 immediates, and a module that imports one memory and exports
 * one function. See the WebAssembly core specification, "Binary format".
 */

/** Value types. */
export const I32 = 0x7f;
export const I64 = 0x7e;

/** Opcodes used by the lowering (names as in the specification's text format). */
export const Op = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, return: 0x0f,
  drop: 0x1a, select: 0x1b, localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Load: 0x28, i64Load: 0x29, i32Store: 0x36, i64Store: 0x37,
  i32Const: 0x41, i64Const: 0x42,
  i32Eqz: 0x45, i32Eq: 0x46, i32Ne: 0x47, i32LtS: 0x48, i32LtU: 0x49, i32GtU: 0x4b, i32LeU: 0x4d, i32GeU: 0x4f,
  i64Eqz: 0x50, i64Eq: 0x51, i64Ne: 0x52, i64LtS: 0x53, i64LtU: 0x54, i64GeU: 0x5a,
  i32Add: 0x6a, i32Sub: 0x6b, i32And: 0x71, i32Or: 0x72, i32Xor: 0x73, i32Shl: 0x74, i32ShrS: 0x75, i32ShrU: 0x76,
  i64Add: 0x7c, i64Sub: 0x7d, i64Mul: 0x7e, i64And: 0x83, i64Or: 0x84, i64Xor: 0x85, i64Shl: 0x86, i64ShrS: 0x87, i64ShrU: 0x88, i64Rotr: 0x8a,
  i32WrapI64: 0xa7, i64ExtendI32S: 0xac, i64ExtendI32U: 0xad,
  i64Extend8S: 0xc2, i64Extend16S: 0xc3, i64Extend32S: 0xc4,
  call: 0x10,
} as const;

/** The block type of a structured instruction that leaves nothing on the stack. */
export const EMPTY_BLOCK = 0x40;

function unsignedLeb(value: number, out: number[]): void {
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
}

function signedLeb(value: bigint, out: number[]): void {
  let v = value;
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/** A function body under construction: locals, then code. */
export class FunctionBody {
  readonly code: number[] = [];
  private readonly localTypes: number[] = [];

  /** @param params the function's parameter count: locals are numbered after them */
  constructor(private readonly params: number) {}

  /** A new local of `type`; returns its index. */
  local(type: number): number {
    this.localTypes.push(type);
    return this.params + this.localTypes.length - 1;
  }

  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(local: number): this {
    this.code.push(Op.localGet);
    unsignedLeb(local, this.code);
    return this;
  }

  set(local: number): this {
    this.code.push(Op.localSet);
    unsignedLeb(local, this.code);
    return this;
  }

  tee(local: number): this {
    this.code.push(Op.localTee);
    unsignedLeb(local, this.code);
    return this;
  }

  i32(value: number): this {
    this.code.push(Op.i32Const);
    signedLeb(BigInt(value | 0), this.code);
    return this;
  }

  i64(value: bigint): this {
    this.code.push(Op.i64Const);
    signedLeb(BigInt.asIntN(64, value), this.code);
    return this;
  }

  /** A load or store with its alignment hint (log2 bytes) and constant offset. */
  memory(opcode: number, align: number, offset: number): this {
    this.code.push(opcode);
    unsignedLeb(align, this.code);
    unsignedLeb(offset, this.code);
    return this;
  }

  /** br / br_if to the enclosing structured instruction `depth` levels out. */
  branch(opcode: number, depth: number): this {
    this.code.push(opcode);
    unsignedLeb(depth, this.code);
    return this;
  }

  /** The body in the binary format: local declarations (one run per local), code, `end`. */
  bytes(): number[] {
    const out: number[] = [];
    unsignedLeb(this.localTypes.length, out);
    for (const type of this.localTypes) out.push(1, type);
    out.push(...this.code, Op.end);
    return out;
  }
}

function section(id: number, payload: number[], out: number[]): void {
  out.push(id);
  unsignedLeb(payload.length, out);
  out.push(...payload);
}

function name(text: string, out: number[]): void {
  unsignedLeb(text.length, out);
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
}

/** A function type: parameter and result value types. */
export interface FunctionType {
  readonly params: readonly number[];
  readonly results: readonly number[];
}

function functionType(type: FunctionType, out: number[]): void {
  out.push(0x60);
  unsignedLeb(type.params.length, out);
  out.push(...type.params);
  unsignedLeb(type.results.length, out);
  out.push(...type.results);
}

/**
 * A module that imports memory `env.memory` and the functions `env.<name>` (function indices 0..,
 * in order), and exports `run` of type `run` with `body` (its index follows the imports).
 */
export function moduleBytes(run: FunctionType, body: FunctionBody, imports: readonly { name: string; type: FunctionType }[] = []): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  unsignedLeb(imports.length + 1, types);
  for (const i of imports) functionType(i.type, types);
  functionType(run, types);
  section(1, types, out);
  const importSection: number[] = [];
  unsignedLeb(imports.length + 1, importSection);
  name("env", importSection);
  name("memory", importSection);
  importSection.push(0x02, 0x00, 0x01); // memory, limits: min 1 page, no max
  imports.forEach((i, index) => {
    name("env", importSection);
    name(i.name, importSection);
    importSection.push(0x00);
    unsignedLeb(index, importSection);
  });
  section(2, importSection, out);
  const functions: number[] = [1];
  unsignedLeb(imports.length, functions);
  section(3, functions, out);
  const exports: number[] = [1];
  name("run", exports);
  exports.push(0x00);
  unsignedLeb(imports.length, exports);
  section(7, exports, out);
  const code = body.bytes();
  const codeSection: number[] = [1];
  unsignedLeb(code.length, codeSection);
  codeSection.push(...code);
  section(10, codeSection, out);
  return Uint8Array.from(out);
}
