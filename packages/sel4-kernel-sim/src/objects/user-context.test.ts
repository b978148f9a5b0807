import { describe, expect, it } from "vitest";
import { USER_CONTEXT_NAMES, emptyUserContext, gpRegisterName, userContextToWords, wordsToUserContext } from "./user-context";

describe("UserContext word copies", () => {
  it("wordsToUserContext and userContextToWords follow USER_CONTEXT_NAMES from any first register", () => {
    for (let from = 0; from <= USER_CONTEXT_NAMES.length; from++) {
      const src = BigUint64Array.from({ length: 50 }, (_, i) => BigInt(1000 + i));
      const ctx = emptyUserContext();
      wordsToUserContext(src, 7, ctx, from);
      USER_CONTEXT_NAMES.forEach((name, i) => expect(ctx[name]).toBe(i < from ? 0n : src[7 + i - from]));
      const dst = new BigUint64Array(50);
      userContextToWords(ctx, dst, 3, from);
      for (let j = 0; j < 50; j++) expect(dst[j]).toBe(j >= 3 && j < 3 + USER_CONTEXT_NAMES.length - from ? src[7 + j - 3] : 0n);
    }
  });
});

describe("gpRegisterName", () => {
  it("names x0..x30 and nothing for 31 (the zero register) or out of range", () => {
    for (let n = 0; n < 31; n++) expect(USER_CONTEXT_NAMES).toContain(gpRegisterName(n));
    expect(gpRegisterName(0)).toBe("x0");
    expect(gpRegisterName(30)).toBe("x30");
    expect(gpRegisterName(31)).toBeNull();
    expect(gpRegisterName(-1)).toBeNull();
  });
});
