import { seL4_FaultType_MCS as F, seL4_VCPUReg, seL4_VMFault_Addr, seL4_VMFault_IP, emptyUserContext } from "@sel4ts/sel4-kernel-sim";
import { describe, expect, it } from "vitest";
import { MicrokitSlots as S, PROGRAM_ENTRY } from "./layout.js";
import { microkit_msginfo_get_count, microkit_msginfo_get_label, microkit_msginfo_new } from "./libmicrokit.js";
import type { MicrokitEntryPoints, MicrokitProgram } from "./program.js";
import { pd, testSystem } from "./test-system.js";

const idle: MicrokitEntryPoints = { init() {}, notified() {} };
const twoPds = `${pd("a", 'priority="100"')}${pd("b", 'priority="200"')}<channel><end pd="a" id="3" pp="true"/><end pd="b" id="5"/></channel>`;

describe("libmicrokit messages", () => {
  it("microkit_msginfo_new/get_label/get_count = seL4_MessageInfo_new(label, 0, 0, count)", () => {
    const info = microkit_msginfo_new(0x1234, 7);
    expect(info).toEqual({ label: 0x1234, capsUnwrapped: 0, extraCaps: 0, length: 7 });
    expect([microkit_msginfo_get_label(info), microkit_msginfo_get_count(info)]).toEqual([0x1234, 7]);
  });
});

