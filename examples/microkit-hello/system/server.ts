// The server: answers the client's notification with one of its own, and its protected
// procedure call with the sum of the two words it was sent.
import { defineProtectionDomain } from "@sel4ts/microkit";

const CLIENT = 1;

export default defineProtectionDomain((microkit) => ({
  init() {
    microkit.microkit_dbg_puts("server: ready\n");
  },

  async notified(ch) {
    microkit.microkit_dbg_puts(`server: notified on channel ${ch}\n`);
    const greeting = new TextEncoder().encode("hello from the server");
    microkit.sel4.frameView(Number(microkit.setvars.shared_vaddr), greeting.length + 1).set([...greeting, 0]);
    await microkit.microkit_notify(CLIENT);
  },

  protected(ch, msginfo) {
    const count = microkit.microkit_msginfo_get_count(msginfo);
    const sum = microkit.microkit_mr_get(0) + microkit.microkit_mr_get(1);
    microkit.microkit_dbg_puts(
      `server: protected call on channel ${ch}, label ${microkit.microkit_msginfo_get_label(msginfo)}, ${count} words\n`,
    );
    microkit.microkit_mr_set(0, sum);
    return microkit.microkit_msginfo_new(0, 1);
  },
}));
