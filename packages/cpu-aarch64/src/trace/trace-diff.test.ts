import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runBareMetal } from "../bare/run-bare-metal.js";
import { QemuTraceFormatError, QemuTraceParser, parseQemuTrace, type QemuTraceStep } from "./qemu-trace.js";
import { TraceDiff, attachTraceDiff, cpuTraceState } from "./trace-diff.js";

// Golden files (golden/README.md): bare-guest.S built with binutils and run under qemu-system-aarch64
// 7.2 -M virt -cpu cortex-a53 -d exec,cpu[,fpu],nochain -singlestep.
const golden = (name: string): string => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
const image = new Uint8Array(readFileSync(golden("bare-guest.bin")));
const LOAD = 0x4008_0000;

/** Runs the golden guest on the bare machine against `steps`; returns the comparer after the run. */
function compare(steps: readonly QemuTraceStep[]): { diff: TraceDiff; exitCode: number; uart: string } {
  let next = 0;
  const diff = new TraceDiff(() => steps[next++] ?? null);
  const result = runBareMetal({ image, loadAddress: LOAD, observe: (cpu) => attachTraceDiff(cpu, diff), until: () => !diff.active });
  diff.finish();
  return { diff, exitCode: result.exitCode, uart: new TextDecoder().decode(result.uart) };
}