describe("libmicrokit on a built system", () => {
  it("microkit_notify reaches notified(ch) with the other end's id; a bad channel prints libmicrokit's message", async () => {
    const t = testSystem(twoPds, {
      a: (mk) => ({
        async init() {
          await mk.microkit_notify(3);
          await mk.microkit_notify(4); // not a channel of a
          await mk.microkit_notify(62); // beyond MICROKIT_MAX_CHANNEL_ID
        },
        notified: (ch) => mk.microkit_dbg_puts(`a notified ${ch}\n`),
      }),
      b: (mk) => ({ init() {}, notified: async (ch) => { mk.microkit_dbg_puts(`b notified ${ch}\n`); await mk.microkit_notify(5); } }),
    });
    await t.system.run();
    expect(t.output()).toBe(
      "b notified 5\na microkit_notify: invalid channel given '4'\na microkit_notify: invalid channel given '62'\na notified 3\n",
    );
  });

  it("microkit_ppcall -> protected(ch, msginfo) with message registers both ways", async () => {
    const t = testSystem(twoPds, {
      a: (mk) => ({
        async init() {
          mk.microkit_mr_set(0, 40n);
          mk.microkit_mr_set(1, 0xffff_ffff_ffff_ffffn);
          const reply = await mk.microkit_ppcall(3, mk.microkit_msginfo_new(9, 2));
          mk.microkit_dbg_puts(`reply ${mk.microkit_msginfo_get_label(reply)} ${mk.microkit_msginfo_get_count(reply)} ${mk.microkit_mr_get(0)}\n`);
          const bad = await mk.microkit_ppcall(2, mk.microkit_msginfo_new(1, 0));
          mk.microkit_dbg_puts(`bad ${bad.label}\n`);
        },
        notified() {},
      }),
      b: (mk) => ({
        init() {},
        notified() {},
        protected(ch, msginfo) {
          mk.microkit_dbg_puts(`protected ${ch} ${mk.microkit_msginfo_get_label(msginfo)} ${mk.microkit_msginfo_get_count(msginfo)} ${mk.microkit_mr_get(0)} ${mk.microkit_mr_get(1)}\n`);
          mk.microkit_mr_set(0, mk.microkit_mr_get(0) + 2n);
          return mk.microkit_msginfo_new(77, 1);
        },
      }),
    });
    await t.system.run();
    expect(t.output()).toBe("protected 5 9 2 40 18446744073709551615\nreply 77 1 42\na microkit_ppcall: invalid channel given '2'\nbad 0\n");
  });

  it("a PPC to a PD without protected: libmicrokit's message, then the monitor reports its fault", async () => {
    const t = testSystem(twoPds, {
      a: (mk) => ({ init: async () => void (await mk.microkit_ppcall(3, mk.microkit_msginfo_new(0, 0))), notified() {} }),
      b: () => idle,
    });
    await t.system.run();
    expect(t.output()).toMatch(/^b is missing the 'protected' entry point\nMON\|ERROR: received message 0x00000001  badge: 0x0000000000000002  tcb cap: 0x000000000000000b\nMON\|ERROR: faulting PD: b\nRegisters: \npc : /);
    expect(t.output()).toContain("MON|ERROR: CapFault: ip=");
    expect(t.output()).toContain("lookup_failure_type=seL4_GuardMismatch");
  });

  it("microkit_deferred_notify is sent with the next wait (seL4_NBSendRecv), one at a time", async () => {
    const t = testSystem(twoPds, {
      a: (mk) => ({
        init() {
          mk.microkit_deferred_notify(3);
          mk.microkit_dbg_puts(`deferred ${mk.microkit_have_signal} ${mk.microkit_signal_cap}\n`);
          mk.microkit_deferred_notify(40);
        },
        notified() {},
      }),
      b: (mk) => ({ init() {}, notified: (ch) => mk.microkit_dbg_puts(`b notified ${ch}\n`) }),
    });
    await t.system.run();
    expect(t.output()).toBe(`deferred true ${S.BASE_OUTPUT_NOTIFICATION_CAP + 3}\na microkit_deferred_notify: invalid channel given '40'\nb notified 5\n`);
  });

  it("IRQs arrive as notifications; microkit_irq_ack and microkit_deferred_irq_ack re-arm them", async () => {
    const seen: string[] = [];
    let acks = 0;
    const t = testSystem(pd("drv", 'priority="10"', '<irq irq="40" id="2" trigger="edge"/><irq irq="41" id="7"/>'), {
      drv: (mk) => ({
        init() {
          seen.push(`irqs ${mk.microkit_irqs}`);
        },
        notified(ch) {
          seen.push(`irq on channel ${ch}`);
          if (acks++ % 2 === 0) mk.microkit_irq_ack(ch);
          else mk.microkit_deferred_irq_ack(ch);
          mk.microkit_irq_ack(3); // not an IRQ channel
        },
      }),
    });
    await t.system.run();
    for (const irq of [40, 41, 40, 40]) {
      t.system.kernel.raiseIrq(irq);
      await t.system.run();
    }
    expect(seen).toEqual(["irqs 132", "irq on channel 2", "irq on channel 7", "irq on channel 2", "irq on channel 2"]);
    expect(t.output()).toContain("drv microkit_irq_ack: invalid channel given '3'\n");
  });

  it("fault(child, msginfo, reply): true replies (the child retries), microkit_pd_restart restarts, microkit_pd_stop stops", async () => {
    const events: string[] = [];
    let starts = 0;
    const t = testSystem(pd("parent", 'priority="100"', pd("child", 'id="4" priority="50"')), {
      parent: (mk) => {
        let faults = 0;
        return {
          init() {},
          notified() {},
          fault(child, msginfo, reply) {
            faults++;
            events.push(`fault ${faults} from child ${child}, label ${F[msginfo.label]}`);
            if (faults === 1) {
              reply.value = mk.microkit_msginfo_new(0, 0);
              return true; // the child re-executes its faulting call: faults again
            }
            if (faults === 2) mk.microkit_pd_restart(child, PROGRAM_ENTRY);
            else if (faults === 3) {
              mk.microkit_pd_stop(child);
              mk.microkit_pd_resume(child); // resumed, it retries and faults again
            } else mk.microkit_pd_stop(child);
            return false;
          },
        };
      },
      child: (mk) => ({
        init() {
          starts++;
          mk.microkit_internal_crash(7);
        },
        notified() {},
      }),
    });
    await t.system.run();
    expect(starts).toBe(2);
    expect(events).toEqual([
      "fault 1 from child 4, label seL4_Fault_CapFault",
      "fault 2 from child 4, label seL4_Fault_CapFault",
      "fault 3 from child 4, label seL4_Fault_CapFault",
      "fault 4 from child 4, label seL4_Fault_CapFault",
    ]);
  });

  it("an entry point that throws crashes its PD: the monitor sees the fault", async () => {
    const t = testSystem(pd("oops"), {
      oops: () => ({
        init() {
          throw new Error("bad state");
        },
        notified() {},
      }),
    });
    await t.system.run();
    expect(t.output()).toMatch(/^oops: entry point threw: bad state\nMON\|ERROR: received message 0x00000001  badge: 0x0000000000000001/);
  });

  it("a passive server runs on its caller's scheduling context after telling the monitor", async () => {
    const t = testSystem(
      `${pd("server", 'priority="200" passive="true"')}${pd("client", 'priority="100"')}<channel><end pd="client" id="0" pp="true"/><end pd="server" id="0"/></channel>`,
      {
        server: (mk) => ({
          init: () => mk.microkit_dbg_puts(`server passive=${mk.microkit_passive}\n`),
          notified: (ch) => mk.microkit_dbg_puts(`server notified ${ch}\n`),
          protected: () => {
            mk.microkit_dbg_puts("server protected\n");
            return mk.microkit_msginfo_new(5, 0);
          },
        }),
        client: (mk) => ({
          async init() {
            const reply = await mk.microkit_ppcall(0, mk.microkit_msginfo_new(0, 0));
            mk.microkit_dbg_puts(`client reply ${reply.label}\n`);
            await mk.microkit_notify(0);
          },
          notified() {},
        }),
      },
    );
    await t.system.run();
    expect(t.output()).toBe("server passive=true\nMON|INFO: PD 'server' is now passive!\nserver protected\nclient reply 5\nserver notified 0\n");
  });

  it("microkit_name, setvars, dbg_put8/put32, cspace_root_slot_to_cptr, arm_smc_call", async () => {
    const t = testSystem(
      `<memory_region name="m" size="0x2000" phys_addr="0x4800_0000"/>${pd("p", "", '<map mr="m" vaddr="0x10000" setvar_vaddr="m_vaddr" setvar_size="m_size"/><setvar symbol="m_paddr" region_paddr="m"/>')}`,
      {
        p: (mk) => ({
          init() {
            mk.microkit_dbg_puts(`${mk.microkit_name} ${mk.setvars.m_vaddr} ${mk.setvars.m_size} 0x${mk.setvars.m_paddr!.toString(16)}\n`);
            mk.microkit_dbg_put8(300);
            mk.microkit_dbg_putc(32);
            mk.microkit_dbg_put32(-1);
            mk.microkit_dbg_putc("\n");
            mk.microkit_dbg_puts(`${mk.microkit_cspace_root_slot_to_cptr(3)} ${mk.microkit_cspace_root_slot_to_cptr(0)} ${mk.microkit_cspace_root_slot_to_cptr(64)}\n`);
            const regs = { x0: 0n, x1: 0n, x2: 0n, x3: 0n, x4: 0n, x5: 0n, x6: 0n, x7: 0n };
            mk.microkit_arm_smc_call(regs, { ...regs });
          },
          notified() {},
        }),
      },
    );
    await t.system.run();
    expect(t.output()).toMatch(
      /^p 65536 8192 0x48000000\n44 4294967295\n864691128455135232 0 0\nmicrokit_arm_smc_call: error making SMC call\nMON\|ERROR: received message 0x00000001/,
    );
  });
});

