/**
 * Checks a user's file before it is run as a flat guest image. A flat binary has no header, so
 * anything may be code; what can be told apart are files that are certainly something else.
 */
import { GUEST_RAM_SIZE } from "@sel4ts-examples/hello-guest";

/** Leading bytes of file types that are not flat guest images, with what to tell the user. */
const KNOWN_FORMATS: readonly { readonly magic: readonly number[]; readonly at?: number; readonly what: string }[] = [
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: "an ELF file: convert it to a flat binary with `aarch64-linux-gnu-objcopy -O binary`" },
  { magic: [0x41, 0x52, 0x4d, 0x64], at: 0x38, what: "an arm64 Linux kernel Image: the playground runs bare-metal guests (the Linux guest is not here yet)" },
  { magic: [0x1f, 0x8b], what: "a gzip file: decompress it first" },
  { magic: [0x50, 0x4b, 0x03, 0x04], what: "a zip archive" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { magic: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { magic: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  { magic: [0xd0, 0x0d, 0xfe, 0xed], what: "a device tree blob (DTB)" },
  { magic: [0x3c], what: "text starting with '<' (an HTML page? check the URL)" },
];

/** Why `image` (named `name`) cannot be a flat guest image, or null if it may be one. */
export function checkGuestImage(name: string, image: Uint8Array): string | null {
  if (image.length === 0) return `${name} is empty`;
  if (image.length > GUEST_RAM_SIZE) {
    return `${name} is ${image.length} bytes, more than the guest's ${GUEST_RAM_SIZE / 0x10_0000} MiB of RAM`;
  }
  for (const format of KNOWN_FORMATS) {
    const at = format.at ?? 0;
    if (format.magic.every((byte, i) => image[at + i] === byte)) return `${name} is not a guest image: it is ${format.what}`;
  }
  return null;
}
