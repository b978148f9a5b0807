/** The system level's pure units: CPU model data, sysreg encodings, syndromes. */
export * from "./cpu-model.js";
export * from "./sysreg-key.js";
export * from "./syndrome.js";
export * from "./exceptions.js";
export * from "./pstate.js";
export * from "./hyp-traps.js";
export * from "./sysreg-file.js";
export * from "./sysreg-table.js";
