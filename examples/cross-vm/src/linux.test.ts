// The Linux guest end to end: Debian's arm64 kernel boots on the libsel4vm VMM, its
// pci-host-generic driver enumerates the virtual bus, and user space exchanges messages with the
// native component through uio_pci_generic. Several minutes of CPU, so it runs only with
// SEL4TS_LINUX_TESTS=1 (CI boots Linux once elsewhere); the first run fetches the Debian packages.
import { beforeAll, describe, expect, it } from "vitest";
import { PCI_MEM_REGION_ADDR } from "@sel4ts/libsel4vmmplatsupport";
import { replyTo } from "./component";
import { DATAPORT_SIZE } from "./connections";
import { crossVmLinuxImages } from "./linux-guest";
import { runCrossVmLinux, type CrossVmLinuxResult } from "./vmm-linux";

const enabled = process.env.SEL4TS_LINUX_TESTS === "1";
const ROUNDS = 3;
const hex8 = (n: number) => n.toString(16).padStart(8, "0");

describe.skipIf(!enabled)("cross-vm with a Linux guest (SEL4TS_LINUX_TESTS=1)", () => {
  let result: CrossVmLinuxResult;
  beforeAll(async () => {
    const { kernel, initrd } = await crossVmLinuxImages();
    result = await runCrossVmLinux({ kernel, initrd, rounds: ROUNDS });
  }, 1_800_000);

  it("boots and powers off from init", () => {
    expect(result.error).toBeNull();
    expect(result.outcome).toBe("powered-off");
    expect(result.output).toMatch(/guest: Linux 6\.\d+\.\d+-\d+-cloud-arm64 up/);
  });

  it("pci-host-generic enumerates the bus: the host bridge and both connections with the BARs the VMM placed", () => {
    // Linux's own log of the bus scan (drivers/pci/probe.c).
    expect(result.output).toMatch(/pci 0000:00:01\.0: \[1af4:a111\] type 00 class 0x050000/);
    expect(result.output).toMatch(/pci 0000:00:02\.0: \[1af4:a111\] type 00 class 0x050000/);
    // The lspci-like listing through /sys: connection i has BAR0 at base + 2·i·size, BAR1 after it
    // (the console's tty turns "\n" into "\r\n").
    expect(result.output).toMatch(/^0000:00:00\.0 5e14:0042 class 060000 /m);
    for (const i of [0, 1]) {
      const bar0 = PCI_MEM_REGION_ADDR + 2 * i * DATAPORT_SIZE;
      const listing = new RegExp(
        `^0000:00:0${i + 1}\\.0 1af4:a111 class 050000 irq [1-9]\\d*.*\\r?\\n` +
          `  BAR0 ${hex8(bar0)} size ${hex8(DATAPORT_SIZE)} flags 0x[0-9a-f]+\\r?\\n` +
          `  BAR1 ${hex8(bar0 + DATAPORT_SIZE)} size ${hex8(DATAPORT_SIZE)} flags `,
        "m",
      );
      expect(result.output).toMatch(listing);
    }
    expect(result.output).toMatch(/guest: bound to uio_pci_generic: 0000:00:01\.0 0000:00:02\.0/);
  });

  it("exchanges messages through uio, with events both ways", () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const message = `hello component, this is round ${round}`;
      expect(result.output).toContain(`component: dataport 0 holds "${message}"`);
      expect(result.output).toMatch(new RegExp(`guest: IRQ \\(uio count ${round}\\), events 1, reply "${replyTo(message)}"`));
    }
    expect(result.output).toContain(`guest: ${ROUNDS} round trips done`);
    expect(result.events).toEqual({ emitted: ROUNDS, consumed: ROUNDS });
  });
});
