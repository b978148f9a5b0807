// @sel4ts/vmm-common: what libsel4vm and libvmm share that depends on no kernel API. Browser-safe.
export * from "./hsr";
export * from "./data-abort";
export * from "./psci";
export * from "./gic";