describe("QEMU trace reader", () => {
  it("reads every register dump of QEMU's -d exec,cpu log: PC, X0-X30, SP, PSTATE", () => {
    const steps = parseQemuTrace(readFileSync(golden("bare-guest.qemu.log"), "latin1"));
    expect(steps).toHaveLength(52);
    // QEMU's boot stub at the RAM base: ldr x0 (the DTB), mov x1-x3, ldr x4 (the entry), br x4.
    expect(steps.slice(0, 7).map((s) => s.pc.toString(16))).toEqual(["40000000", "40000004", "40000008", "4000000c", "40000010", "40000014", "40080000"]);
    expect(steps[6]).toMatchObject({ line: 80, sp: 0n, pstate: 0x400003c5 });
    expect(steps[6]!.x[0]).toBe(0x4400_0000n);
    expect(steps[6]!.x[4]).toBe(0x4008_0000n);
    expect(steps[6]!.fpcr).toBeUndefined();
    expect(steps.at(-1)!.x[0]).toBe(0x8400_0008n); // PSCI SYSTEM_OFF in w0 at the final hvc
  });

  it("reads FPCR, FPSR and Q0-Q31 (high:low) with -d fpu", () => {
    const steps = parseQemuTrace(readFileSync(golden("bare-guest.qemu-fpu.log"), "latin1"));
    expect(steps).toHaveLength(52);
    // QEMU prints "FPU disabled" instead of the Q registers while CPACR_EL1.FPEN traps FP: the boot stub and the guest up to its CPACR_EL1 write.
    expect(steps.filter((s) => s.q === undefined)).toHaveLength(13);
    const afterFmul = steps.find((s) => (s.q?.[2] ?? 0n) !== 0n)!;
    expect(afterFmul.q!.slice(0, 3)).toEqual([0x3ff8_0000_0000_0000n, 0x4000_0000_0000_0000n, 0x4008_0000_0000_0000n]); // 1.5, 2.0, 3.0
    expect(afterFmul).toMatchObject({ fpcr: 0, fpsr: 0 });
  });

  it("takes QEMU 9's 16-digit PSTATE; drops a dump cut short at the end; refuses one cut short in the middle", () => {
    const regs = Array.from({ length: 31 }, (_, i) => `X${String(i).padStart(2, "0")}=${i.toString(16).padStart(16, "0")}`).join(" ");
    const dump = (pc: string) => [` PC=${pc} ${regs}  SP=0000000000001000`, "PSTATE=00000000000003c5 ---- EL1h"];
    const parsed = parseQemuTrace([...dump("0000000040000000"), ...dump("0000000040000004"), " PC=0000000040000008 X00=0"].join("\n"));
    expect(parsed.map((s) => [s.pc, s.pstate, s.x[30], s.sp])).toEqual([
      [0x4000_0000n, 0x3c5, 30n, 0x1000n],
      [0x4000_0004n, 0x3c5, 30n, 0x1000n],
    ]);
    const parser = new QemuTraceParser();
    parser.push("Trace 0: 0x7f0 [0000000000004000/0000000040000000/00000121/ff000201] ");
    parser.push(" PC=0000000040000000 X00=0000000000000000");
    expect(() => parser.push(" PC=0000000040000004")).toThrow(QemuTraceFormatError);
    expect(() => parseQemuTrace(" PC=1 X00=0\n PC=2")).toThrow(/^line 1: a CPU state without X01 \(expected qemu-system-aarch64/);
  });
});

describe("TraceDiff against QEMU's trace of the golden guest", () => {
  it("matches every instruction after QEMU's boot stub (-d exec,cpu and -d exec,cpu,fpu)", () => {
    for (const log of ["bare-guest.qemu.log", "bare-guest.qemu-fpu.log"]) {
      const { diff, exitCode, uart } = compare(parseQemuTrace(readFileSync(golden(log), "latin1")));
      expect(exitCode).toBe(0);
      expect(uart).toBe("?3\n");
      expect(diff.status).toBe("trace-ended");
      expect(diff.skipped).toBe(6);
      expect(diff.matched).toBe(46);
      // The boot stub's x0 (QEMU's DTB) and x4 (the entry), and QEMU's reset Z flag, are taken at the sync point.
      expect(diff.adoptedAtSync.map((a) => a.name)).toEqual(["X00", "X04", "NZCV"]);
      // The SVC: QEMU clears NZCV on exception entry, the core keeps it; QEMU's is taken at the vector.
      expect(diff.nzcvAdoptedAtVectors).toBe(1);
      expect(diff.report()).toMatch(/^trace-diff: all 46 instructions of QEMU's trace matched/);
    }
  });

  it("reports the first step whose registers differ, with the instruction before it and both register files", () => {
    const steps = parseQemuTrace(readFileSync(golden("bare-guest.qemu.log"), "latin1"));
    // Step 17 is the guest's 11th instruction (after the boot stub): the second pass of `add x4, x4, x3`.
    const index = steps.findIndex((s, i) => i > 6 && s.x[4] === 9n);
    const tampered = steps.map((s, i) => (i === index ? { ...s, x: s.x.map((v, r) => (r === 4 ? 10n : v)) } : s));
    const { diff } = compare(tampered);

    expect(diff.status).toBe("diverged");
    expect(diff.divergence).toMatchObject({ matched: index - 6, differing: ["X04"] });
    const report = diff.report();
    expect(report).toContain(`first divergence after ${index - 6} matching instructions (QEMU trace line ${steps[index]!.line};`);
    expect(report).toMatch(/last instruction run by both: 0x0000000040080028 {2}8b030084 {2}add\s+x4, x4, x3/);
    expect(report).toContain("* X04      0x0000000000000009                 0x000000000000000a");
    expect(report).toContain("  X03      0x0000000000000004                 0x0000000000000004");
  });

  it("says so when QEMU's trace never reaches the core's first PC", () => {
    const steps = parseQemuTrace(readFileSync(golden("bare-guest.qemu.log"), "latin1")).slice(0, 6);
    const { diff } = compare(steps);
    expect(diff.status).toBe("no-sync");
    expect(diff.report()).toBe("trace-diff: QEMU's trace never reaches the core's first PC (6 steps read)");
  });

  it("takes QEMU's value after an ID register read that alone differs (QEMU's model has AArch32 and a PMU), unless told not to", () => {
    // mrs x1, id_aa64pfr0_el1; add x2, x1, #1; mov w0, #8; movk w0, #0x8400, lsl #16; hvc #0
    const words = [0xd5380401, 0x91000422, 0x52800100, 0x72b08000, 0xd4000002];
    const program = new Uint8Array(new Uint32Array(words).buffer);
    // The "QEMU" trace: this core's own states, with QEMU's ID_AA64PFR0 (0x22) from the read on.
    const steps: QemuTraceStep[] = [];
    runBareMetal({
      image: program,
      loadAddress: LOAD,
      observe: (cpu) => {
        cpu.traceHook = () => steps.push({ ...cpuTraceState(cpu, false), line: steps.length + 1 });
      },
    });
    expect(steps).toHaveLength(5);
    const qemu = steps.map((s, i) => (i === 0 ? s : { ...s, x: s.x.map((v, r) => (r === 1 ? 0x22n : r === 2 && i >= 2 ? 0x23n : v)) }));
    for (const adopt of [true, false]) {
      let next = 0;
      const diff = new TraceDiff(() => qemu[next++] ?? null, { adoptIdRegisterReads: adopt });
      runBareMetal({ image: program, loadAddress: LOAD, observe: (cpu) => attachTraceDiff(cpu, diff) });
      diff.finish();
      if (adopt) {
        expect(diff.status).toBe("trace-ended");
        expect(diff.adoptedIdReads).toEqual([{ pc: BigInt(LOAD), instruction: "mrs\tx1, id_aa64pfr0_el1", ours: 0x11n, qemu: 0x22n }]);
        expect(diff.report()).toContain("QEMU's value taken for 1 ID register reads (mrs x1, id_aa64pfr0_el1 0x11 -> 0x22)");
      } else {
        expect(diff.status).toBe("diverged");
        expect(diff.divergence!.differing).toEqual(["X01"]);
      }
    }
  });

  it("with adoptSystemRegisterReads takes QEMU's value after any MRS whose result alone differs (here TCR_EL1)", () => {
    // mrs x1, tcr_el1; mov w0, #8; movk w0, #0x8400, lsl #16; hvc #0
    const program = new Uint8Array(new Uint32Array([0xd5382041, 0x52800100, 0x72b08000, 0xd4000002]).buffer);
    const steps: QemuTraceStep[] = [];
    runBareMetal({ image: program, loadAddress: LOAD, observe: (cpu) => (cpu.traceHook = () => steps.push({ ...cpuTraceState(cpu, false), line: steps.length + 1 })) });
    const qemu = steps.map((s, i) => (i === 0 ? s : { ...s, x: s.x.map((v, r) => (r === 1 ? v | (1n << 52n) : v)) }));
    const outcome = (options: { adoptSystemRegisterReads?: boolean }) => {
      let next = 0;
      const diff = new TraceDiff(() => qemu[next++] ?? null, options);
      runBareMetal({ image: program, loadAddress: LOAD, observe: (cpu) => attachTraceDiff(cpu, diff) });
      diff.finish();
      return diff;
    };
    expect(outcome({}).status).toBe("diverged"); // not an ID register: reported by default
    const lenient = outcome({ adoptSystemRegisterReads: true });
    expect(lenient.status).toBe("trace-ended");
    expect(lenient.adoptedIdReads.map((r) => r.instruction)).toEqual(["mrs\tx1, tcr_el1"]);
    expect(lenient.report()).toContain("QEMU's value taken for 1 system register reads (mrs x1, tcr_el1 0x0 -> 0x10000000000000)");
  });
});
