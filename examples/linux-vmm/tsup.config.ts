import { defineConfig } from "tsup";

/**
 * `pnpm bench` runs the compiled dist/bench.js with node, as an application that installed the
 * packages would ship it: through tsx (its loader, keepNames, source maps on) the same boot took
 * about 10 % longer (8 alternated pairs, 2026-12-07). The @sel4ts packages stay external (their
 * built dist, resolved through their package.json exports); guest-images, a tools workspace
 * package whose exports are TypeScript sources, is bundled in, with its CommonJS dependencies
 * (which call `require`, given to them by the banner). dist/main.js is `pnpm linux`'s compiled
 * form: bin/linux-vmm.mjs runs it while it is newer than the sources (else the sources through tsx).
 */
export default defineConfig({
  entry: ["src/bench.ts", "src/main.ts"],
  format: ["esm"],
  target: "node20",
  clean: true,
  noExternal: ["@sel4ts-tools/guest-images"],
  banner: { js: `import { createRequire as createRequireForBundledCjs } from "node:module";\nconst require = createRequireForBundledCjs(import.meta.url);` },
});
