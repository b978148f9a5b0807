import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { hasHostTool } from "../../../test-tools.shared";
import { transcript } from "./summary";
import { runHelloGuest, type HelloGuestResult } from "./vmm";

const guestDir = fileURLToPath(new URL("../guest/", import.meta.url));
const image = readFileSync(join(guestDir, "hello.bin"));

describe("hello-guest", () => {
  let first: HelloGuestResult;
  let second: HelloGuestResult;
  beforeAll(async () => {
    first = await runHelloGuest({ image });
    second = await runHelloGuest({ image });
  });

  it("prints, takes three timer interrupts, reads the PSCI version and powers off", () => {
    expect(first.error).toBeNull();
    expect(first.outcome).toBe("powered-off");
    expect(first.uart).toBe("Hello from a guest of libsel4vm!\n...\nPSCI version 1.0\nPowering off.\n");
    // Each tick: a VPPI exit (vm_run returns 0) and the EOI's maintenance exit; the SMCs are
    // PSCI_VERSION and SYSTEM_OFF; vm_run returns once more when the vCPU is off.
    expect(first.exits).toMatchObject({ vppi: 3, vgic_maintenance: 3, vcpu: 2, syscall: 0, user_exception: 0, unknown: 0 });
    expect(first.vmRunReturns).toBe(4);
    // Every UART character is an FR read and a DR write; the two GICD writes are emulated too.
    expect(first.exits.abort).toBe(2 * first.uart.length + 2);
    expect(first.instructions).toBeGreaterThan(0);
    // The guest sleeps in WFI for three timer periods of CNTFRQ / 256 = 3.9 ms.
    expect(first.virtualNs).toBeGreaterThan(3 * 3_900_000);
  });

  it("is deterministic: the same output, exits, instruction count and virtual time on every run", () => {
    expect(second).toEqual(first);
  });

  it("matches the committed transcript (regenerate with `pnpm exec vitest run -u`)", async () => {
    await expect(transcript(first)).toMatchFileSnapshot("./hello-guest.transcript.txt");
  });

  it.skipIf(!hasHostTool("aarch64-linux-gnu-as"))("the committed guest binaries match their sources (hello.S, echo.S, primes.S)", () => {
    const dir = mkdtempSync(join(tmpdir(), "hello-guest-"));
    try {
      execFileSync("sh", [join(guestDir, "build.sh"), dir]);
      for (const guest of ["hello", "echo", "primes"]) {
        expect(readFileSync(join(dir, `${guest}.bin`)), guest).toEqual(readFileSync(join(guestDir, `${guest}.bin`)));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
