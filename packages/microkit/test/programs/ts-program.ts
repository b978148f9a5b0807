// A program image in TypeScript. Only a type is imported, so loading it needs no build of the package.
import type { MicrokitProgram } from "@sel4ts/microkit";

const program: MicrokitProgram = (microkit) => ({
  async init() {
    microkit.microkit_mr_set(0, 20n);
    const reply = await microkit.microkit_ppcall(1, microkit.microkit_msginfo_new(0, 1));
    microkit.microkit_dbg_puts(`ts: js answered ${microkit.microkit_mr_get(0)} (label ${reply.label})\n`);
  },
  notified() {},
});

export default program;
