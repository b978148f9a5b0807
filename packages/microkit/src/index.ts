// @sel4ts/microkit has no public API yet; see README.md.
export {};
