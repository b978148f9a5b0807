import { describe, expect, it, vi } from "vitest";
import { DATA, DATA_SIZE, machine, run, runToExit } from "./cpu.test-helper.js";
import { MemoryPort } from "./memory-port.js";

const D = BigInt(DATA);

describe("single-register loads and stores", () => {
  it("LDR in every addressing mode, with base write-back where the mode has it", () => {
    const { cpu, memory } = machine(
      [
        0xf9400020, // ldr x0, [x1]
        0xf8408c22, // ldr x2, [x1, #8]!
        0xf85f8423, // ldr x3, [x1], #-8
        0xb8a27824, // ldrsw x4, [x1, x2, lsl #2]  (x2 is loaded above: 1)
      ],
      { 1: D },
    );
    const words = new BigUint64Array([0x1111111111111111n, 1n, 0xfedcba9880000000n]);
    memory.write(DATA, new Uint8Array(words.buffer));
    expect(cpu.run(100).kind).toBe("svc");
    expect(cpu.getX(0)).toBe(0x1111111111111111n);
    expect(cpu.getX(2)).toBe(1n);
    expect(cpu.getX(3)).toBe(1n);
    expect(cpu.getX(1)).toBe(D);
    // [x1 + 1*4] = high word of the first doubleword, sign-extended
    expect(cpu.getX(4)).toBe(0x11111111n);
  });

  it("sign- and zero-extends B/H/W loads to W and X", () => {
    const { cpu, memory } = machine(
      [
        0x39800420, // ldrsb x0, [x1, #1]
        0x79c00022, // ldrsh w2, [x1]
        0xb862c823, // ldr w3, [x1, w2, sxtw]  (w2 = -16: a negative index)
      ],
      { 1: D + 0x100n },
    );
    memory.write(DATA + 0x100 - 16, new Uint8Array([0x78, 0x56, 0x34, 0x12]));
    memory.write(DATA + 0x100, new Uint8Array([0xf0, 0xff]));
    expect(cpu.run(100).kind).toBe("svc");
    expect(cpu.getX(0)).toBe(0xffffffffffffffffn);
    expect(cpu.getX(2)).toBe(0xfffffff0n);
    expect(cpu.getX(3)).toBe(0x12345678n);
  });

  it("stores B/H/W/X little-endian, unscaled and unaligned", () => {
    const { cpu, memory } = machine(
      [
        0xf81fd020, // stur x0, [x1, #-3]
        0x39000023, // strb w3, [x1]
        0xb81ff023, // stur w3, [x1, #-1]
      ],
      { 0: 0x0102030405060708n, 1: D + 0x11n, 3: 0xaabbccddn },
    );
    expect(cpu.run(100).kind).toBe("svc");
    expect([...memory.read(DATA + 0xe, 8)]).toEqual([0x08, 0x07, 0xdd, 0xcc, 0xbb, 0xaa, 0x02, 0x01]);
  });

  it("LDTR/STTR behave like plain accesses at EL0; PRFM does nothing", () => {
    const cpu = run([0xf8400820, 0xf9800020], { 1: D }); // ldtr x0, [x1] ; prfm pldl1keep, [x1]
    expect(cpu.getX(0)).toBe(0n);
  });

  it("accesses that straddle a page boundary are assembled byte by byte", () => {
    const { cpu, memory } = machine([0xf9400020], { 1: D + 0xffcn }); // ldr x0, [x1]
    memory.write(DATA + 0xffc, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(cpu.run(100).kind).toBe("svc");
    expect(cpu.getX(0)).toBe(0x0807060504030201n);
  });

  it("LDR literal and LDRSW literal read PC-relative", () => {
    // ldr x0, .+8 ; ldrsw x2, .+8 ; svc ; (data at .+8 from the second load)
    const { cpu, memory } = machine([0x58000040, 0x98000042]);
    memory.write(0x10008, new Uint8Array([0xd4, 0x00, 0x00, 0x01].reverse()));
    memory.write(0x1000c, new Uint8Array([0x00, 0x00, 0x00, 0x80]));
    expect(cpu.run(2).kind).toBe("budget");
    expect(cpu.getX(0)).toBe(0x80000000d4000001n);
    expect(cpu.getX(2)).toBe(0xffffffff80000000n);
  });
});

describe("pairs", () => {
  it("STP pre-index and LDP post-index round-trip and write back the base", () => {
    const cpu = run(
      [
        0xa9bf1023, // stp x3, x4, [x1, #-16]!
        0xa8c11025, // ldp x5, x4, [x1], #16
      ],
      { 1: D + 0x100n, 3: 0x33n, 4: 0x44n },
    );
    expect(cpu.getX(5)).toBe(0x33n);
    expect(cpu.getX(4)).toBe(0x44n);
    expect(cpu.getX(1)).toBe(D + 0x100n);
  });

  it("LDPSW sign-extends both words", () => {
    const { cpu, memory } = machine([0x69401023], { 1: D }); // ldpsw x3, x4, [x1]
    memory.write(DATA, new Uint8Array([0xff, 0xff, 0xff, 0xff, 5, 0, 0, 0]));
    cpu.run(1);
    expect(cpu.getX(3)).toBe((1n << 64n) - 1n);
    expect(cpu.getX(4)).toBe(5n);
  });
});

describe("faults", () => {
  it("a load from a hole is a data abort that changes no register and retires nothing", () => {
    const { cpu, exit } = runToExit([0xf8408c20], { 1: 0x900000n }); // ldr x0, [x1, #8]!
    expect(exit).toEqual({ kind: "dataAbort", address: 0x900008n, isWrite: false, pc: 0x10000n });
    expect(cpu.getX(1)).toBe(0x900000n);
    expect(cpu.getX(0)).toBe(0n);
    expect(cpu.getPC()).toBe(0x10000n);
    expect(cpu.instructionsRetired).toBe(0);
  });

  it("a store that straddles into a hole writes nothing", () => {
    const end = BigInt(DATA + DATA_SIZE);
    const { exit, memory } = runToExit([0xa9001023], { 1: end - 8n, 3: 0x33n, 4: 0x44n }); // stp x3, x4, [x1]
    expect(exit).toMatchObject({ kind: "dataAbort", address: end, isWrite: true });
    expect([...memory.read(DATA + DATA_SIZE - 8, 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("writes to a read-only page fault; reads from it work", () => {
    const { cpu, memory } = machine([0xf9400020, 0xb9000023], { 1: D, 3: 7n }); // ldr x0,[x1]; str w3,[x1]
    memory.protect(DATA, 0x1000, { read: true, write: false, exec: false });
    expect(cpu.run(10)).toMatchObject({ kind: "dataAbort", address: D, isWrite: true, pc: 0x10004n });
    expect(cpu.instructionsRetired).toBe(1);
  });

  it("addresses at the top of the 64-bit space are reported exactly", () => {
    const { exit } = runToExit([0xf85f8420], { 1: 0xfffffffffffffff8n }); // ldr x0, [x1], #-8
    expect(exit).toMatchObject({ kind: "dataAbort", address: 0xfffffffffffffff8n });
  });
});

describe("exclusives and ordered accesses", () => {
  const LDXR = 0xc85f7c20; // ldxr x0, [x1]
  const STXR = 0xc8057c23; // stxr w5, x3, [x1]
  const CLREX = 0xd5033f5f;
  const STRB = 0x39000023; // strb w3, [x1]

  it("STXR succeeds after LDXR to the same address and stores", () => {
    const { cpu, memory } = machine([LDXR, STXR], { 1: D, 3: 0xabn, 5: 9n });
    cpu.run(100);
    expect(cpu.getX(5)).toBe(0n);
    expect(memory.read(DATA, 1)[0]).toBe(0xab);
  });

  it("STXR fails without LDXR, after CLREX, and after a store to the granule", () => {
    for (const program of [[STXR], [LDXR, CLREX, STXR], [LDXR, STRB, STXR]]) {
      const { cpu, memory } = machine(program, { 1: D, 3: 0xabn, 5: 9n });
      cpu.run(100);
      expect(cpu.getX(5)).toBe(1n);
      // only the plain STRB may have written
      expect(memory.read(DATA, 8)[1]).toBe(0);
    }
  });

  it("STXR puts the page back into the write TLB, and the next LDXR takes it out again", () => {
    const STR = 0xf9000023; // str x3, [x1] (caches the page in the write TLB)
    const STXR6 = 0xc8067c23; // stxr w6, x3, [x1]
    const { cpu, memory } = machine([STR, LDXR, STXR, LDXR, STRB, STXR6], { 1: D, 3: 0xabn, 5: 9n, 6: 9n });
    // An internal check: only the first STR takes the write slow path (the STXR finds the page
    // cached again), and the page stays cached for writes after it.
    const slowWrites = vi.spyOn(MemoryPort.prototype as unknown as { slowWrite: () => boolean }, "slowWrite");
    cpu.run(3);
    expect(slowWrites).toHaveBeenCalledTimes(1);
    slowWrites.mockRestore();
    const tags = (cpu as unknown as { state: { wTagLo: Int32Array } }).state.wTagLo;
    expect(tags[(DATA >>> 12) & (tags.length - 1)]).toBe(DATA >>> 12);
    cpu.run(3);
    // The store to the granule between the second LDXR and STXR still clears the monitor.
    expect([cpu.getX(5), cpu.getX(6)]).toEqual([0n, 1n]);
    expect(memory.read(DATA, 1)[0]).toBe(0xab);
  });

  it("a successful STXR disarms the monitor", () => {
    const { cpu } = machine([LDXR, STXR, STXR], { 1: D, 3: 1n });
    cpu.run(2);
    expect(cpu.getX(5)).toBe(0n);
    cpu.run(1);
    expect(cpu.getX(5)).toBe(1n);
  });

  it("LDXP/STXP move 16 bytes atomically", () => {
    const cpu = run([0xc87f1023, 0xc8251023], { 1: D }); // ldxp x3, x4, [x1] ; stxp w5, x3, x4, [x1]
    expect(cpu.getX(5)).toBe(0n);
  });

  it("a misaligned exclusive or acquire access is an alignment fault", () => {
    const LDXP = 0xc87f1023; // ldxp x3, x4, [x1]: needs 16-byte alignment
    for (const [word, address] of [[LDXR, D + 4n], [STXR, D + 4n], [0xc8dffc20 /* ldar x0, [x1] */, D + 4n], [LDXP, D + 8n]] as const) {
      const { exit, cpu } = runToExit([word], { 1: address });
      expect(exit).toEqual({ kind: "dataAbort", address, isWrite: word === STXR, pc: 0x10000n, alignment: true });
      expect(cpu.getX(0)).toBe(0n);
    }
  });

  it("LDAR/STLR are plain accesses when aligned", () => {
    const cpu = run([0x889ffc23, 0xc8dffc20], { 1: D, 3: 0x1234n }); // stlr w3,[x1] ; ldar x0,[x1]
    expect(cpu.getX(0)).toBe(0x1234n);
  });
});

describe("GuestMemory integration", () => {
  it("MMIO accesses call the device with offset, size and value", () => {
    const log: string[] = [];
    const { cpu, memory } = machine([0xb9000023, 0xf9400020], { 1: 0x9000010n, 3: 0xcafen }); // str w3,[x1]; ldr x0,[x1]
    memory.mapDevice(0x9000000, 0x1000, {
      read: (offset, size) => {
        log.push(`r ${offset} ${size}`);
        return 0x1122334455667788n;
      },
      write: (offset, size, value) => log.push(`w ${offset} ${size} ${value}`),
    });
    expect(cpu.run(10).kind).toBe("svc");
    expect(log).toEqual(["w 16 4 51966", "r 16 8"]);
    expect(cpu.getX(0)).toBe(0x1122334455667788n);
  });

  it("a page mapped after the CPU used the hole is visible (misses are not cached)", () => {
    const { cpu, memory } = machine([0xf9400020], { 1: 0x800000n });
    expect(cpu.run(1).kind).toBe("dataAbort");
    memory.mapRam(0x800000, 0x1000)[0] = 42;
    expect(cpu.run(1).kind).toBe("budget");
    expect(cpu.getX(0)).toBe(42n);
  });

  it("remapping a page redirects later accesses (TLB flushed)", () => {
    const { cpu, memory } = machine([0xf9400020, 0xf9400020], { 1: 0x800000n });
    memory.mapRam(0x800000, 0x1000)[0] = 1;
    cpu.run(1);
    memory.unmap(0x800000, 0x1000);
    memory.mapRam(0x800000, 0x1000)[0] = 2;
    cpu.run(1);
    expect(cpu.getX(0)).toBe(2n);
  });
});
