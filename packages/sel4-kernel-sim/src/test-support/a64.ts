/**
 * Hand encodings of the few A64 instructions the hypervisor tests run (checked against
 * `aarch64-linux-gnu-as` + `objdump -d`; see the comment on each).
 */

/** MOVZ Xd, #imm16, LSL #shift (d2800547 = mov x7, #42). */
export function movz(rd: number, imm16: number, shift: 0 | 16 | 32 | 48 = 0): number {
  return (0xd280_0000 | ((shift / 16) << 21) | (imm16 << 5) | rd) >>> 0;
}

/** MOVN Xd, #imm16 (92800047 = mov x7, #-3). */
export function movn(rd: number, imm16: number): number {
  return (0x9280_0000 | (imm16 << 5) | rd) >>> 0;
}

/** STR Wt, [Xn, #offset] (b9000001 = str w1, [x0]; b9001001 = str w1, [x0, #16]). */
export function strW(rt: number, rn: number, offset = 0): number {
  return (0xb900_0000 | ((offset / 4) << 10) | (rn << 5) | rt) >>> 0;
}

/** LDR Wt, [Xn, #offset] (b9400c01 = ldr w1, [x0, #12]). */
export function ldrW(rt: number, rn: number, offset = 0): number {
  return (0xb940_0000 | ((offset / 4) << 10) | (rn << 5) | rt) >>> 0;
}

/** STRB Wt, [Xn] (39000001 = strb w1, [x0]). */
export function strb(rt: number, rn: number): number {
  return (0x3900_0000 | (rn << 5) | rt) >>> 0;
}

/** ADD Xd, Xn, #imm12 (91000400 = add x0, x0, #1). */
export function addImm(rd: number, rn: number, imm12: number): number {
  return (0x9100_0000 | (imm12 << 10) | (rn << 5) | rd) >>> 0;
}

/** SUBS Xd, Xn, #imm12 (f1000463 = subs x3, x3, #1). */
export function subsImm(rd: number, rn: number, imm12: number): number {
  return (0xf100_0000 | (imm12 << 10) | (rn << 5) | rd) >>> 0;
}

/** B.NE to `words` instructions away (54ffffe1 = b.ne .-4). */
export function bne(words: number): number {
  return (0x5400_0001 | ((words & 0x7_ffff) << 5)) >>> 0;
}

/** B to `words` instructions away (14000000 = b .; 17ffffff = b .-4). */
export function b(words: number): number {
  return (0x1400_0000 | (words & 0x3ff_ffff)) >>> 0;
}

export const HVC0 = 0xd400_0002;
export const SMC0 = 0xd400_0003;
export const WFI = 0xd503_207f;
/** MSR DAIFClr, #2: unmask IRQs. */
export const ENABLE_IRQS = 0xd503_42ff;
/** MSR CNTV_CTL_EL0, Xt (d51be322 = msr cntv_ctl_el0, x2). */
export function msrCntvCtl(rt: number): number {
  return (0xd51b_e320 | rt) >>> 0;
}
/** MSR CNTV_TVAL_EL0, Xt (d51be301 = msr cntv_tval_el0, x1). */
export function msrCntvTval(rt: number): number {
  return (0xd51b_e300 | rt) >>> 0;
}

/** MRS Xt, CNTVCT_EL0 (op0 3, op1 3, CRn 14, CRm 0, op2 2: d53be040 = mrs x0, cntvct_el0). */
export function mrsCntvct(rt: number): number {
  return (0xd53b_e040 | rt) >>> 0;
}

/** MRS Xt, CNTV_CVAL_EL0 (op0 3, op1 3, CRn 14, CRm 3, op2 2: d53be340 = mrs x0, cntv_cval_el0). */
export function mrsCntvCval(rt: number): number {
  return (0xd53b_e340 | rt) >>> 0;
}

/** Little-endian bytes of a sequence of instruction words. */
export function assemble(words: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((word, i) => view.setUint32(i * 4, word, true));
  return bytes;
}
