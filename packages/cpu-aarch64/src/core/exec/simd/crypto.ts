/**
 * The cryptographic extension: AESE/AESD/AESMC/AESIMC and SHA1C/P/M/H/SU0/SU1,
 * SHA256H/H2/SU0/SU1, as the Arm ARM pseudocode defines them. AES state byte i is vector byte i
 * (column-major: row i % 4, column i / 4). The S-boxes are computed from GF(2^8) arithmetic.
 */
import { NEXT, VT0 } from "../../layout.js";
import type { CoreState } from "../../state.js";
import type { Handler } from "../handler.js";
import { copyV } from "../vregs.js";

/** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
function gmul(a: number, b: number): number {
  let p = 0;
  let x = a;
  let y = b;
  while (y !== 0) {
    if ((y & 1) !== 0) p ^= x;
    x = ((x << 1) ^ ((x & 0x80) !== 0 ? 0x1b : 0)) & 0xff;
    y >>>= 1;
  }
  return p;
}

interface AesTables {
  sbox: Uint8Array;
  inverse: Uint8Array;
}

function aesTables(): AesTables {
  const sbox = new Uint8Array(256);
  const inverse = new Uint8Array(256);
  for (let x = 0; x < 256; x++) {
    let inv = 0;
    if (x !== 0) for (inv = 1; gmul(x, inv) !== 1; inv++);
    let y = inv;
    let out = inv;
    for (let k = 0; k < 4; k++) {
      y = ((y << 1) | (y >>> 7)) & 0xff;
      out ^= y;
    }
    out ^= 0x63;
    sbox[x] = out;
    inverse[out] = x;
  }
  return { sbox, inverse };
}

/** AESE (`decrypt` false) and AESD: AddRoundKey (Vd ^ Vn), (Inv)ShiftRows, (Inv)SubBytes. */
function aesRound(decrypt: boolean, t: AesTables): Handler {
  const box = decrypt ? t.inverse : t.sbox;
  return (s, insn) => {
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const v = s.vu8;
    const d = 16 * (insn & 31);
    const n = 16 * ((insn >>> 5) & 31);
    const out = 16 * VT0;
    for (let i = 0; i < 16; i++) v[out + i] = v[d + i]! ^ v[n + i]!;
    for (let c = 0; c < 4; c++) {
      for (let r = 0; r < 4; r++) {
        const from = decrypt ? (c - r + 4) & 3 : (c + r) & 3;
        v[d + r + 4 * c] = box[v[out + r + 4 * from]!]!;
      }
    }
    return NEXT;
  };
}

/** AESMC (`inverse` false) and AESIMC: (Inv)MixColumns of Vn into Vd. */
function aesMix(inverse: boolean): Handler {
  const k = inverse ? [14, 11, 13, 9] : [2, 3, 1, 1];
  return (s, insn) => {
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const v = s.vu8;
    const n = 16 * ((insn >>> 5) & 31);
    const out = 16 * VT0;
    for (let c = 0; c < 4; c++) {
      for (let r = 0; r < 4; r++) {
        let acc = 0;
        for (let j = 0; j < 4; j++) acc ^= gmul(v[n + 4 * c + ((r + j) & 3)]!, k[j]!);
        v[out + 4 * c + r] = acc;
      }
    }
    copyV(s, insn & 31, VT0);
    return NEXT;
  };
}

const rol = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;
const ror = (x: number, n: number): number => ((x >>> n) | (x << (32 - n))) >>> 0;

type Sha1Function = (x: number, y: number, z: number) => number;
const choose: Sha1Function = (x, y, z) => (((y ^ z) & x) ^ z) >>> 0;
const parity: Sha1Function = (x, y, z) => (x ^ y ^ z) >>> 0;
const majority: Sha1Function = (x, y, z) => ((x & y) | ((x | y) & z)) >>> 0;

/** SHA1C/SHA1P/SHA1M Qd, Sn, Vm.4S: four rounds with the given function. */
function sha1Rounds(f: Sha1Function): Handler {
  return (s, insn) => {
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const w = s.vu32;
    const d = 4 * (insn & 31);
    const m = 4 * ((insn >>> 16) & 31);
    let x0 = w[d]!;
    let x1 = w[d + 1]!;
    let x2 = w[d + 2]!;
    let x3 = w[d + 3]!;
    let y = w[4 * ((insn >>> 5) & 31)]!;
    for (let e = 0; e < 4; e++) {
      y = (y + rol(x0, 5) + f(x1, x2, x3) + w[m + e]!) >>> 0;
      x1 = rol(x1, 30);
      const carry = x3;
      x3 = x2;
      x2 = x1;
      x1 = x0;
      x0 = y;
      y = carry;
    }
    w[d] = x0;
    w[d + 1] = x1;
    w[d + 2] = x2;
    w[d + 3] = x3;
    return NEXT;
  };
}

function sha1h(s: CoreState, insn: number): number {
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const d = 4 * (insn & 31);
  const value = rol(s.vu32[4 * ((insn >>> 5) & 31)]!, 30);
  s.vu32.fill(0, d, d + 4);
  s.vu32[d] = value;
  return NEXT;
}

function sha1su0(s: CoreState, insn: number): number {
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const w = s.vu32;
  const d = 4 * (insn & 31);
  const n = 4 * ((insn >>> 5) & 31);
  const m = 4 * ((insn >>> 16) & 31);
  const r0 = w[d + 2]! ^ w[d]! ^ w[m]!;
  const r1 = w[d + 3]! ^ w[d + 1]! ^ w[m + 1]!;
  const r2 = w[n]! ^ w[d + 2]! ^ w[m + 2]!;
  const r3 = w[n + 1]! ^ w[d + 3]! ^ w[m + 3]!;
  w[d] = r0;
  w[d + 1] = r1;
  w[d + 2] = r2;
  w[d + 3] = r3;
  return NEXT;
}

