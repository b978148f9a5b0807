import { ERRNO_NAMES } from "../errno.js";
import { readCString } from "../guest-access.js";
import type { LinuxUserState } from "../process-state.js";
import { AT_FDCWD } from "./files.js";
import type { ArgFormat, SyscallDefinition } from "./types.js";
import { int32, int64, size } from "./types.js";

const SHOWN_BYTES = 32;

/** Quotes bytes the way strace does: C escapes, at most 32 bytes, "..." when cut. */
export function quoteBytes(bytes: Uint8Array, total = bytes.length): string {
  let text = "";
  for (const byte of bytes.subarray(0, SHOWN_BYTES)) {
    if (byte === 0x0a) text += "\\n";
    else if (byte === 0x09) text += "\\t";
    else if (byte === 0x0d) text += "\\r";
    else if (byte === 0x22) text += '\\"';
    else if (byte === 0x5c) text += "\\\\";
    else if (byte >= 0x20 && byte < 0x7f) text += String.fromCharCode(byte);
    else text += `\\${byte.toString(8)}`;
  }
  return `"${text}"${total > SHOWN_BYTES ? "..." : ""}`;
}

function formatArg(state: LinuxUserState, format: ArgFormat, value: bigint, next: bigint): string {
  switch (format) {
    case "d":
      return int64(value).toString();
    case "u":
      return value.toString();
    case "x":
      return `0x${value.toString(16)}`;
    case "fd": {
      const fd = int32(value);
      return fd === AT_FDCWD ? "AT_FDCWD" : String(fd);
    }
    case "path":
      try {
        return quoteBytes(new TextEncoder().encode(readCString(state.memory, Number(value))));
      } catch {
        return `0x${value.toString(16)}`;
      }
    case "wbuf":
      try {
        const length = Math.min(size(next), SHOWN_BYTES + 1);
        return quoteBytes(state.memory.read(Number(value), length), size(next));
      } catch {
        return `0x${value.toString(16)}`;
      }
  }
}

/** Formats the call part of a strace line: `name(arg, arg, …)`, before the call runs. */
export function formatCall(state: LinuxUserState, number: number, definition: SyscallDefinition | undefined, args: readonly bigint[]): string {
  if (definition === undefined) {
    return `syscall_0x${number.toString(16)}(${args.map((a) => `0x${a.toString(16)}`).join(", ")})`;
  }
  const shown = definition.args.map((format, i) => formatArg(state, format, args[i] ?? 0n, args[i + 1] ?? 0n));
  return `${definition.name}(${shown.join(", ")})`;
}

/** Formats a result like strace: `= 3`, `= 0x5500001000`, `= -1 ENOENT (No such file or directory)`. */
export function formatResult(definition: SyscallDefinition | undefined, result: bigint): string {
  const signed = BigInt.asIntN(64, result);
  if (signed < 0n && signed >= -4095n) {
    const errno = Number(-signed);
    const [name, text] = ERRNO_NAMES.get(errno) ?? [`E${errno}`, `errno ${errno}`];
    return `= -1 ${name} (${text})`;
  }
  return definition?.result === "x" ? `= 0x${result.toString(16)}` : `= ${signed}`;
}
