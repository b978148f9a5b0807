// @sel4ts/libsel4vmmplatsupport has no public API yet; see README.md.
export {};
