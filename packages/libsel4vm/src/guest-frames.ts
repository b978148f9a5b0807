import type { vm_t } from "./types";

/** A guest frame found through the guest vspace: its cap, guest base address and size. */
export interface guest_frame {
  readonly cap: number;
  readonly base: number;
  readonly size_bits: number;
}

/** The frame mapped at guest physical `addr` (4 KiB, 2 MiB or 1 GiB), or null. */
export function find_guest_frame(vm: vm_t, addr: number): guest_frame | null {
  for (const size_bits of [12, 21, 30]) {
    const base = Math.floor(addr / 2 ** size_bits) * 2 ** size_bits;
    const entry = vm.mem.vm_vspace.caps.get(base);
    if (entry && vm.guest_frame_bits.get(base) === size_bits) return { cap: entry.cap, base, size_bits };
  }
  return null;
}
