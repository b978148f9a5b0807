import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSdf } from "../sdf/parse.js";
import { planSystem } from "./build-plan.js";

const fixture = (path: string) => readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), "utf8");

describe("planSystem: what the Microkit tool derives before making objects", () => {
  it("passive_server: the server gets an endpoint; each end its caps and bitmasks", () => {
    const plans = planSystem(parseSdf("passive_server.system", fixture("microkit-examples/passive_server.system")));
    const [server, client] = plans;
    expect(server).toMatchObject({ needsEp: true, notifications: 1n, pps: 0n, faultBadge: 1n });
    expect(client).toMatchObject({ needsEp: false, notifications: 1n, pps: 1n, faultBadge: 2n });
    expect(server!.channelCaps).toEqual([{ kind: "notification", slot: 10, targetPd: 1, badge: 1n }]);
    expect(client!.channelCaps).toEqual([
      { kind: "notification", slot: 10, targetPd: 0, badge: 1n },
      { kind: "endpoint", slot: 74, targetPd: 0, badge: (1n << 63n) | 0n },
    ]);
  });

  it("hierarchy: children fault to their parent's endpoint with bit 62 and their id", () => {
    const plans = planSystem(parseSdf("hierarchy.system", fixture("microkit-examples/hierarchy.system")));
    expect(plans.map((p) => [p.pd.name, p.needsEp, p.faultBadge])).toEqual([
      ["restarter", true, 1n],
      ["crasher", false, (1n << 62n) | 1n],
      ["hello", false, (1n << 62n) | 2n],
    ]);
  });

  it("a PD with a VM or IRQs", () => {
    const [vmm] = planSystem(parseSdf("simple.system", fixture("libvmm/simple.system")));
    expect(vmm).toMatchObject({ needsEp: true, irqs: 0b10n, notifications: 0n, pps: 0n });
  });

  it("notify='false' ends get no notification cap", () => {
    const xml = `<system>
      <protection_domain name="a" priority="1"><program_image path="a"/></protection_domain>
      <protection_domain name="b" priority="2"><program_image path="b"/></protection_domain>
      <channel><end pd="a" id="3" pp="true" notify="false"/><end pd="b" id="9"/></channel></system>`;
    const [a, b] = planSystem(parseSdf("t.system", xml));
    expect(a!.channelCaps).toEqual([{ kind: "endpoint", slot: 77, targetPd: 1, badge: (1n << 63n) | 9n }]);
    expect(b!.channelCaps).toEqual([{ kind: "notification", slot: 19, targetPd: 0, badge: 1n << 3n }]);
    expect([a!.notifications, a!.pps, b!.notifications]).toEqual([0n, 1n << 3n, 1n << 9n]);
  });
});
