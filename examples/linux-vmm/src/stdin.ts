/** The host side of the console's input: raw TTY with Ctrl-A x to quit, or a pipe / file. */
export interface StdinHandlers {
  readonly onData: (bytes: Uint8Array) => void;
  readonly onQuit: () => void;
}

const CTRL_A = 0x01;

/** Starts reading stdin; returns the function that restores the terminal and stops reading. */
export function attachStdin(handlers: StdinHandlers, stdin: NodeJS.ReadStream = process.stdin): () => void {
  const tty = stdin.isTTY === true;
  if (tty) stdin.setRawMode(true);
  let escape = false;
  const onData = (chunk: Buffer) => {
    if (!tty) return handlers.onData(chunk);
    // QEMU's -nographic escapes: Ctrl-A x quits, Ctrl-A Ctrl-A sends one Ctrl-A.
    const passed: number[] = [];
    for (const byte of chunk) {
      if (escape) {
        escape = false;
        if (byte === 0x78 /* x */) return handlers.onQuit();
        if (byte === CTRL_A) passed.push(CTRL_A);
      } else if (byte === CTRL_A) {
        escape = true;
      } else {
        passed.push(byte);
      }
    }
    if (passed.length > 0) handlers.onData(Uint8Array.from(passed));
  };
  stdin.on("data", onData);
  stdin.on("error", () => undefined);
  return () => {
    stdin.off("data", onData);
    if (tty) stdin.setRawMode(false);
    stdin.pause();
  };
}