function sha1su1(s: CoreState, insn: number): number {
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const w = s.vu32;
  const d = 4 * (insn & 31);
  const n = 4 * ((insn >>> 5) & 31);
  const t0 = w[d]! ^ w[n + 1]!;
  const t1 = w[d + 1]! ^ w[n + 2]!;
  const t2 = w[d + 2]! ^ w[n + 3]!;
  const t3 = w[d + 3]!;
  w[d] = rol(t0, 1);
  w[d + 1] = rol(t1, 1);
  w[d + 2] = rol(t2, 1);
  w[d + 3] = rol(t3, 1) ^ rol(t0, 2);
  return NEXT;
}

const sigma0 = (x: number): number => ror(x, 2) ^ ror(x, 13) ^ ror(x, 22);
const sigma1 = (x: number): number => ror(x, 6) ^ ror(x, 11) ^ ror(x, 25);

/** SHA256H (`part1`: X = Vd, Y = Vn, result X) and SHA256H2 (X = Vn, Y = Vd, result Y). */
function sha256Hash(part1: boolean): Handler {
  return (s, insn) => {
    const fp = s.checkFp();
    if (fp !== NEXT) return fp;
    const w = s.vu32;
    const d = 4 * (insn & 31);
    const n = 4 * ((insn >>> 5) & 31);
    const m = 4 * ((insn >>> 16) & 31);
    const xs = part1 ? d : n;
    const ys = part1 ? n : d;
    let [x0, x1, x2, x3] = [w[xs]!, w[xs + 1]!, w[xs + 2]!, w[xs + 3]!];
    let [y0, y1, y2, y3] = [w[ys]!, w[ys + 1]!, w[ys + 2]!, w[ys + 3]!];
    for (let e = 0; e < 4; e++) {
      const chs = choose(y0, y1, y2);
      const maj = majority(x0, x1, x2);
      const t1 = (y3 + sigma1(y0) + chs + w[m + e]!) >>> 0;
      const newX3 = (t1 + x3) >>> 0;
      const newY3 = (t1 + sigma0(x0) + maj) >>> 0;
      // <Y, X> = ROL(Y : X, 32): Y3 moves to X0, X3 to Y0.
      [x0, x1, x2, x3, y0, y1, y2, y3] = [newY3, x0, x1, x2, newX3, y0, y1, y2];
    }
    w[d] = part1 ? x0 : y0;
    w[d + 1] = part1 ? x1 : y1;
    w[d + 2] = part1 ? x2 : y2;
    w[d + 3] = part1 ? x3 : y3;
    return NEXT;
  };
}

function sha256su0(s: CoreState, insn: number): number {
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const w = s.vu32;
  const d = 4 * (insn & 31);
  const n = 4 * ((insn >>> 5) & 31);
  const t = [w[d + 1]!, w[d + 2]!, w[d + 3]!, w[n]!];
  for (let e = 0; e < 4; e++) {
    const elt = t[e]!;
    w[d + e] = (ror(elt, 7) ^ ror(elt, 18) ^ (elt >>> 3)) + w[d + e]!;
  }
  return NEXT;
}

function sha256su1(s: CoreState, insn: number): number {
  const fp = s.checkFp();
  if (fp !== NEXT) return fp;
  const w = s.vu32;
  const d = 4 * (insn & 31);
  const n = 4 * ((insn >>> 5) & 31);
  const m = 4 * ((insn >>> 16) & 31);
  const t0 = [w[n + 1]!, w[n + 2]!, w[n + 3]!, w[m]!];
  const sig = (x: number): number => ror(x, 17) ^ ror(x, 19) ^ (x >>> 10);
  const r0 = (sig(w[m + 2]!) + w[d]! + t0[0]!) >>> 0;
  const r1 = (sig(w[m + 3]!) + w[d + 1]! + t0[1]!) >>> 0;
  const r2 = (sig(r0) + w[d + 2]! + t0[2]!) >>> 0;
  const r3 = (sig(r1) + w[d + 3]! + t0[3]!) >>> 0;
  w[d] = r0;
  w[d + 1] = r1;
  w[d + 2] = r2;
  w[d + 3] = r3;
  return NEXT;
}

/** Handlers of the cryptographic extension by pattern name (AES tables built per call). */
export function cryptoHandlers(): Record<
  | "AESE" | "AESD" | "AESMC" | "AESIMC" | "SHA1C" | "SHA1P" | "SHA1M" | "SHA1SU0"
  | "SHA256H" | "SHA256H2" | "SHA256SU1" | "SHA1H" | "SHA1SU1" | "SHA256SU0",
  Handler
> {
  const tables = aesTables();
  return {
    AESE: aesRound(false, tables),
    AESD: aesRound(true, tables),
    AESMC: aesMix(false),
    AESIMC: aesMix(true),
    SHA1C: sha1Rounds(choose),
    SHA1P: sha1Rounds(parity),
    SHA1M: sha1Rounds(majority),
    SHA1SU0: sha1su0,
    SHA256H: sha256Hash(true),
    SHA256H2: sha256Hash(false),
    SHA256SU1: sha256su1,
    SHA1H: sha1h,
    SHA1SU1: sha1su1,
    SHA256SU0: sha256su0,
  };
}
