// The client: notifies the server, reads what the server left in their shared region when the
// server notifies back, then calls the server's protected procedure.
import { defineProtectionDomain } from "@sel4ts/microkit";

const SERVER = 0;

export default defineProtectionDomain((microkit) => ({
  async init() {
    microkit.microkit_dbg_puts("client: hello, notifying the server\n");
    await microkit.microkit_notify(SERVER);
  },

  async notified(ch) {
    const bytes = microkit.sel4.frameView(Number(microkit.setvars.shared_vaddr), 64);
    const text = new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)));
    microkit.microkit_dbg_puts(`client: notified on channel ${ch}, shared buffer says "${text}"\n`);
    microkit.microkit_mr_set(0, 40);
    microkit.microkit_mr_set(1, 2);
    const reply = await microkit.microkit_ppcall(SERVER, microkit.microkit_msginfo_new(7, 2));
    microkit.microkit_dbg_puts(
      `client: ppcall returned label ${microkit.microkit_msginfo_get_label(reply)}, 40 + 2 = ${microkit.microkit_mr_get(0)}\n`,
    );
  },
}));
