/**
 * The emulator's Web Worker: one kernel, one VMM, one guest. It runs the guest in slices of about
 * 50 ms of wall time and posts the console output, the events and the statistics after each, so
 * the page stays responsive and the Stop button (which terminates the worker) always works.
 */
import { GuestSession, describeEvent, type GuestConfig } from "@sel4ts-examples/hello-guest";
import { format_guest_error_report } from "@sel4ts/libsel4vm";
import type { FromWorker, LogEntry, RunState, ToWorker } from "./protocol";

const SLICE_MS = 50;

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = self as unknown as WorkerScope;

let session: GuestSession | null = null;
let output = "";
let events: LogEntry[] = [];
let busyMs = 0;
let inputArrived: (() => void) | null = null;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === "start" && !session) {
    void run(message.name, message.image, message.config).catch((error: unknown) => {
      scope.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    });
  } else if (message.type === "input" && session) {
    session.input(message.data);
    inputArrived?.();
  }
};

function logEvent(line: string): void {
  const last = events[events.length - 1];
  if (last && last.line === line) events[events.length - 1] = { line, count: last.count + 1 };
  else events.push({ line, count: 1 });
}

/** Yields to the worker's event loop (a message channel: faster than setTimeout's clamped delay). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

function post(state: RunState, report?: readonly string[]): void {
  const s = session!;
  scope.postMessage({
    type: "update",
    state,
    output,
    events,
    stats: { instructions: s.instructions, busyMs, virtualNs: s.virtualNs, exits: s.exits, irqsInjected: s.irqsInjected },
    ...(report ? { report } : {}),
  });
  output = "";
  events = [];
}

async function run(name: string, image: Uint8Array, config: GuestConfig): Promise<void> {
  session = new GuestSession({
    name,
    image,
    config,
    onOutput: (text) => (output += text),
    onEvent: (event) => logEvent(describeEvent(event)),
  });
  for (;;) {
    const start = performance.now();
    const sliceEnd = start + SLICE_MS;
    const state = await session.run(() => performance.now() > sliceEnd);
    busyMs += performance.now() - start;
    if (state === "finished") {
      const result = session.result!;
      post(result.outcome, result.error ? format_guest_error_report(result.error) : undefined);
      return;
    }
    if (state === "paused") {
      post("running");
      await yieldToEventLoop();
      continue;
    }
    post("waiting-for-input");
    await new Promise<void>((resolve) => (inputArrived = resolve));
    inputArrived = null;
  }
}
