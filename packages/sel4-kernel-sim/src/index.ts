// @sel4ts/sel4-kernel-sim has no public API yet; see README.md.
export {};
