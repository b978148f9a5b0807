/**
 * Program images of `sel4ts-microkit run`: each `program_image` path names a JavaScript or
 * TypeScript module whose default export is the PD's program, `(microkit) => ({ init, notified,
 * protected?, fault? })`. `hello.elf` is looked for as `hello.ts`, `hello.mts`, `hello.js`,
 * `hello.mjs` (in that order) on the search paths, so Microkit system files work unchanged;
 * a path that already ends in one of those extensions is used as it is.
 */
import { basename, extname } from "node:path";
import { pathToFileURL } from "node:url";
import { MicrokitError, type MicrokitProgram } from "../index.js";
import { findInSearchPaths } from "./files.js";

const MODULE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];

/** The file a program image stands for, or undefined (with the names that were tried). */
export function resolveProgramModule(programImage: string, searchPaths: readonly string[]): { path?: string; tried: string[] } {
  const extension = extname(programImage);
  const stem = extension === "" ? programImage : programImage.slice(0, -extension.length);
  const candidates = [...MODULE_EXTENSIONS, ".cjs", ".cts"].includes(extension) ? [programImage] : MODULE_EXTENSIONS.map((ext) => stem + ext);
  for (const candidate of candidates) {
    const path = findInSearchPaths(candidate, searchPaths);
    if (path !== undefined) return { path, tried: candidates };
  }
  return { tried: candidates };
}

/** Imports a program module (TypeScript through tsx) and checks its default export. */
export async function loadProgramModule(path: string): Promise<MicrokitProgram> {
  const { tsImport } = await import("tsx/esm/api");
  const module = (await tsImport(pathToFileURL(path).href, import.meta.url)) as { default?: unknown };
  // tsx may wrap a CommonJS-style default in another default.
  const candidate = typeof module.default === "object" && module.default !== null ? (module.default as { default?: unknown }).default : module.default;
  if (typeof candidate !== "function") {
    throw new MicrokitError(
      "program",
      `program module '${basename(path)}': its default export must be a function (microkit) => ({ init, notified, protected?, fault? })`,
    );
  }
  return candidate as MicrokitProgram;
}

/** Loads the program of every PD of a system, by program image. */
export async function loadPrograms(programImages: readonly string[], searchPaths: readonly string[]): Promise<Record<string, MicrokitProgram>> {
  const programs: Record<string, MicrokitProgram> = {};
  for (const image of new Set(programImages)) {
    const { path, tried } = resolveProgramModule(image, searchPaths);
    if (path === undefined) {
      throw new MicrokitError("program", `unable to find program image: '${image}' (looked for ${tried.join(", ")} in ${searchPaths.join(", ")})`);
    }
    programs[image] = await loadProgramModule(path);
  }
  return programs;
}
