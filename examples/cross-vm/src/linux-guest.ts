/**
 * The Linux guest's images: Debian's kernel from tools/guest-images, and an initramfs of its
 * busybox with linux/init.sh as /init, linux/lspci-sys.sh, the static linux/crossvm program and
 * the kernel's uio_pci_generic module (with uio, which it needs).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildGuestInitramfs, ensureGuestImages, type Log } from "@sel4ts-tools/guest-images";

const linuxDir = new URL("../linux/", import.meta.url);
const file = (name: string) => readFileSync(fileURLToPath(new URL(name, linuxDir)));

/** The kernel Image and the example's initramfs (fetching the Debian packages on first use). */
export async function crossVmLinuxImages(log?: Log): Promise<{ kernel: Uint8Array; initrd: Uint8Array; kernelPackage: string }> {
  const images = await ensureGuestImages(log ? { log } : {});
  const initrd = await buildGuestInitramfs(images, {
    init: file("init.sh").toString("utf8"),
    extraFiles: [
      { path: "usr/bin/lspci-sys.sh", data: file("lspci-sys.sh"), mode: 0o755 },
      { path: "usr/bin/crossvm", data: file("crossvm"), mode: 0o755 },
    ],
    kernelModules: ["uio_pci_generic"],
  });
  return { kernel: readFileSync(images.kernel), initrd, kernelPackage: `${images.kernelPackage} ${images.kernelVersion}` };
}
