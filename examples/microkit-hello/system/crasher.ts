// A child PD that crashes as soon as it starts: libmicrokit's microkit_internal_crash makes the
// PD take a real seL4 fault, which its parent's `fault` entry point receives.
import { defineProtectionDomain } from "@sel4ts/microkit";

export default defineProtectionDomain((microkit) => ({
  init() {
    microkit.microkit_dbg_puts("crasher: starting, about to crash\n");
    microkit.microkit_internal_crash(0x42);
  },
  notified() {},
}));
