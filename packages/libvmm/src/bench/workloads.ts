// Bench workloads: a VMM PD (libvmm) and a guest whose machine code is written into its RAM.
// The guest code was assembled with aarch64-linux-gnu-as; the source is in the comments.
import { buildSystem, MicrokitSlots, parseSdf, type MicrokitProgram } from "@sel4ts/microkit";
import { emptyUserContext } from "@sel4ts/sel4-kernel-sim";
import { fault_emulate_write, fault_is_read } from "../fault-helpers";
import { libvmm, type Libvmm } from "../libvmm";

const RAM = 0x4000_0000;
const DEVICE = 0x2000_0000;
const SYSTEM = `<system><memory_region name="ram" size="0x200000"/><memory_region name="gic_vcpu" size="0x1000" phys_addr="0x8040000"/>
  <protection_domain name="VMM" priority="254"><program_image path="vmm.elf"/><map mr="ram" vaddr="0x40000000"/>
  <virtual_machine name="guest"><vcpu id="0"/><map mr="ram" vaddr="0x40000000" perms="rwx"/>
  <map mr="gic_vcpu" vaddr="0x8010000" cached="false"/></virtual_machine></protection_domain></system>`;

// 1: movz x1, #0x2000, lsl #16 / ldr w0, [x1] / subs x2, x2, #1 / b.ne 1b / movz x0, #0x8400, lsl #16 / movk x0, #8 / hvc #0 / b .
const MMIO_LOOP = [0xd2a40001, 0xb9400020, 0xf1000442, 0x54ffffc1, 0xd2b08000, 0xf2800100, 0xd4000002, 0x14000000];
// GICD_CTLR = 1, ISENABLER1 = 1 << 16 (IRQ 48), GICC_PMR = 0xff, GICC_CTLR = 1, VBAR_EL1 = 0x40000800, daifclr #2,
// x3 = 0, doorbell store, then `2: add x3, x3, #1 / b 2b`.
const VIRQ_MAIN = [
  0xd2a10014, 0xd2a10035, 0xd2a40001, 0x52800025, 0xb9000285, 0x52a00025, 0xb9010685, 0x52801fe5, 0xb90006a5, 0x52800025, 0xb90002a5,
  0xd2a80005, 0x912000a5, 0xd518c005, 0xd50342ff, 0xd2800003, 0xb9000425, 0x91000463, 0x17ffffff,
];
// At VBAR + 0x280: ldr w6, [x21, #0xc] (IAR) / str w6, [x21, #0x10] (EOIR) / mov x0, x3 / movz x0, #0x8400, lsl #16 /
// movk x0, #8 / mov x4, x3 / hvc #0 (SYSTEM_OFF)
const VIRQ_HANDLER = [0xb9400ea6, 0xb90012a6, 0xaa0303e0, 0xd2b08000, 0xf2800100, 0xaa0303e4, 0xd4000002];

const words = (list: number[]): Uint8Array => new Uint8Array(Uint32Array.from(list).buffer);

export interface BenchResult {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Process CPU time (user + system) of the run, in s: steadier than wall time on a loaded machine. */
  readonly cpuSeconds: number;
  readonly perCpuSecond: number;
  readonly note: string;
}

/** CPU seconds (user + system) since `start`. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function runGuest(setup: (vmm: Libvmm, mk: Parameters<MicrokitProgram>[0]) => void): Promise<void> {
  const program: MicrokitProgram = (mk) => {
    const vmm = libvmm(mk, { guest_ram_vaddr: RAM, guest_ram_size: 0x20_0000 });
    return {
      init: () => setup(vmm, mk),
      notified() {},
      fault(child, msginfo, reply) {
        if (!vmm.fault_handle(child, msginfo)) return false;
        reply.value = mk.microkit_msginfo_new(0, 0);
        return true;
      },
    };
  };
  const system = buildSystem(parseSdf("bench.system", SYSTEM), { "vmm.elf": program }, { kernel: { consoleOutput: () => {} } });
  await system.run();
}

function boot(vmm: Libvmm, mk: Parameters<MicrokitProgram>[0], x2 = 0n): void {
  const regs = emptyUserContext();
  regs.pc = BigInt(RAM);
  regs.spsr = 0x3c5n;
  regs.x2 = x2;
  mk.sel4.seL4_TCB_WriteRegisters(MicrokitSlots.BASE_VM_TCB_CAP, false, 0, 36, regs);
  vmm.vcpu_set_on(0, true);
  mk.microkit_vcpu_restart(0, RAM);
}

/** Guest load from an emulated register → VMFault → handler → resume, `ops` times. */
export async function mmioRoundTrips(ops: number): Promise<BenchResult> {
  let handled = 0;
  // Timed from the VMM's init (the system is built and booted by then): the row is the round trips.
  let cpuStart = process.cpuUsage();
  let start = performance.now();
  await runGuest((vmm, mk) => {
    cpuStart = process.cpuUsage();
    start = performance.now();
    vmm.ram.write(RAM, words(MMIO_LOOP));
    vmm.fault_register_vm_exception_handler(DEVICE, 0x1000, (_v, offset, fsr, regs) => {
      if (fault_is_read(fsr)) fault_emulate_write(regs, offset, fsr, 0x1234n);
      handled++;
      return true;
    }, null);
    boot(vmm, mk, BigInt(ops));
  });
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = cpuSince(cpuStart);
  if (handled !== ops) throw new Error(`mmio bench: ${handled} of ${ops} accesses handled`);
  return { name: "guest MMIO load → fault → handler → resume", operations: ops, seconds, perSecond: ops / seconds, cpuSeconds, perCpuSecond: ops / cpuSeconds, note: "" };
}

/** virq_inject in a fault handler → guest IRQ handler: guest instructions retired in between. */
export async function virqLatency(): Promise<BenchResult> {
  let counted = -1n;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await runGuest((vmm, mk) => {
    vmm.ram.write(RAM, words(VIRQ_MAIN));
    vmm.ram.write(RAM + 0xa80, words(VIRQ_HANDLER));
    vmm.virq_controller_init(0);
    vmm.virq_register(0, 48, () => {}, null);
    vmm.fault_register_vm_exception_handler(DEVICE, 0x1000, (vcpu) => vmm.virq_inject(vcpu, 48), null);
    // Read x4 (the loop count the handler saw) when the guest powers off.
    const original = vmm.fault_handle.bind(vmm);
    vmm.fault_handle = (child, msginfo) => {
      const regs = emptyUserContext();
      mk.sel4.seL4_TCB_ReadRegisters(MicrokitSlots.BASE_VM_TCB_CAP + child, false, 0, 36, regs);
      if (regs.x0 === 0x8400_0008n) counted = regs.x4;
      return original(child, msginfo);
    };
    boot(vmm, mk);
  });
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = cpuSince(cpuStart);
  if (counted < 0n) throw new Error("virq bench: the guest handler never ran");
  // Each loop iteration is two instructions (add, b).
  const instructions = Number(counted) * 2;
  return { name: "virq_inject → guest IRQ handler", operations: 1, seconds, perSecond: 1 / seconds, cpuSeconds, perCpuSecond: 1 / cpuSeconds, note: `${instructions} guest instructions` };
}
