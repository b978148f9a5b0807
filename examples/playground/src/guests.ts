/**
 * The guests the playground offers. Adding one is adding an entry: an image (bundled, or given by
 * the user as a file or URL) and the VMM wiring it needs.
 */
import { ECHO_GUEST, HELLO_GUEST, PRIMES_GUEST, type GuestConfig } from "@sel4ts-examples/hello-guest";
import echoUrl from "@sel4ts-examples/hello-guest/guest/echo.bin?url";
import helloUrl from "@sel4ts-examples/hello-guest/guest/hello.bin?url";
import primesUrl from "@sel4ts-examples/hello-guest/guest/primes.bin?url";

/** Where a guest's image comes from. */
export type ImageSource =
  /** Shipped with the page. */
  | { readonly kind: "bundled"; readonly url: string }
  /** A file the user picks. */
  | { readonly kind: "file" }
  /** A URL the user types (the server must allow the page to fetch it). */
  | { readonly kind: "url" };

/** One entry of the guest picker. */
export interface GuestDescriptor {
  readonly id: string;
  readonly title: string;
  /** One or two sentences shown under the picker. */
  readonly description: string;
  readonly image: ImageSource;
  /** How the VMM wires the guest up (UART model, WFI traps). */
  readonly config: GuestConfig;
}

/** A user's bare-metal image: loaded at 0x40000000, the board's PL011 passed through, WFI trapped. */
const USER_IMAGE_CONFIG: GuestConfig = ECHO_GUEST;

export const GUESTS: readonly GuestDescriptor[] = [
  {
    id: "hello",
    title: "hello-guest",
    description:
      "Prints through a PL011 the VMM emulates (two exits per character), sleeps on its virtual timer three times, asks PSCI for its version and powers off.",
    image: { kind: "bundled", url: helloUrl },
    config: HELLO_GUEST,
  },
  {
    id: "echo",
    title: "echo-guest (interactive)",
    description:
      "The board's PL011 passed through; its receive interrupt reaches the guest as virtual IRQ 33. Type in the console: it echoes. Ctrl-D powers it off.",
    image: { kind: "bundled", url: echoUrl },
    config: ECHO_GUEST,
  },
  {
    id: "primes",
    title: "primes-guest (benchmark)",
    description: "Counts the primes below 300000 by trial division: about 50 million instructions with almost no exits. Watch the MIPS.",
    image: { kind: "bundled", url: primesUrl },
    config: PRIMES_GUEST,
  },
  {
    id: "file",
    title: "your image (file)…",
    description:
      "A flat AArch64 binary (objcopy -O binary) linked at 0x40000000, run at EL1 with 2 MiB of RAM, the PL011 at 0x09000000 (IRQ 33) and a GICv2 (distributor 0x08000000, CPU interface 0x08010000).",
    image: { kind: "file" },
    config: USER_IMAGE_CONFIG,
  },
  {
    id: "url",
    title: "your image (URL)…",
    description: "As for a file, fetched from a URL (the server must allow the page to read it).",
    image: { kind: "url" },
    config: USER_IMAGE_CONFIG,
  },
];
