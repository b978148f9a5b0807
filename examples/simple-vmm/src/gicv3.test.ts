// The GICv3 guest (guest-gicv3/guest.S) under libvmm with gic_version 3 prints exactly what it
// prints on QEMU's own GICv3 (guest-gicv3/qemu.golden.txt, see guest-gicv3/README.md): the
// distributor/redistributor answers, the ICC_* register values, SGI 3 sent with ICC_SGI1R_EL1
// and the virtual timer PPI 27, each acknowledged by ICC_IAR1_EL1 and ended by ICC_EOIR1_EL1.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { hasHostTool } from "../../../test-tools.shared";
import { runGicv3Guest } from "./gicv3.js";

const guestDir = fileURLToPath(new URL("../guest-gicv3/", import.meta.url));
const golden = readFileSync(join(guestDir, "qemu.golden.txt"), "utf8");

describe("the GICv3 guest", () => {
  it("prints QEMU's output under libvmm with gic_version 3 and powers off", async () => {
    const { uart, poweredOff } = await runGicv3Guest();
    expect(uart).toBe(golden);
    expect(poweredOff).toBe(true);
  });

  it.skipIf(!hasHostTool("aarch64-linux-gnu-as"))("the committed guest binary matches guest.S", () => {
    const dir = mkdtempSync(join(tmpdir(), "gicv3-guest-"));
    try {
      execFileSync("sh", [join(guestDir, "build.sh"), join(dir, "guest.bin")]);
      expect(readFileSync(join(dir, "guest.bin"))).toEqual(readFileSync(join(guestDir, "guest.bin")));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasHostTool("qemu-system-aarch64"))("the golden file is still what QEMU prints", () => {
    const out = execFileSync(
      "qemu-system-aarch64",
      ["-M", "virt,gic-version=3", "-cpu", "cortex-a53", "-m", "128", "-net", "none", "-nographic", "-kernel", join(guestDir, "guest.bin")],
      { encoding: "utf8", timeout: 20_000, stdio: ["ignore", "pipe", "ignore"] },
    );
    expect(out).toBe(golden);
  });
});
