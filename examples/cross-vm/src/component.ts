/**
 * The native component: a kernel-sim thread on the other side of the two connections, playing
 * the role of CAmkES' CrossvmInit. It waits for the guest's event, reads the message from
 * dataport 0, writes a reply to dataport 1 and signals the VMM, which relays the event to the
 * guest as an interrupt.
 */
import type { Sel4 } from "@sel4ts/sel4-kernel-sim";

/** What the component is given: capabilities and the addresses of its dataport mappings. */
export interface ComponentConfig {
  /** Notification the VMM signals when the guest emits on connection 0. */
  readonly readyNotification: number;
  /** Badged notification cap to signal when a reply is ready (bound to the VMM's thread). */
  readonly doneNotification: number;
  /** Where dataport 0 (guest → component) and dataport 1 (component → guest) are mapped. */
  readonly fromGuestVaddr: number;
  readonly toGuestVaddr: number;
  readonly dataportSize: number;
  /** Called with each line the component prints (null: quiet). */
  readonly print: ((line: string) => void) | null;
}

/** The reply to a message: what a string_reverse-style test component would send back. */
export function replyTo(message: string): string {
  return `component read ${message.length} bytes: ${message.toUpperCase()}`;
}

function readCString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(bytes.subarray(0, end < 0 ? bytes.length : end));
}

/** The component's thread body: serves events until the kernel stops scheduling it. */
export function componentBody(config: ComponentConfig) {
  return async (sel4: Sel4): Promise<void> => {
    const fromGuest = sel4.frameView(config.fromGuestVaddr, config.dataportSize);
    const toGuest = sel4.frameView(config.toGuestVaddr, config.dataportSize);
    for (;;) {
      await sel4.seL4_Wait(config.readyNotification, null);
      const message = readCString(fromGuest);
      config.print?.(`component: dataport 0 holds "${message}"\n`);
      const reply = new TextEncoder().encode(replyTo(message)).subarray(0, config.dataportSize - 1);
      toGuest.set(reply);
      toGuest[reply.length] = 0;
      await sel4.seL4_Signal(config.doneNotification);
    }
  };
}
