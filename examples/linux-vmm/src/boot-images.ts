import { QEMU_VIRT, buildQemuVirtFdt } from "@sel4ts/fdt";
import { parseArm64Image, placeBootImages } from "./image.js";
import type { BootPlacement } from "./image.js";
import { checkInitramfs } from "./initrd.js";

/** What a VMM loads into guest RAM, wherever it comes from (files, a browser, a test). */
export interface LinuxBootInput {
  readonly kernel: Uint8Array;
  readonly kernelSource: string;
  readonly initrd: Uint8Array | null;
  readonly initrdSource: string;
  readonly bootargs: string;
  readonly memorySize: number;
  /** The PSCI conduit the VMM traps: libvmm and our libsel4vm VMM use SMC. */
  readonly psciMethod: "hvc" | "smc";
}

/** The images placed in RAM, with the DTB built for that placement. */
export interface LinuxBootImages extends BootPlacement {
  readonly ramBase: number;
  readonly dtbBlob: Uint8Array;
}

/** Room reserved for the DTB in guest RAM. */
export const DTB_MAX_SIZE = 0x1_0000;

/** Checks the inputs, places them and builds the DTB; throws BootInputError on bad input. */
export function prepareLinuxBoot(input: LinuxBootInput): LinuxBootImages {
  const header = parseArm64Image(input.kernel, input.kernelSource);
  if (input.initrd) checkInitramfs(input.initrd, input.initrdSource);
  const placement = placeBootImages({
    ramBase: QEMU_VIRT.ramBase,
    ramSize: input.memorySize,
    header,
    initrdSize: input.initrd?.length ?? 0,
    dtbMaxSize: DTB_MAX_SIZE,
  });
  // A fixed seed keeps runs deterministic; it only spares the CRNG its wait for entropy.
  const rngSeed = new Uint8Array(32).map((_, i) => (i * 0x9d + 0x3b) & 0xff);
  const dtbBlob = buildQemuVirtFdt({
    memorySize: input.memorySize,
    bootargs: input.bootargs,
    psciMethod: input.psciMethod,
    rngSeed,
    ...(placement.initrd ? { initrd: placement.initrd } : {}),
  });
  return { ...placement, ramBase: QEMU_VIRT.ramBase, dtbBlob };
}
