// @sel4ts/fdt has no public API yet; see README.md.
export {};
