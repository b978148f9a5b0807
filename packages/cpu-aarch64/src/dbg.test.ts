import { it } from "vitest";
import { blockSource } from "./core/jit/block-translator.js";
import { executorFor } from "./core/executors.js";
it("src", () => {
  const words = [0xf8408465, 0xca0500c6, 0xcac634c6, 0xf81f8066, 0xf1002084, 0x54ffff61];
  console.log(blockSource(words.map((w) => executorFor(w | 0)), words));
});
