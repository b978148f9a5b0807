/** Interrupt ID ranges and special values of the GIC architecture (GICv2). */

/** Number of software-generated interrupts (INTID 0–15). */
export const GIC_SGI_COUNT = 16;
/** Number of per-CPU interrupts, SGIs plus PPIs (INTID 0–31). */
export const GIC_PRIVATE_IRQ_COUNT = 32;
/** IAR/HPPIR value meaning "no interrupt pending" (spurious). */
export const GIC_SPURIOUS_INTID = 1023;
/** IAR value for a pending Group 1 interrupt that a Group 0 acknowledge may not take (AckCtl = 0). */
export const GIC_GROUP1_SPURIOUS_INTID = 1022;
/** Largest number of interrupt lines a GICv2 distributor can have (ITLines = 31 gives 1024, less 4 reserved IDs). */
export const GIC_MAX_IRQS = 1020;
/** Largest number of CPU interfaces in GICv2 (8-bit target masks). */
export const GIC_MAX_CPUS = 8;
/** Number of interrupt lines QEMU's virt board gives its GICv2 (TYPER.ITLines = 8). */
export const QEMU_VIRT_GIC_IRQS = 288;
/** The CPU interface identification value Linux checks (`(v & 0xff0fff) == 0x02043B`), as QEMU returns it. */
export const GICC_IIDR_VALUE = 0x0002043b;
/** Distributor implementer identification: implementer Arm (0x43B), product 2, as libvmm's vGICv2 reports. */
export const GICD_IIDR_VALUE = 0x0200043b;
/** Idle running priority (nothing active), as GICC_RPR reads it. */
export const GIC_IDLE_PRIORITY = 0xff;

/** Control register bits of the CPU interface (GICC_CTLR, GICV_CTLR without the Security Extensions). */
export const GICC_CTLR = {
  ENABLE_GRP0: 1 << 0,
  ENABLE_GRP1: 1 << 1,
  ACK_CTL: 1 << 2,
  FIQ_EN: 1 << 3,
  CBPR: 1 << 4,
  EOI_MODE: 1 << 9,
} as const;

/** Register offsets of the CPU interface (GICC; GICV uses the same layout). */
export const GICC_REGISTERS = {
  CTLR: 0x00,
  PMR: 0x04,
  BPR: 0x08,
  IAR: 0x0c,
  EOIR: 0x10,
  RPR: 0x14,
  HPPIR: 0x18,
  ABPR: 0x1c,
  APR0: 0xd0,
  IIDR: 0xfc,
  DIR: 0x1000,
} as const;

/** Register offsets of the distributor (GICD). */
export const GICD_REGISTERS = {
  CTLR: 0x000,
  TYPER: 0x004,
  IIDR: 0x008,
  IGROUPR: 0x080,
  ISENABLER: 0x100,
  ICENABLER: 0x180,
  ISPENDR: 0x200,
  ICPENDR: 0x280,
  ISACTIVER: 0x300,
  ICACTIVER: 0x380,
  IPRIORITYR: 0x400,
  ITARGETSR: 0x800,
  ICFGR: 0xc00,
  SGIR: 0xf00,
  CPENDSGIR: 0xf10,
  SPENDSGIR: 0xf20,
  PIDR4: 0xfd0,
  PIDR0: 0xfe0,
  PIDR2: 0xfe8,
  CIDR0: 0xff0,
} as const;
