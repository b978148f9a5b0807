/**
 * Reads the applet names a busybox binary was built with, without running it (it is an arm64
 * binary). Busybox keeps them as one sorted, NUL-separated string table that starts with the
 * applets "[" and "[[" and ends with an empty string.
 */
export function busyboxAppletNames(binary: Uint8Array, source = "busybox"): string[] {
  const start = indexOfBytes(binary, TABLE_START);
  if (start < 0) {
    throw new Error(
      `${source}: no applet name table found (expected the bytes "[\\0[[\\0"); is this a busybox binary built with the test applets?`
    );
  }
  const names: string[] = [];
  let offset = start;
  while (offset < binary.length) {
    const end = binary.indexOf(0, offset);
    if (end <= offset) break; // an empty string ends the table
    names.push(new TextDecoder().decode(binary.subarray(offset, end)));
    offset = end + 1;
  }
  if (!names.includes("sh") || !names.includes("busybox")) {
    throw new Error(`${source}: applet table at offset ${start} has no "sh" or "busybox" applet`);
  }
  return names;
}

const TABLE_START = Uint8Array.of(0x5b, 0, 0x5b, 0x5b, 0);

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0]!;
  for (let i = haystack.indexOf(first); i >= 0 && i + needle.length <= haystack.length; i = haystack.indexOf(first, i + 1)) {
    let match = true;
    for (let j = 1; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) {
        match = false;
        break;
      }
    }
    if (match) return i;
  }
  return -1;
}
