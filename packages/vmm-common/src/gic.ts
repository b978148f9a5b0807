// GICv2 distributor constants (IHI 0048B) shared by the vGIC emulations.

/** GICD_TYPER the vGICs report: ITLinesNumber 7 (256 IRQs), CPUNumber 7, SecurityExtn. */
export const GICD_TYPER_RESET = 0x0000_fce7;
/** GICD_IIDR: GIC-400 r0p2, implementer Arm (0x43B). */
export const GICD_IIDR_RESET = 0x0200_043b;
/** Peripheral and component ID registers 0xFD0-0xFFC (GIC-400 values). */
export const GICD_ID_REGS: Readonly<Record<number, number>> = {
  0xfd0: 0x04, 0xfe0: 0x90, 0xfe4: 0xb4, 0xfe8: 0x2b, 0xfec: 0x00,
  0xff0: 0x0d, 0xff4: 0xf0, 0xff8: 0x05, 0xffc: 0xb1,
};
/** GICD_ICFGR0: SGIs are edge-triggered (fixed). */
export const GICD_ICFGR0_SGI = 0xaaaa_aaaa;
/** INTID ranges. */
export const GIC_SGI_COUNT = 16;
export const GIC_SPI_BASE = 32;
/** GICD_SGIR fields: TargetListFilter 0 = list, 1 = all but self, 2 = self. */
export const gicdSgirFilter = (value: number): number => (value >>> 24) & 3;
export const gicdSgirTargets = (value: number): number => (value >>> 16) & 0xff;
export const gicdSgirIntid = (value: number): number => value & 0xf;
