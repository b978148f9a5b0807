// @sel4ts/cpu-aarch64 has no public API yet; see README.md.
export {};
