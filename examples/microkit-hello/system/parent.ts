// The parent: its child's faults arrive at its `fault` entry point (badge bit 62 with the child's
// id). The first time it restarts the child from its program's entry; the second time it stops it.
import { PROGRAM_ENTRY, defineProtectionDomain } from "@sel4ts/microkit";
import { seL4_FaultType_MCS } from "@sel4ts/sel4-kernel-sim";

export default defineProtectionDomain((microkit) => {
  let faults = 0;
  return {
    init() {
      microkit.microkit_dbg_puts("parent: watching child 0\n");
    },
    notified() {},
    fault(child, msginfo) {
      faults++;
      const label = microkit.microkit_msginfo_get_label(msginfo);
      microkit.microkit_dbg_puts(`parent: child ${child} faulted (${seL4_FaultType_MCS[label] ?? `label ${label}`}), fault ${faults}\n`);
      if (faults === 1) {
        microkit.microkit_dbg_puts(`parent: restarting child ${child}\n`);
        microkit.microkit_pd_restart(child, PROGRAM_ENTRY);
      } else {
        microkit.microkit_dbg_puts(`parent: stopping child ${child}\n`);
        microkit.microkit_pd_stop(child);
      }
      // No reply: the restarted child starts afresh, the stopped one stays stopped.
      return false;
    },
  };
});
