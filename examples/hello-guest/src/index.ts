// @sel4ts-examples/hello-guest: the example VMM and its guests' wiring, for the CLI (src/main.ts,
// Node) and the browser playground (examples/playground). Nothing here imports from `node:`.
export {
  ECHO_GUEST,
  GUEST_RAM_BASE,
  GUEST_RAM_SIZE,
  GuestSession,
  HELLO_GUEST,
  PRIMES_GUEST,
  runEchoGuest,
  runGuest,
  runHelloGuest,
} from "./vmm";
export { UART_BASE, UART_IRQ } from "./uart";
export type { EchoGuestOptions, GuestConfig, GuestSessionOptions, HelloGuestOptions, HelloGuestResult, SessionState } from "./vmm";
export { describeEvent } from "./events";
export type { VmmEvent } from "./events";
export { formatMips, formatSummary, formatWallTime, transcript } from "./summary";
