import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GuestImagesError, extractDebMember } from "./apt.js";

const hasDpkgDeb = !spawnSync("dpkg-deb", ["--version"], { stdio: "ignore" }).error;

/** Builds a .deb with dpkg-deb from `files` (path → text). */
function buildDeb(dir: string, files: Record<string, string>): string {
  const tree = join(dir, "tree");
  mkdirSync(join(tree, "DEBIAN"), { recursive: true });
  writeFileSync(join(tree, "DEBIAN", "control"), "Package: symbols-test\nVersion: 1.0\nArchitecture: all\nMaintainer: t <t@example.org>\nDescription: test\n");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(tree, path, ".."), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  const deb = join(dir, "symbols-test.deb");
  const built = spawnSync("dpkg-deb", ["--build", "--root-owner-group", tree, deb], { encoding: "utf8" });
  if (built.status !== 0) throw new Error(built.stderr);
  return deb;
}

describe.skipIf(!hasDpkgDeb)("extractDebMember (dpkg-deb)", () => {
  it("extracts one file of a package and nothing else; a missing member is a GuestImagesError", () => {
    const dir = mkdtempSync(join(tmpdir(), "guest-images-deb-"));
    const deb = buildDeb(dir, {
      "usr/lib/debug/boot/System.map-6.1.0-test": "ffff800008000000 T _text\n",
      "usr/lib/debug/boot/vmlinux-6.1.0-test": "big",
    });
    const out = join(dir, "System.map");
    extractDebMember(deb, "./usr/lib/debug/boot/System.map-6.1.0-test", out);
    expect(readFileSync(out, "utf8")).toBe("ffff800008000000 T _text\n");
    expect(() => extractDebMember(deb, "./usr/lib/debug/boot/System.map-none", join(dir, "none"))).toThrow(GuestImagesError);
  });
});
