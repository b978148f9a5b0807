import { gunzipSync } from "node:zlib";
import { BootInputError } from "./image.js";

/**
 * Checks an initramfs before boot: gzip (the Debian kernel also reads other compressions, but a
 * corrupt gzip stream is the common mistake) that unpacks to a newc cpio archive, or a plain newc
 * archive. Linux would otherwise only say "Initramfs unpacking failed" deep into the boot.
 */
export function checkInitramfs(data: Uint8Array, source: string): void {
  const isNewc = (b: Uint8Array) => b.length >= 6 && new TextDecoder().decode(b.subarray(0, 6)) === "070701";
  if (isNewc(data)) return;
  if (data[0] !== 0x1f || data[1] !== 0x8b) {
    throw new BootInputError(`${source}: not an initramfs: expected gzip (1f 8b) or a newc cpio archive ("070701") at offset 0`);
  }
  let unpacked: Uint8Array;
  try {
    unpacked = gunzipSync(data);
  } catch (error) {
    throw new BootInputError(`${source}: corrupt gzip: ${(error as Error).message}`);
  }
  if (!isNewc(unpacked)) throw new BootInputError(`${source}: the gzip stream does not hold a newc cpio archive ("070701" at offset 0)`);
}
