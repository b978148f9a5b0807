// @sel4ts/libvmm has no public API yet; see README.md.
export {};
