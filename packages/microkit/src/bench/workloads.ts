// Round trips between two Microkit PDs on the MCS kernel sim, through libmicrokit.
import { parseSdf } from "../sdf/parse.js";
import type { MicrokitProgram } from "../runtime/program.js";
import { buildSystem } from "../runtime/system.js";

export interface BenchResult {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Process CPU time (user + system) of the run, in s: steadier than wall time on a loaded machine. */
  readonly cpuSeconds: number;
  readonly perCpuSecond: number;
  readonly virtualMs: number;
}

const SYSTEM = `<system>
  <protection_domain name="ping" priority="100"><program_image path="ping"/></protection_domain>
  <protection_domain name="pong" priority="200"><program_image path="pong"/></protection_domain>
  <channel><end pd="ping" id="0" pp="true"/><end pd="pong" id="0"/></channel>
</system>`;

async function measure(name: string, operations: number, ping: MicrokitProgram, pong: MicrokitProgram): Promise<BenchResult> {
  const system = buildSystem(parseSdf("bench.system", SYSTEM), { ping, pong }, { kernel: { consoleOutput: () => {} } });
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await system.run();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { name, operations, seconds, perSecond: operations / seconds, cpuSeconds, perCpuSecond: operations / cpuSeconds, virtualMs: result.now / 1e6 };
}

/** microkit_notify -> notified in the other PD -> microkit_notify back -> notified: one round trip. */
export function notifyRoundTrips(operations: number): Promise<BenchResult> {
  let remaining = operations;
  return measure(
    "notify -> notified round trip",
    operations,
    (microkit) => ({
      init: () => microkit.microkit_notify(0),
      notified: async () => {
        if (--remaining > 0) await microkit.microkit_notify(0);
      },
    }),
    (microkit) => ({ init() {}, notified: () => microkit.microkit_notify(0) }),
  );
}

/** microkit_ppcall -> protected -> reply: one round trip. */
export function ppcallRoundTrips(operations: number): Promise<BenchResult> {
  return measure(
    "ppcall -> protected round trip",
    operations,
    (microkit) => ({
      async init() {
        for (let i = 0; i < operations; i++) {
          microkit.microkit_mr_set(0, i);
          await microkit.microkit_ppcall(0, microkit.microkit_msginfo_new(1, 1));
        }
      },
      notified() {},
    }),
    (microkit) => ({
      init() {},
      notified() {},
      protected: () => {
        microkit.microkit_mr_set(0, microkit.microkit_mr_get(0) + 1n);
        return microkit.microkit_msginfo_new(0, 1);
      },
    }),
  );
}
