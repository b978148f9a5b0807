import type { LookupFault } from "../cspace/lookup-fault";

/** A fault as the kernel records it on the faulting thread. */
export type Fault =
  | { readonly kind: "cap"; readonly address: bigint; readonly inReceivePhase: boolean; readonly lookup: LookupFault }
  | { readonly kind: "unknownSyscall"; readonly syscall: bigint }
  | { readonly kind: "userException"; readonly number: bigint; readonly code: bigint }
  | { readonly kind: "vm"; readonly address: bigint; readonly prefetch: boolean; readonly fsr: bigint }
  | { readonly kind: "vgicMaintenance"; readonly index: bigint }
  | { readonly kind: "vcpu"; readonly hsr: bigint }
  | { readonly kind: "vppi"; readonly irq: bigint }
  | { readonly kind: "timeout"; readonly badge: bigint };
