import { describe, expect, it } from "vitest";
import { seL4_RootCNodeCapSlots as S } from "../constants/boot";
import { seL4_Error as E } from "../constants/errors";
import { runMcsRoot } from "../test-support/mcs-kit";
import { sel4ts_make_bootinfo_vka, vka_alloc_endpoint, vka_alloc_frame, vka_alloc_notification, vka_alloc_vcpu, type vka_object_t } from "./vka";

describe("vka on an MCS kernel", () => {
  it("allocates the objects it names with the MCS type numbers (a frame is a 4 KiB frame, not a huge page)", async () => {
    await runMcsRoot((sel4, kit) => {
      const vka = sel4ts_make_bootinfo_vka(sel4, sel4.seL4_GetBootInfo());
      const frame = { value: null as unknown as vka_object_t };
      expect(vka_alloc_frame(vka, 12, frame)).toBe(0);
      expect(sel4.seL4_ARM_Page_Map(frame.value.cptr, S.seL4_CapInitThreadVSpace, 0x460000, 3, 3)).toBe(E.seL4_NoError);
      const cap = kit.capAt(frame.value.cptr);
      expect(cap?.kind === "frame" && cap.obj.size).toBe(0x1000);
      const ntfn = { value: null as unknown as vka_object_t };
      expect(vka_alloc_notification(vka, ntfn)).toBe(0);
      expect(kit.capAt(ntfn.value.cptr)?.kind).toBe("notification");
      const ep = { value: null as unknown as vka_object_t };
      expect(vka_alloc_endpoint(vka, ep)).toBe(0);
      const vcpu = { value: null as unknown as vka_object_t };
      expect(vka_alloc_vcpu(vka, vcpu)).toBe(0);
      expect(kit.capAt(vcpu.value.cptr)?.kind).toBe("vcpu");
    });
  });
});
