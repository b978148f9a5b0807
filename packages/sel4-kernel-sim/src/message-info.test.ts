// seL4_MessageInfo_t as the seL4 manual lays it out in a word: length bits 0-6, extraCaps 7-8,
// capsUnwrapped 9-11, label 12-63. The number fast paths must agree with this for every label width.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeMessageInfo,
  encodeMessageInfo,
  loadMessageInfo,
  loadMessageInfoLabel,
  packMessageInfo,
  seL4_MessageInfo_new,
  storeEncodedMessageInfo,
  storeMessageInfo,
} from "./message-info";

const layout = (label: bigint, caps: number, extra: number, length: number): bigint =>
  (label << 12n) | (BigInt(caps) << 9n) | (BigInt(extra) << 7n) | BigInt(length);

describe("message info words", () => {
  it("pack and unpack in the manual's bit layout for labels of every width (up to 52 bits)", () => {
    fc.assert(
      fc.property(fc.bigInt(0n, (1n << 52n) - 1n), fc.nat(7), fc.nat(3), fc.nat(127), (label, caps, extra, length) => {
        const word = layout(label, caps, extra, length);
        const info = seL4_MessageInfo_new(Number(label), caps, extra, length);
        expect(encodeMessageInfo(info)).toBe(word);
        expect(decodeMessageInfo(word)).toEqual({ label: Number(label), capsUnwrapped: caps, extraCaps: extra, length });
      }),
      { numRuns: 2000 },
    );
  });

  it("masks fields to their widths, labels included", () => {
    expect(seL4_MessageInfo_new(2 ** 52 + 5, 9, 5, 130)).toEqual({ label: 5, capsUnwrapped: 1, extraCaps: 1, length: 2 });
    expect(decodeMessageInfo(0xffff_ffff_ffff_ffffn)).toEqual({ label: 2 ** 52 - 1, capsUnwrapped: 7, extraCaps: 3, length: 127 });
  });

  it("are stored and loaded as 32-bit halves exactly as encoded and decoded as BigInts", () => {
    const words = new BigUint64Array(2);
    const halves = new Uint32Array(words.buffer);
    fc.assert(
      fc.property(fc.bigInt(0n, (1n << 52n) - 1n), fc.nat(7), fc.nat(3), fc.nat(127), fc.bigInt(0n, (1n << 64n) - 1n), (label, caps, extra, length, any) => {
        const info = seL4_MessageInfo_new(Number(label), caps, extra, length);
        storeMessageInfo(halves, 1, Number(label), caps, extra, length);
        expect(words[1]).toBe(encodeMessageInfo(info));
        expect(packMessageInfo(Number(label), caps, extra, length)).toBe(encodeMessageInfo(info));
        storeEncodedMessageInfo(halves, 0, info);
        expect(words[0]).toBe(encodeMessageInfo(info));
        words[0] = any;
        expect(loadMessageInfo(halves, 0)).toEqual(decodeMessageInfo(any));
        expect(loadMessageInfoLabel(halves, 0)).toBe(decodeMessageInfo(any).label);
      }),
      { numRuns: 2000 },
    );
    // Out-of-range fields are masked as seL4_MessageInfo_new masks them.
    storeMessageInfo(halves, 1, 2 ** 52 + 5, 9, 5, 130);
    expect(words[1]).toBe(encodeMessageInfo(seL4_MessageInfo_new(2 ** 52 + 5, 9, 5, 130)));
  });
});
