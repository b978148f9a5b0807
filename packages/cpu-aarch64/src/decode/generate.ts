/**
 * Regenerates `decoder.generated.ts` from the encoding tables (tables.ts):
 * `pnpm exec tsx src/decode/generate.ts` (from packages/cpu-aarch64).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateDecoderSource } from "./generator.js";
import { parseEncodingTable } from "./table-parser.js";
import { A64_TABLES } from "./tables.js";

const target = fileURLToPath(new URL("./decoder.generated.ts", import.meta.url));
writeFileSync(target, generateDecoderSource(parseEncodingTable(A64_TABLES)));
console.log(`wrote ${target}`);
