// @sel4ts/sel4-kernel-sim: the qemu-virt board is exported below; the kernel API joins it. See README.md.
export * from "./board/index";
