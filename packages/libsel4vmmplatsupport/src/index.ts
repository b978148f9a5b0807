// @sel4ts/libsel4vmmplatsupport: seL4_projects_libs/libsel4vmmplatsupport on @sel4ts/libsel4vm. See README.md.
export { Sel4VmmPlatsupportError } from "./errors";
export type { platsupport_logger_fn } from "./log";
export * from "./drivers/pci-regs";
export { vmm_pci_space_t } from "./drivers/pci-types";
export type { vmm_pci_address_t, vmm_pci_entry_t, vmm_pci_config_t, vpci_windows_t } from "./drivers/pci-types";
export * from "./drivers/pci";
export * from "./drivers/pci-helper";
export * from "./drivers/cross-vm-connection";
export * from "./ioports";
export * from "./guest-memory-util";
export * from "./arch/arm/guest-abort";
export * from "./arch/arm/vpci";
