import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/sel4ts-microkit.mjs", import.meta.url));

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

describe("sel4ts-microkit check", () => {
  it("reports a valid system and exits 0", async () => {
    const r = await cli("check", `${fixtures}microkit-examples/passive_server.system`);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("valid Microkit system (1 core): 2 protection domains, 0 memory regions, 1 channel, 0 IRQs, 0 virtual machines");
    expect(r.stdout).toMatch(/server\s+100\s+1000\/1000\s+yes\s+0\s+0x2000\s+server\.elf/);
    expect(r.stdout).toMatch(/server:0\s+client:0 \(pp\)/);
  });

  it("prints the Microkit-style error and exits 1 on an invalid file", async () => {
    const r = await cli("check", `${fixtures}microkit-tool-tests/ch_id_greater_than_max.system`);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Error: id must be < 62 on element 'end': .*ch_id_greater_than_max\.system:\d+:\d+\n$/);
  });

  it("takes the number of cores", async () => {
    expect((await cli("check", `${fixtures}libvmm/smp.system`)).status).toBe(1);
    const r = await cli("check", "--cores", "4", `${fixtures}libvmm/smp.system`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("vcpus 0 (cpu 0), 1 (cpu 1), 2 (cpu 2), 3 (cpu 3)");
  });

  it("finds prefill files on the search paths", async () => {
    const file = `${fixtures}microkit-tool-tests/mr_prefill_sized_valid.system`;
    const r = await cli("check", file);
    expect(r.status).toBe(0);
  });

  it("names a missing file without a stack trace", async () => {
    const r = await cli("check", "no-such.system");
    expect(r).toEqual({ status: 1, stdout: "", stderr: "sel4ts-microkit: error: no such file: 'no-such.system'\n" });
  });

  it("rejects bad options with usage", async () => {
    const r = await cli("check", "--cores", "0", "x.system");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("expected a number of cores from 1 to 256");
  });
});

describe("the sel4ts-microkit bin", () => {
  it("runs from the sources through tsx (as in a checkout without dist/)", () => {
    const env = { ...process.env, SEL4TS_MICROKIT_FROM_SOURCE: "1" };
    const out = execFileSync(process.execPath, [bin, "check", `${fixtures}microkit-examples/hierarchy.system`], { encoding: "utf8", env });
    expect(out).toContain("crasher (child id 1 of restarter)");
    const bad = spawnSync(process.execPath, [bin, "check", `${fixtures}microkit-tool-tests/sys_too_many_pds.system`], { encoding: "utf8", env });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe("Error: too many protection domains (64) defined. Maximum is 63.\n");
  });
});

describe("sel4ts-microkit run", () => {
  const programs = fileURLToPath(new URL("../../test/programs/", import.meta.url));

  it("runs a system whose program images are TypeScript and JavaScript modules", async () => {
    const r = await cli("run", `${programs}echo.system`);
    expect(r).toEqual({ status: 0, stdout: "js: js ready\nts: js answered 42 (label 1)\n", stderr: "" });
  });

  it("names a program image it cannot find, with the files it looked for", async () => {
    const r = await cli("run", `${fixtures}microkit-examples/hello.system`);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Error: unable to find program image: 'hello\.elf' \(looked for hello\.ts, hello\.mts, hello\.js, hello\.mjs in .*\)\n$/);
  });

  it("refuses a module without a program as its default export", async () => {
    const { loadProgramModule } = await import("./programs.js");
    await expect(loadProgramModule(`${programs}not-a-program.mjs`)).rejects.toThrow(
      "program module 'not-a-program.mjs': its default export must be a function (microkit) => ({ init, notified, protected?, fault? })",
    );
  });
});
