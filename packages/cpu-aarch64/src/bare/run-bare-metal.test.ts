import { describe, expect, it } from "vitest";
import { CpuError } from "../core/errors.js";
import { runBareMetal } from "./run-bare-metal.js";

const LOAD = 0x4008_0000;
const HVC0 = 0xd4000002;
const UART_X1 = 0xd2a12001; // mov x1, #0x9000000
const STRB_W0_X1 = 0x39000020; // strb w0, [x1]
const SYSTEM_OFF = [0x52800100, 0x72b08000, HVC0]; // mov w0, #8; movk w0, #0x8400, lsl #16; hvc #0

function image(words: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((word, i) => view.setUint32(4 * i, word >>> 0, true));
  return bytes;
}

function run(words: readonly number[], options: { maxInstructions?: number } = {}) {
  return runBareMetal({ image: image(words), loadAddress: LOAD, memSize: 0x100000 * 4, ...options });
}

describe("runBareMetal", () => {
  it("answers PSCI_VERSION with 1.1 and unknown calls with -1, as QEMU does, then powers off", () => {
    const result = run([
      UART_X1,
      0x52b08000, // mov w0, #0x84000000 (PSCI_VERSION)
      HVC0,
      STRB_W0_X1,
      0x52824680, // mov w0, #0x1234
      HVC0,
      STRB_W0_X1,
      ...SYSTEM_OFF,
    ]);
    expect(result).toMatchObject({ exitCode: 0, reason: "PSCI SYSTEM_OFF" });
    expect([...result.uart]).toEqual([0x01, 0xff]);
  });

  it("powers off by SMC too; the UART flag register reads TX empty", () => {
    const result = run([UART_X1, 0xf9400c22 /* ldr x2, [x1, #0x18] */, 0x52800100, 0x72b08000, 0xd4000003]);
    expect(result.exitCode).toBe(0);
  });

  it("reports an exception the guest cannot handle (VBAR_EL1 = 0: the vector is not in RAM)", () => {
    const result = run([0x00000000 /* udf #0 */]);
    expect(result.exitCode).toBe(1);
    expect(result.reason).toContain("instruction fetch from physical address 0x200");
    expect(result.reason).toContain("last exception taken to EL1: sync at vector 0x0000000000000200");
    expect(result.reason).toContain("ESR 0x02000000 EC 0x00 unknown reason (UNDEFINED instruction)");
    expect(result.reason).toContain("udf");
  });

  it("stops a guest that runs past maxInstructions with a report", () => {
    const result = run([0x14000000 /* b . */], { maxInstructions: 5000 });
    expect(result).toMatchObject({ exitCode: 1, instructions: 5000 });
    expect(result.reason).toMatch(/^still running after 5000 instructions\n {2}pc 0x0000000040080000: 14000000 {2}b/);
  });

  it("places the DTB where the image is not and passes its address in x0", () => {
    // Image at the start of RAM, so the DTB goes to the last 2 MiB: x0 = 0x47e00000.
    const result = runBareMetal({
      image: image([
        UART_X1,
        0xaa0003e2, // mov x2, x0
        0xd354fc00, // lsr x0, x0, #20
        STRB_W0_X1,
        0x39400040, // ldrb w0, [x2]
        STRB_W0_X1,
        ...SYSTEM_OFF,
      ]),
      loadAddress: 0x4000_0000,
      dtb: new Uint8Array([0xd0, 0x0d, 0xfe, 0xed]),
    });
    expect(result.exitCode).toBe(0);
    expect([...result.uart]).toEqual([0x7e, 0xd0]);
    expect(() => runBareMetal({ image: new Uint8Array(16), loadAddress: 0x1000 })).toThrow(CpuError);
  });
});
