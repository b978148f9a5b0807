// A program image in plain JavaScript: the default export is the program.
export default (microkit) => ({
  init() {
    microkit.microkit_dbg_puts(`js: ${microkit.microkit_name} ready\n`);
  },
  notified() {},
  protected(ch, msginfo) {
    microkit.microkit_mr_set(0, microkit.microkit_mr_get(0) * 2n + BigInt(ch));
    return microkit.microkit_msginfo_new(msginfo.length, 1);
  },
});
