import { describe, expect, it } from "vitest";
import { FAULT_BADGE, MicrokitSlots, PPC_BADGE, decodeBadge } from "./layout.js";

describe("Microkit's cap layout and badges", () => {
  it("keeps the slots libmicrokit uses (microkit.h)", () => {
    expect(MicrokitSlots).toMatchObject({
      INPUT_CAP: 1, FAULT_EP_CAP: 2, VSPACE_CAP: 3, REPLY_CAP: 4, MONITOR_EP: 5, ARM_SMC_CAP: 7,
      BASE_OUTPUT_NOTIFICATION_CAP: 10, BASE_ENDPOINT_CAP: 74, BASE_IRQ_CAP: 138, BASE_TCB_CAP: 202,
      BASE_VM_TCB_CAP: 266, BASE_VCPU_CAP: 330, BASE_IOPORT_CAP: 394, BASE_USER_CAPS: 458,
    });
  });

  it("decodes badges as libmicrokit's handler loop does", () => {
    expect(decodeBadge(0b1011n)).toEqual({ kind: "notified", channels: [0, 1, 3] });
    expect(decodeBadge(1n << 61n)).toEqual({ kind: "notified", channels: [61] });
    expect(decodeBadge(PPC_BADGE | 5n)).toEqual({ kind: "protected", channel: 5 });
    expect(decodeBadge(FAULT_BADGE | 7n)).toEqual({ kind: "fault", child: 7 });
    // The fault bit wins; the PPC badge keeps only the low 6 bits (CHANNEL_MASK), a fault the low 8 (PD_MASK).
    expect(decodeBadge(PPC_BADGE | FAULT_BADGE | 3n)).toEqual({ kind: "fault", child: 3 });
    expect(decodeBadge(PPC_BADGE | 0x7fn)).toEqual({ kind: "protected", channel: 0x3f });
    expect(decodeBadge(FAULT_BADGE | 0x1ffn)).toEqual({ kind: "fault", child: 0xff });
    expect(decodeBadge(0n)).toEqual({ kind: "notified", channels: [] });
  });
});
