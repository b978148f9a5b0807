/**
 * Regenerates `decoder.generated.ts` from the encoding table:
 * `pnpm exec tsx src/decode/generate.ts` (from packages/cpu-aarch64).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { A64_TABLE } from "./a64-table.js";
import { generateDecoderSource } from "./generator.js";
import { parseEncodingTable } from "./table-parser.js";

const target = fileURLToPath(new URL("./decoder.generated.ts", import.meta.url));
writeFileSync(target, generateDecoderSource(parseEncodingTable(A64_TABLE)));
console.log(`wrote ${target}`);
