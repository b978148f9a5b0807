import { seL4_Error } from "@sel4ts/sel4-kernel-sim";
import { find_guest_frame } from "./guest-frames";
import { addressArgs, type uintptr_t } from "./address";
import { hex, logError } from "./log";
import type { vm_t } from "./types";

/**
 * vm_arm_ipa_to_pa: the host physical address behind guest physical [ipa_base, ipa_base+size);
 * 0 if any part is unmapped or the frames are not physically contiguous.
 */
export function vm_arm_ipa_to_pa(vm: vm_t, ipa_base_: uintptr_t, size_: uintptr_t): number {
  const fn = "vm_arm_ipa_to_pa";
  const args = addressArgs(vm, fn, { ipa_base: ipa_base_, size: size_ });
  if (!args) return 0;
  const { ipa_base, size } = args;
  let delta: number | null = null;
  for (let at = ipa_base; at < ipa_base + Math.max(size, 1); ) {
    const frame = find_guest_frame(vm, at);
    const found = frame ? vm.vka.sel4.seL4_ARM_Page_GetAddress(frame.cap) : null;
    if (!frame || !found || found.error !== seL4_Error.seL4_NoError) {
      logError(vm, fn, `guest address ${hex(at)} is not mapped`);
      return 0;
    }
    const frameDelta = found.paddr - frame.base;
    if (delta !== null && frameDelta !== delta) {
      logError(vm, fn, `${hex(ipa_base)}+${hex(size)} is not physically contiguous`);
      return 0;
    }
    delta = frameDelta;
    at = frame.base + 2 ** frame.size_bits;
  }
  return ipa_base + (delta ?? 0);
}
