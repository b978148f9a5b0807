// @sel4ts/microkit/node: the Node-only parts (files, program modules, the CLI).
export { loadSystemFile, findInSearchPaths, searchPathsFor, type LoadSystemFileOptions } from "./files.js";
export { runCli, type CliIo } from "./cli.js";
