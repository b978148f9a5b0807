// @sel4ts/libsel4vm has no public API yet; see README.md.
export {};
