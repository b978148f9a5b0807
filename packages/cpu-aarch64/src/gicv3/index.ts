/** The GICv3 CPU interface system registers and the ICH_* virtual interface. */
export * from "./icc-registers.js";
export * from "./list-register.js";
export * from "./virtual-interface.js";
