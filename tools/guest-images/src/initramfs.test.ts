import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { extract } from "cpio-stream";
import type { CpioHeader } from "cpio-stream";
import { describe, expect, it } from "vitest";
import { busyboxAppletNames } from "./busybox-applets.js";
import { DEFAULT_INIT_SCRIPT, buildBusyboxInitramfs, busyboxInitramfsEntries } from "./initramfs.js";

// A stand-in for the busybox binary: some bytes, then busybox's applet name table.
const fakeBusybox = Uint8Array.from([
  0x7f, 0x45, 0x4c, 0x46, 1, 2, 3,
  ...new TextEncoder().encode("[\0[[\0ash\0busybox\0cat\0ls\0sh\0\0tail"),
]);

async function readBack(gz: Uint8Array): Promise<{ header: CpioHeader; data: Buffer }[]> {
  const out: { header: CpioHeader; data: Buffer }[] = [];
  const parser = extract();
  parser.on("entry", (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      out.push({ header, data: Buffer.concat(chunks) });
      next();
    });
    stream.resume();
  });
  await new Promise<void>((resolve, reject) => {
    parser.on("finish", resolve);
    parser.on("error", reject);
    Readable.from([Buffer.from(gunzipSync(gz))]).pipe(parser);
  });
  return out;
}

describe("busyboxAppletNames", () => {
  it("reads the NUL-separated table up to its empty string", () => {
    expect(busyboxAppletNames(fakeBusybox)).toEqual(["[", "[[", "ash", "busybox", "cat", "ls", "sh"]);
  });
  it("names the file when there is no table", () => {
    expect(() => busyboxAppletNames(new Uint8Array(16), "x.bin")).toThrow(/x\.bin: no applet name table/);
  });
});

describe("buildBusyboxInitramfs", () => {
  const options = { busybox: fakeBusybox, applets: busyboxAppletNames(fakeBusybox) };

  it("is gzip and newc, and parses back to the same entries", async () => {
    const gz = await buildBusyboxInitramfs(options);
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    expect(Buffer.from(gunzipSync(gz).subarray(0, 6)).toString("latin1")).toBe("070701");
    const entries = await readBack(gz);
    const names = entries.map((e) => e.header.name);
    expect(names).toEqual(busyboxInitramfsEntries(options).map((e) => e.name));
    const init = entries.find((e) => e.header.name === "init")!;
    expect(init.data.toString()).toBe(DEFAULT_INIT_SCRIPT);
    expect(init.header.mode).toBe(0o100755);
    const bb = entries.find((e) => e.header.name === "bin/busybox")!;
    expect(Uint8Array.from(bb.data)).toEqual(fakeBusybox);
    const sh = entries.find((e) => e.header.name === "bin/sh")!;
    expect(sh.header.mode! & 0o170000).toBe(0o120000);
    expect(sh.header.linkname ?? sh.data.toString()).toBe("busybox"); // the extractor reads the target into linkname
    const console = entries.find((e) => e.header.name === "dev/console")!;
    expect(console.header.mode).toBe(0o020600);
    expect([console.header.rdevmajor, console.header.rdevminor]).toEqual([5, 1]);
    expect(names).not.toContain("bin/busybox\0");
  });

  it("adds extra files after /init, creating their parent directories once", async () => {
    const tool = Uint8Array.of(1, 2, 3);
    const extraFiles = [
      { path: "usr/bin/tool", data: tool, mode: 0o755 },
      { path: "/lib/modules/6.1/kernel/a.ko", data: Uint8Array.of(9) },
      { path: "lib/modules/6.1/modules.dep", data: new TextEncoder().encode("kernel/a.ko:\n") },
    ];
    const entries = await readBack(await buildBusyboxInitramfs({ ...options, extraFiles }));
    const names = entries.map((e) => e.header.name);
    expect(names.slice(names.indexOf("init") + 1)).toEqual([
      "usr/bin/tool",
      "lib",
      "lib/modules",
      "lib/modules/6.1",
      "lib/modules/6.1/kernel",
      "lib/modules/6.1/kernel/a.ko",
      "lib/modules/6.1/modules.dep",
    ]);
    const added = entries.find((e) => e.header.name === "usr/bin/tool")!;
    expect([added.header.mode, Uint8Array.from(added.data)]).toEqual([0o100755, tool]);
    expect(entries.find((e) => e.header.name === "lib/modules/6.1/modules.dep")!.header.mode).toBe(0o100644);
  });

  it("refuses extra files that escape the root or replace an entry", () => {
    expect(() => busyboxInitramfsEntries({ ...options, extraFiles: [{ path: "../etc/x", data: new Uint8Array(0) }] })).toThrow(/must be a plain relative path/);
    expect(() => busyboxInitramfsEntries({ ...options, extraFiles: [{ path: "init", data: new Uint8Array(0) }] })).toThrow(/"init" is already in the archive/);
  });

  it("is reproducible", async () => {
    expect(await buildBusyboxInitramfs(options)).toEqual(await buildBusyboxInitramfs(options));
  });

  const hasCpio = spawnSync("cpio", ["--version"]).status === 0;
  it.skipIf(!hasCpio)("lists the same entries under GNU cpio -t", async () => {
    const gz = await buildBusyboxInitramfs(options);
    const dir = mkdtempSync(join(tmpdir(), "initramfs-test-"));
    const file = join(dir, "initrd.cpio");
    writeFileSync(file, gunzipSync(gz));
    const listed = execFileSync("cpio", ["-t", "--quiet", "-F", file], { encoding: "utf8" }).trim().split("\n");
    expect(listed).toEqual(busyboxInitramfsEntries(options).map((e) => e.name));
    const verbose = execFileSync("cpio", ["-tv", "--quiet", "-F", file], { encoding: "utf8" });
    expect(verbose).toMatch(/^lrwxrwxrwx .* bin\/sh -> busybox$/m);
    expect(verbose).toMatch(/^crw------- .* 5,\s+1 .* dev\/console$/m);
  });
});
