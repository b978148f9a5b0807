export * from "./errors";
export * from "./object-types";
export * from "./labels";
export * from "./syscalls";
export * from "./rights";
export * from "./faults";
export * from "./thread-state";
export * from "./boot";
