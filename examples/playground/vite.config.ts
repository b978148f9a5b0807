import { defineConfig } from "vite";
import { sel4tsVitestConfig } from "../../vitest.shared";

// The packages are used from their TypeScript sources (the same aliases as the tests), so the
// page needs no build of them first. `base: "./"` makes the built page work from any folder of
// any static host.
export default defineConfig({
  base: "./",
  resolve: sel4tsVitestConfig().resolve,
  worker: { format: "es" },
  build: { outDir: "dist", emptyOutDir: true },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
