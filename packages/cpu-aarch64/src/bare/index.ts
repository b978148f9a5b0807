/** The bare-metal test machine: runBareMetal, its PL011 transmitter and PSCI answers. */
export {
  BARE_DEFAULT_MAX_INSTRUCTIONS,
  BARE_DEFAULT_MEM_SIZE,
  BARE_RAM_BASE,
  BARE_UART_BASE,
  runBareMetal,
} from "./run-bare-metal.js";
export type { BareMetalResult, RunBareMetalOptions } from "./run-bare-metal.js";
export { Pl011Transmitter } from "./pl011.js";
export { PSCI, PSCI_NOT_SUPPORTED, PSCI_VERSION_1_1, psciCall } from "./psci.js";
export type { PsciOutcome } from "./psci.js";
