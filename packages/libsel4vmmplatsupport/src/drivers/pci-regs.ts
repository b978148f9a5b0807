/**
 * Type 0 configuration header offsets and bits (PCI Local Bus Specification 3.0, §6.1-6.2),
 * named as Linux's and libpci's `pci_regs.h` name them.
 */
export const PCI_VENDOR_ID = 0x00;
export const PCI_DEVICE_ID = 0x02;
export const PCI_COMMAND = 0x04;
export const PCI_STATUS = 0x06;
export const PCI_REVISION_ID = 0x08;
export const PCI_CLASS_PROG = 0x09;
export const PCI_CLASS_DEVICE = 0x0a;
export const PCI_CACHE_LINE_SIZE = 0x0c;
export const PCI_LATENCY_TIMER = 0x0d;
export const PCI_HEADER_TYPE = 0x0e;
export const PCI_BIST = 0x0f;
export const PCI_BASE_ADDRESS_0 = 0x10;
export const PCI_BASE_ADDRESS_5 = 0x24;
export const PCI_CARDBUS_CIS = 0x28;
export const PCI_SUBSYSTEM_VENDOR_ID = 0x2c;
export const PCI_SUBSYSTEM_ID = 0x2e;
export const PCI_ROM_ADDRESS = 0x30;
export const PCI_CAPABILITY_LIST = 0x34;
export const PCI_INTERRUPT_LINE = 0x3c;
export const PCI_INTERRUPT_PIN = 0x3d;
export const PCI_MIN_GNT = 0x3e;
export const PCI_MAX_LAT = 0x3f;
/** Where the device-specific space (and the capability list) starts. */
export const PCI_CAPABILITY_SPACE_OFFSET = 0x40;
/** Size of conventional PCI configuration space. */
export const PCI_CONFIG_SPACE_SIZE = 0x100;

/** Command register bits. */
export const PCI_COMMAND_IO = 0x1;
export const PCI_COMMAND_MEMORY = 0x2;
export const PCI_COMMAND_MASTER = 0x4;
export const PCI_COMMAND_PARITY = 0x40;
export const PCI_COMMAND_SERR = 0x100;
export const PCI_COMMAND_INTX_DISABLE = 0x400;

/** Status register bits. */
export const PCI_STATUS_INTERRUPT = 0x08;
export const PCI_STATUS_CAP_LIST = 0x10;
/** The write-1-to-clear error bits of the status register (§6.2.3). */
export const PCI_STATUS_RW1C = 0xf900;

export const PCI_HEADER_TYPE_NORMAL = 0x00;
export const PCI_HEADER_TYPE_MULTIFUNCTION = 0x80;

/** BAR bits (§6.2.5.1). */
export const PCI_BASE_ADDRESS_SPACE_IO = 0x01;
export const PCI_BASE_ADDRESS_SPACE_MEMORY = 0x00;
export const PCI_BASE_ADDRESS_MEM_PREFETCH = 0x08;
export const PCI_BASE_ADDRESS_MEM_MASK = 0xfffffff0;
export const PCI_BASE_ADDRESS_IO_MASK = 0xfffffffc;

/** Class codes (class << 16 | subclass << 8 | prog-if). */
export const PCI_CLASS_MEMORY_RAM = 0x050000;
export const PCI_CLASS_BRIDGE_HOST = 0x060000;

/** Capability IDs. */
export const PCI_CAP_ID_MSI = 0x05;
export const PCI_CAP_ID_MSIX = 0x11;
