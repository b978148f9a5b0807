/** The generic timer and the instructions-to-ticks definition of virtual time. */
export { CNTKCTL, GenericTimer, TIMER_CTL } from "./generic-timer.js";
export type { GenericTimerOptions, GenericTimerRegister, GenericTimerState } from "./generic-timer.js";
export { CNTFRQ_HZ, INSTRUCTIONS_PER_TICK, instructionsFromTicks, ticksFromInstructions } from "./virtual-time.js";
