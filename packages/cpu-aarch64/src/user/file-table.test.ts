import { describe, expect, it } from "vitest";
import type { OpenFile } from "./file-table.js";
import { FileTable, MAX_OPEN_FILES } from "./file-table.js";
import type { HostFileSystem } from "./host-fs.js";

function tableWithCloseLog() {
  const closed: number[] = [];
  const hostFs = { close: (handle: number) => closed.push(handle) } as unknown as HostFileSystem;
  return { table: new FileTable(hostFs), closed };
}

const hostFile = (handle: number): OpenFile => ({ kind: "host", handle, position: 0, path: "/f", isDirectory: false });

describe("FileTable", () => {
  it("hands out the lowest free descriptor after the standard streams", () => {
    const { table } = tableWithCloseLog();
    expect(table.allocate(hostFile(10))).toBe(3);
    expect(table.allocate(hostFile(11))).toBe(4);
    table.close(3);
    expect(table.allocate(hostFile(12))).toBe(3);
    expect(table.allocate(hostFile(13), 100)).toBe(100);
  });

  it("closes a host file only when its last descriptor goes", () => {
    const { table, closed } = tableWithCloseLog();
    const file = hostFile(7);
    const fd = table.allocate(file)!;
    const copy = table.allocate(file)!;
    table.close(fd);
    expect(closed).toEqual([]);
    table.install(copy, hostFile(8));
    expect(closed).toEqual([7]);
    table.closeAll();
    expect(closed).toEqual([7, 8]);
    expect(table.get(0)).toBeUndefined();
  });

  it("reports a full table", () => {
    const { table } = tableWithCloseLog();
    for (let i = 3; i < MAX_OPEN_FILES; i++) table.allocate(hostFile(i));
    expect(table.allocate(hostFile(0))).toBeNull();
  });
});
