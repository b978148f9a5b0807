import { describe, expect, it } from "vitest";
import { USER_CONTEXT_NAMES, emptyUserContext, userContextToWords, wordsToUserContext } from "./user-context";

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
