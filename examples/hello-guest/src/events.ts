/** What the example VMM reports while it runs: its own decisions, for a log or a live view. */

/** One thing the VMM did. */
export type VmmEvent =
  /** A guest access to an emulated device that the VMM's reservation callback handled. */
  | { readonly kind: "fault"; readonly address: number; readonly write: boolean; readonly device: string }
  /** A virtual IRQ the VMM injected into the guest (vm_inject_irq). */
  | { readonly kind: "virq"; readonly irq: number; readonly source: string }
  /**
   * An IRQ's ack callback ran (AckVPPI or IRQHandler_Ack): the guest finished it (its EOI), or
   * enabled it at the distributor, and the source may raise it again.
   */
  | { readonly kind: "irq-ack"; readonly irq: number }
  /** A PSCI call the guest made through SMC, by name. */
  | { readonly kind: "psci"; readonly call: string }
  /** The guest waits in a trapped WFI; its vCPU stays blocked until an IRQ is injected. */
  | { readonly kind: "wfi"; readonly vcpu: number }
  /** A line libsel4vm logged (errors, the guest error report). */
  | { readonly kind: "log"; readonly line: string }
  /** The guest powered off (PSCI SYSTEM_OFF) or libsel4vm stopped it. */
  | { readonly kind: "stopped"; readonly outcome: "powered-off" | "guest-error" };

/** A one-line description of an event, as a log panel shows it. */
export function describeEvent(event: VmmEvent): string {
  const hex = (n: number) => `0x${n.toString(16)}`;
  switch (event.kind) {
    case "fault":
      return `fault ${event.write ? "write" : "read"} ${hex(event.address)} (${event.device}) handled`;
    case "virq":
      return `virq ${event.irq} injected (${event.source})`;
    case "irq-ack":
      return `IRQ ${event.irq} acknowledged (ack callback)`;
    case "psci":
      return `PSCI ${event.call}`;
    case "wfi":
      return `vcpu ${event.vcpu} waits in WFI`;
    case "log":
      return event.line;
    case "stopped":
      return event.outcome === "powered-off" ? "guest powered off" : "guest stopped by libsel4vm";
  }
}
