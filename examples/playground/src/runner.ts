/** Starts, stops and talks to the emulator's Web Worker (one worker per run: Stop terminates it). */
import type { GuestConfig } from "@sel4ts-examples/hello-guest";
import type { FromWorker, ToWorker } from "./protocol";

export interface RunnerHandlers {
  onMessage(message: FromWorker): void;
  /** The worker itself failed (a script error): the message to show. */
  onWorkerError(message: string): void;
}

export class Runner {
  #worker: Worker | null = null;
  readonly #handlers: RunnerHandlers;

  constructor(handlers: RunnerHandlers) {
    this.#handlers = handlers;
  }

  get running(): boolean {
    return this.#worker !== null;
  }

  /** Boots a new kernel, VMM and guest in a fresh worker (stopping any previous one). */
  start(name: string, image: Uint8Array, config: GuestConfig): void {
    this.stop();
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "sel4ts-emulator" });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.#handlers.onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.#handlers.onWorkerError(event.message || "the emulator's worker could not be loaded");
    };
    this.#worker = worker;
    this.#send({ type: "start", name, image: image.slice(), config });
  }

  /** Ends the run at once: the worker is terminated wherever the guest is. */
  stop(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }

  /** Bytes typed into the console. */
  input(data: string): void {
    this.#send({ type: "input", data });
  }

  #send(message: ToWorker): void {
    this.#worker?.postMessage(message);
  }
}
