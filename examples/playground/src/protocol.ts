/** Messages between the page and the emulator's Web Worker. */
import type { GuestConfig } from "@sel4ts-examples/hello-guest";

/** Page → worker. */
export type ToWorker =
  /** Boot a fresh kernel and VMM with this guest image (the worker runs one guest in its life). */
  | { readonly type: "start"; readonly name: string; readonly image: Uint8Array; readonly config: GuestConfig }
  /** Bytes typed into the console, for the guest's UART. */
  | { readonly type: "input"; readonly data: string };

/** Live statistics of a run. */
export interface RunStats {
  /** Guest instructions retired. */
  readonly instructions: number;
  /** Wall-clock milliseconds the emulator ran (time spent waiting for input not counted). */
  readonly busyMs: number;
  /** Virtual time in ns. */
  readonly virtualNs: number;
  /** vm_run's exits by class. */
  readonly exits: Readonly<Record<string, number>>;
  /** Virtual IRQs injected (timer PPIs and the UART's). */
  readonly irqsInjected: number;
}

/** A line of the VMM's event log; `count` consecutive identical events are merged. */
export interface LogEntry {
  readonly line: string;
  readonly count: number;
}

/** Where the run is. */
export type RunState = "running" | "waiting-for-input" | "powered-off" | "guest-error";

/** Worker → page. */
export type FromWorker =
  | {
      readonly type: "update";
      readonly state: RunState;
      /** Guest console output since the last update. */
      readonly output: string;
      /** Events since the last update. */
      readonly events: readonly LogEntry[];
      readonly stats: RunStats;
      /** On guest-error: libsel4vm's report of why it stopped the guest. */
      readonly report?: readonly string[];
    }
  /** The VMM itself failed (an exception): the message to show. */
  | { readonly type: "failed"; readonly message: string };
