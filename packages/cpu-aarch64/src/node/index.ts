// @sel4ts/cpu-aarch64/node: the Node-only parts (files): QEMU trace files for the trace comparer.
export * from "../trace/index.js";
export { openQemuTrace } from "./qemu-trace-file.js";
export type { QemuTraceSource } from "./qemu-trace-file.js";
export { SyncLineReader } from "./line-reader.js";
export { TRANSLATED_CODE_INTERRUPT_BUDGET, tuneV8ForTranslatedCode } from "./v8-tuning.js";
