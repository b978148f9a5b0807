import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeEvent, type VmmEvent } from "./events";
import { transcript } from "./summary";
import { ECHO_GUEST, GuestSession, HELLO_GUEST, runEchoGuest, runGuest } from "./vmm";

const guest = (name: string) => readFileSync(new URL(`../guest/${name}.bin`, import.meta.url));
const echo = guest("echo");
const GREETING = "Hello from the echo guest! Type and it echoes; Ctrl-D powers off.\r\n";
const TYPED = "hi there\r\nsel4x\x7f\x7fts\r\x04";

describe("echo-guest (pass-through PL011, receive IRQ forwarded through the vGIC)", () => {
  it("greets, echoes (Enter as CR LF, DEL erases), says goodbye on Ctrl-D and powers off", async () => {
    const result = await runEchoGuest({ image: echo, input: TYPED });
    expect(result.error).toBeNull();
    expect(result.outcome).toBe("powered-off");
    expect(result.uart).toBe(`${GREETING}hi there\r\n\nsel4x\b \b\b \bts\r\n\r\nBye.\r\n`);
    // Each keystroke: one notification (IRQ 33 → injected) and one maintenance exit (the guest's
    // EOI acknowledges IRQ 33); the UART is passed through, so the only aborts are the two
    // emulated GICD writes; the vcpu exits are the WFIs (one per keystroke) and SYSTEM_OFF. The
    // maintenance IRQ an EOI raises is taken at the next instruction boundary, so the last one
    // (right before SYSTEM_OFF) is reported too.
    const keys = TYPED.length;
    expect(result.exits).toMatchObject({ abort: 2, notification: keys, vgic_maintenance: keys, vcpu: keys + 1, vppi: 0, unknown: 0 });
  });

  it("blocks in WFI between keystrokes: the run returns waiting for input", async () => {
    const out: string[] = [];
    const session = new GuestSession({ image: echo, config: ECHO_GUEST, onOutput: (c) => out.push(c) });
    expect(await session.run()).toBe("waiting-for-input");
    expect(out.join("")).toBe(GREETING);
    const before = session.instructions;
    expect(await session.run()).toBe("waiting-for-input"); // nothing queued: nothing runs
    expect(session.instructions).toBe(before);
    session.input("x");
    expect(await session.run()).toBe("waiting-for-input");
    expect(out.join("")).toBe(`${GREETING}x`);
    expect(session.irqsInjected).toBe(1);
    session.input([4]);
    expect(await session.run()).toBe("finished");
    expect(session.result?.outcome).toBe("powered-off");
  });

  it("is deterministic however the input arrives: all at once, or a key at a time, or in pauses", async () => {
    const atOnce = await runEchoGuest({ image: echo, input: TYPED });
    const session = new GuestSession({ image: echo, config: ECHO_GUEST });
    let slices = 0;
    for (const key of TYPED) {
      // Pausing every few polls splits the run at arbitrary points; the result must not change.
      let polls = 0;
      while ((await session.run(() => ++polls % 7 === 0)) === "paused") slices++;
      session.input(key);
    }
    expect(await session.run()).toBe("finished");
    expect(slices).toBeGreaterThan(0);
    expect(session.result).toEqual(atOnce);
  });

  it("reports what the VMM does: each key is a virq 33, its ack, and the next WFI", async () => {
    const lines: string[] = [];
    const session = new GuestSession({ image: echo, config: ECHO_GUEST, onEvent: (e) => lines.push(describeEvent(e)) });
    await session.run();
    lines.length = 0;
    session.input("k");
    await session.run();
    expect(lines).toEqual(["virq 33 injected (UART receive)", "IRQ 33 acknowledged (ack callback)", "vcpu 0 waits in WFI"]);
  });

  it("matches the committed transcript (regenerate with `pnpm exec vitest run -u`)", async () => {
    const result = await runEchoGuest({ image: echo, input: TYPED });
    await expect(transcript(result)).toMatchFileSnapshot("./echo-guest.transcript.txt");
  });
});

describe("hello-guest's events", () => {
  it("are the emulated UART's faults, the timer's acknowledgements and the PSCI calls", async () => {
    const events: VmmEvent[] = [];
    const result = await runGuest({ image: guest("hello"), config: HELLO_GUEST, onEvent: (e) => events.push(e) });
    const faults = events.filter((e) => e.kind === "fault");
    expect(faults).toHaveLength(2 * result.uart.length);
    expect(faults[0]).toEqual({ kind: "fault", address: 0x0900_0018, write: false, device: "UART FR" });
    expect(faults[1]).toEqual({ kind: "fault", address: 0x0900_0000, write: true, device: "UART DR" });
    expect(events.filter((e) => e.kind === "psci").map(describeEvent)).toEqual(["PSCI PSCI_VERSION", "PSCI SYSTEM_OFF"]);
    expect(events.filter((e) => e.kind === "irq-ack").map(describeEvent)).toEqual(Array(4).fill("IRQ 27 acknowledged (ack callback)"));
    expect(events.at(-1)).toEqual({ kind: "stopped", outcome: "powered-off" });
  });
});

describe("bad guests", () => {
  it("a guest that is not code is stopped by libsel4vm with a report, not a host crash", async () => {
    const result = await runGuest({ image: new TextEncoder().encode("This is a text file, not an AArch64 guest."), config: HELLO_GUEST });
    expect(result.outcome).toBe("guest-error");
    expect(result.error).not.toBeNull();
    expect(result.log.join("\n")).toMatch(/ERROR/);
  });

  it("an image larger than guest RAM is refused with its size", async () => {
    const session = new GuestSession({ image: new Uint8Array(0x20_0001), config: HELLO_GUEST });
    await expect(session.run()).rejects.toThrow(/larger than guest RAM/);
  });
});
