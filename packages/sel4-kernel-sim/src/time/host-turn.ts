/**
 * Turns of the host's event loop. CPU threads run synchronously and native threads only settle
 * promises, so without these a long run would hold the host's thread: its timers, messages and
 * I/O (a test runner's worker RPC, a Web Worker's postMessage, signals) would wait until the run
 * ends. A turn changes nothing in the simulation.
 */

/** Wall time a run goes at most without a turn of the host's event loop, in ms. */
export const HOST_TURN_INTERVAL_MS = 50;

/** At most this many isDue calls share one reading of the clock. */
const MAX_CLOCK_STRIDE = 16;

type Scheduler = (callback: () => void) => void;

/** The parts of a browser's MessageChannel used here. */
interface Channel {
  readonly port1: { onmessage: (() => void) | null; close(): void };
  readonly port2: { postMessage(message: null): void };
}

/** A macrotask with no minimum delay: setImmediate (Node), a MessageChannel (browsers), else setTimeout. */
function macrotaskScheduler(): Scheduler {
  const host = globalThis as unknown as { setImmediate?: (callback: () => void) => unknown; MessageChannel?: new () => Channel };
  const setImmediate = host.setImmediate;
  if (setImmediate) return (callback) => void setImmediate(callback);
  const Channel = host.MessageChannel;
  if (Channel) {
    return (callback) => {
      const channel = new Channel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        callback();
      };
      channel.port2.postMessage(null);
    };
  }
  return (callback) => void setTimeout(callback, 0);
}

/** Hands the host's event loop a turn when {@link HOST_TURN_INTERVAL_MS} have passed since the last. */
export class HostTurns {
  private last = Date.now();
  private readonly schedule = macrotaskScheduler();

  /** Starts counting the interval afresh (a run begins). */
  reset(): void {
    this.last = Date.now();
    this.#due = false;
    this.#untilClock = 0;
  }

  /**
   * True when {@link HOST_TURN_INTERVAL_MS} have passed since the last turn. The kernel asks at
   * every scheduling point, up to a million times a second in an IPC loop: while the calls come
   * within the same millisecond the clock is read only every {@link #stride}th time (up to
   * {@link MAX_CLOCK_STRIDE}); a slower caller has it read every time.
   */
  isDue(): boolean {
    if (this.#due) return true;
    if (--this.#untilClock > 0) return false;
    const now = Date.now();
    this.#stride = now === this.#clockReadAt ? Math.min(2 * this.#stride, MAX_CLOCK_STRIDE) : 1;
    this.#untilClock = this.#stride;
    this.#clockReadAt = now;
    // Once due it stays due until the turn is taken: every caller until then sees it.
    this.#due = now - this.last >= HOST_TURN_INTERVAL_MS;
    return this.#due;
  }

  #due = false;
  #untilClock = 0;
  #stride = 1;
  #clockReadAt = 0;

  /** Settles after one turn of the host's event loop. */
  take(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.schedule(() => {
        this.last = Date.now();
        this.#due = false;
        resolve();
      });
    });
  }
}
