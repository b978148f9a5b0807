import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultCacheDir } from "./images.js";
import { formatModulesDep, modinfoDepends, moduleClosure, moduleName } from "./modules-dep.js";

const modinfo = (...strings: string[]) => new TextEncoder().encode(`\x7fELF junk\0${strings.join("\0")}\0more`);

describe("kernel modules", () => {
  it("names modules as modprobe does ('-' and '_' alike, without .ko and its compression suffix)", () => {
    expect(moduleName("kernel/net/a/top-level.ko")).toBe("top_level");
    expect(moduleName("kernel/x/y.ko.xz")).toBe("y");
  });

  it("reads depends= from .modinfo (empty when a module needs nothing)", () => {
    expect(modinfoDepends(modinfo("license=GPL", "depends=uio,foo-bar", "name=x"))).toEqual(["uio", "foo_bar"]);
    expect(modinfoDepends(modinfo("license=GPL", "depends=", "name=uio"))).toEqual([]);
    expect(modinfoDepends(modinfo("xdepends=uio"))).toEqual([]);
  });

  const order = ["kernel/drivers/uio/uio.ko", "kernel/drivers/uio/uio_pci_generic.ko", "kernel/net/a/top-level.ko", "kernel/net/a/mid.ko"];
  const depends: Record<string, string[]> = {
    "kernel/drivers/uio/uio_pci_generic.ko": ["uio"],
    "kernel/net/a/top-level.ko": ["mid", "uio"],
    "kernel/net/a/mid.ko": ["uio"],
  };
  const dependsOf = (path: string) => depends[path] ?? [];

  it("orders the closure dependencies first, each module once, and writes modules.dep as depmod does", () => {
    const set = moduleClosure(order, dependsOf, ["top-level", "uio_pci_generic"], "test");
    expect(set.paths).toEqual(["kernel/drivers/uio/uio.ko", "kernel/net/a/mid.ko", "kernel/net/a/top-level.ko", "kernel/drivers/uio/uio_pci_generic.ko"]);
    expect(formatModulesDep(set)).toBe(
      "kernel/drivers/uio/uio.ko:\n" +
        "kernel/net/a/mid.ko: kernel/drivers/uio/uio.ko\n" +
        "kernel/net/a/top-level.ko: kernel/net/a/mid.ko kernel/drivers/uio/uio.ko\n" +
        "kernel/drivers/uio/uio_pci_generic.ko: kernel/drivers/uio/uio.ko\n",
    );
  });

  it("names an unknown module and who needed it", () => {
    expect(() => moduleClosure(order, dependsOf, ["nope"], "linux-image-x 1")).toThrow(/linux-image-x 1 has no kernel module "nope" in its modules.order/);
    expect(() => moduleClosure(order, () => ["gone"], ["mid"], "k")).toThrow(/no kernel module "gone" \(needed by mid\)/);
  });

  // Where the Debian kernel is cached (pnpm guest-images), its uio_pci_generic needs uio.
  const manifest = join(defaultCacheDir(), "debian-bookworm-arm64", "guest-images.json");
  const kernel = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { kernel: string }).kernel : null;
  const modules = kernel ? join(dirname(kernel), "deb", "lib", "modules") : null;
  it.skipIf(!modules || !existsSync(modules))("reads Debian's uio_pci_generic.ko: depends=uio", () => {
    const dir = join(modules!, readdirSync(modules!)[0]!);
    expect(modinfoDepends(readFileSync(join(dir, "kernel/drivers/uio/uio_pci_generic.ko")))).toEqual(["uio"]);
    expect(modinfoDepends(readFileSync(join(dir, "kernel/drivers/uio/uio.ko")))).toEqual([]);
  });
});
