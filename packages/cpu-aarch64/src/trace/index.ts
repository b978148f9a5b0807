// QEMU instruction traces: the log reader and the lock-step comparer (browser-safe; files are read by the Node entry).
export { QemuTraceParser, QemuTraceFormatError, parseQemuTrace } from "./qemu-trace.js";
export type { QemuTraceStep, TraceState } from "./qemu-trace.js";
export { TraceDiff, attachTraceDiff, cpuTraceState, differingRegisters } from "./trace-diff.js";
export type { TraceDiffOptions, TraceDiffStatus, TraceDivergence } from "./trace-diff.js";
