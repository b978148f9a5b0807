// Debian bookworm's busybox-static (arm64) runs its applets on our CPU exactly as under
// qemu-aarch64: byte-identical stdout and the same exit status for every case of
// busybox/cases.json (goldens and provenance: busybox/README.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runLinuxUserProgram } from "../src/index";

const dir = fileURLToPath(new URL("./busybox/", import.meta.url));

interface BusyboxCase {
  name: string;
  argv: string[];
  stdin?: string;
  stdinText?: string;
}

const cases = JSON.parse(readFileSync(join(dir, "cases.json"), "utf8")) as BusyboxCase[];
const image = new Uint8Array(readFileSync(join(dir, "busybox")));

describe("Debian busybox-static matches qemu-aarch64", () => {
  it("has the applets the issue lists", () => {
    const names = cases.map((c) => c.argv[0]);
    for (const applet of ["echo", "sh", "sha256sum", "md5sum", "sha512sum", "sha3sum", "sort", "wc", "seq", "awk", "printf", "gzip", "gunzip", "base64", "sed", "od", "crc32", "factor"]) {
      expect(names).toContain(applet);
    }
  });

  for (const c of cases) {
    it(c.name, () => {
      const stdin = c.stdin !== undefined ? new Uint8Array(readFileSync(join(dir, "inputs", c.stdin))) : new TextEncoder().encode(c.stdinText ?? "");
      const result = runLinuxUserProgram({
        image,
        argv: ["busybox", ...c.argv],
        exePath: "/bin/busybox",
        stdin,
        hostFs: null,
        maxInstructions: 2_000_000_000,
      });
      const expected = new Uint8Array(readFileSync(join(dir, "golden", `${c.name}.out`)));
      const status = Number(readFileSync(join(dir, "golden", `${c.name}.exit`), "utf8").trim());
      const stderr = new TextDecoder().decode(result.stderr);
      expect(Buffer.from(result.stdout).toString("latin1"), stderr).toBe(Buffer.from(expected).toString("latin1"));
      expect(result.exitCode, stderr).toBe(status);
    });
  }
});