describe("the PD's own caps", () => {
  it("slot 3 is the PD's VSpace, slot 4 its reply object, slot 1 its input cap", async () => {
    const results: number[] = [];
    const t = testSystem(pd("p"), {
      p: (mk) => ({
        init() {
          results.push(mk.sel4.seL4_ARM_VSpace_Clean_Data(S.VSPACE_CAP, 0x1000, 0x2000));
          results.push(mk.sel4.seL4_ARM_VSpace_Clean_Data(S.REPLY_CAP, 0x1000, 0x2000));
        },
        notified() {},
      }),
    });
    await t.system.run();
    // NoError on the VSpace; IllegalOperation for a VSpace invocation on the reply object.
    expect(results).toEqual([0, 3]);
  });
});

describe("virtual machines", () => {
  // ldr x0, [x1] with x1 = 0: a data abort on an address the VM has not mapped.
  const LDR_X0_X1 = [0x20, 0x00, 0x40, 0xf9];
  const vmSystem = `<memory_region name="ram" size="0x200000"/>${pd(
    "vmm",
    'priority="200"',
    '<map mr="ram" vaddr="0x2000000" setvar_vaddr="ram_vaddr"/><virtual_machine name="guest" priority="100"><vcpu id="0"/><map mr="ram" vaddr="0x40000000" perms="rwx"/></virtual_machine>',
  )}`;

  it("microkit_vcpu_arm_write_reg/read_reg, inject_irq, ack_vppi; a guest fault reaches fault(vcpu) with label VMFault; vcpu_stop", async () => {
    const events: string[] = [];
    const program: MicrokitProgram = (mk) => ({
      init() {
        mk.microkit_vcpu_arm_write_reg(0, seL4_VCPUReg.seL4_VCPUReg_TPIDR_EL1, 0x1234n);
        events.push(`TPIDR_EL1 ${mk.microkit_vcpu_arm_read_reg(0, seL4_VCPUReg.seL4_VCPUReg_TPIDR_EL1)}`);
        mk.microkit_vcpu_arm_inject_irq(0, 33, 0, 0, 0);
        mk.microkit_vcpu_arm_ack_vppi(0, 27);
        mk.sel4.frameView(Number(mk.setvars.ram_vaddr), 4).set(LDR_X0_X1);
        // As libvmm's guest_start: all registers (EL1h, DAIF masked), then microkit_vcpu_restart.
        const regs = emptyUserContext();
        regs.spsr = 0x3c5n;
        mk.sel4.seL4_TCB_WriteRegisters(S.BASE_VM_TCB_CAP + 0, false, 0, 36, regs);
        mk.microkit_vcpu_restart(0, 0x4000_0000);
      },
      notified() {},
      fault(vcpu, msginfo) {
        events.push(`fault from vcpu ${vcpu}: ${F[msginfo.label]} ip 0x${mk.microkit_mr_get(seL4_VMFault_IP).toString(16)} addr ${mk.microkit_mr_get(seL4_VMFault_Addr)}`);
        mk.microkit_vcpu_stop(vcpu);
        return false;
      },
    });
    const t = testSystem(vmSystem, { vmm: program });
    await t.system.run();
    expect(events).toEqual(["TPIDR_EL1 4660", "fault from vcpu 0: seL4_Fault_VMFault ip 0x40000000 addr 0"]);
    expect(t.system.built!.vcpus).toHaveLength(1);
  });

  it("a failing vCPU call prints libmicrokit's message and crashes the VMM", async () => {
    const t = testSystem(vmSystem, {
      vmm: (mk) => ({ init: () => mk.microkit_vcpu_arm_inject_irq(0, 33, 0, 0, 9), notified() {} }),
    });
    await t.system.run();
    expect(t.output()).toMatch(/^microkit_vcpu_arm_inject_irq: error injecting IRQ\nMON\|ERROR: received message 0x00000001/);
  });
});
