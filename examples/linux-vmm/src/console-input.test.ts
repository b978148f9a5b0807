import { describe, expect, it } from "vitest";
import { IrqSignal, PL011_FIFO_DEPTH, Pl011 } from "@sel4ts/sel4-kernel-sim";
import { ConsoleInput, FIFO_FILL_NS, OPEN_DELAY_NS, pl011InputPort } from "./console-input.js";
import { ConsoleWatch } from "./console-watch.js";

describe("ConsoleInput", () => {
  it("holds input until the driver has listened for a while, then paces FIFO-fulls in order", () => {
    const irq = new IrqSignal();
    const uart = new Pl011({ irq, output: () => {} });
    const input = new ConsoleInput();
    let wakes = 0;
    input.attach(pl011InputPort(uart), () => wakes++);
    input.push(new TextEncoder().encode("uname -a; ls /proc | head -3; poweroff -f\n"));
    input.tick(0);
    expect(uart.read(0x18, 4) & 0x10).toBe(0x10); // RXFE: nothing delivered while RX is masked
    uart.write(0x2c, 4, 0x70); // 8 bits, FIFOs on
    uart.write(0x38, 4, 0x50); // the driver opens the port: RXIM | RTIM
    input.tick(1_000);
    input.tick(OPEN_DELAY_NS / 2);
    expect(input.pending).toBe(42); // pl011_startup's FIFO drain would eat bytes delivered now
    input.tick(1_000 + OPEN_DELAY_NS);
    expect(input.pending).toBe(26);
    expect(wakes).toBe(1);
    expect(uart.pendingInput).toBe(PL011_FIFO_DEPTH);
    const read = () => {
      let text = "";
      while ((uart.read(0x18, 4) & 0x10) === 0) text += String.fromCharCode(uart.read(0, 4));
      return text;
    };
    expect(read()).toBe("uname -a; ls /pr");
    input.tick(1_000 + OPEN_DELAY_NS + FIFO_FILL_NS / 2);
    expect(input.pending).toBe(26);
    input.tick(1_000 + OPEN_DELAY_NS + FIFO_FILL_NS);
    input.tick(1_000 + OPEN_DELAY_NS + 2 * FIFO_FILL_NS); // the FIFO is still full: nothing is lost
    expect(read()).toBe("oc | head -3; po");
    input.tick(1_000 + OPEN_DELAY_NS + 3 * FIFO_FILL_NS);
    expect(read()).toBe("weroff -f\n");
    expect(input.pending).toBe(0);
  });
});

describe("ConsoleWatch", () => {
  it("notices a panic and an oops and keeps the last lines", () => {
    const watch = new ConsoleWatch(2);
    const feed = (text: string) => [...new TextEncoder().encode(text)].forEach((b) => watch.byte(b));
    feed("one\r\ntwo\n");
    expect(watch.failure).toBeNull();
    feed("Internal error: Oops - Undefined instruction: 0 [#1] SMP\n");
    expect(watch.failure).toBe("oops");
    feed("Kernel panic - not syncing: Fatal exception\nend");
    expect(watch.failure).toBe("panic");
    expect(watch.lastLines()).toEqual(["Internal error: Oops - Undefined instruction: 0 [#1] SMP", "Kernel panic - not syncing: Fatal exception", "end"]);
  });
});
