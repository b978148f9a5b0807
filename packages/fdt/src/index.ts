/**
 * @sel4ts/fdt: a flattened device tree (DTB) writer and reader, checked against dtc.
 * @packageDocumentation
 */
export { FdtError } from "./errors.js";
export type { FdtErrorKind } from "./errors.js";
export { FDT_MAGIC, FDT_VERSION, FDT_LAST_COMP_VERSION } from "./format.js";
export { FdtWriter } from "./writer.js";
export type { FdtWriterOptions, FdtWriterNode } from "./writer.js";
export type { MemoryReservation } from "./format.js";
export { Fdt } from "./fdt.js";
export type { FdtParseOptions } from "./fdt.js";
export type { FdtHeader } from "./header.js";
export { FdtNode, FdtProperty } from "./node.js";
export type { FdtNodeInit } from "./node.js";
export { buildQemuVirtFdt, QEMU_VIRT } from "./qemu-virt.js";
export type { QemuVirtFdtOptions } from "./qemu-virt.js";
export { formatDts } from "./dts.js";
