import type { UserMemory } from "./address-space.js";

/** Auxiliary vector types (include/uapi/linux/auxvec.h, arm64 additions). */
export const AT_NULL = 0;
/** Address of the program headers. */
export const AT_PHDR = 3;
/** Size of one program header. */
export const AT_PHENT = 4;
/** Number of program headers. */
export const AT_PHNUM = 5;
/** Page size. */
export const AT_PAGESZ = 6;
/** Base address of the interpreter (0 for static programs). */
export const AT_BASE = 7;
/** Flags (always 0). */
export const AT_FLAGS = 8;
/** Program entry point. */
export const AT_ENTRY = 9;
/** Real user id. */
export const AT_UID = 11;
/** Effective user id. */
export const AT_EUID = 12;
/** Real group id. */
export const AT_GID = 13;
/** Effective group id. */
export const AT_EGID = 14;
/** Address of the platform string. */
export const AT_PLATFORM = 15;
/** Hardware capability bits (HWCAP_*). */
export const AT_HWCAP = 16;
/** Clock ticks per second for times(). */
export const AT_CLKTCK = 17;
/** Non-zero for setuid-like programs. */
export const AT_SECURE = 23;
/** Address of 16 random bytes. */
export const AT_RANDOM = 25;
/** More hardware capability bits (HWCAP2_*). */
export const AT_HWCAP2 = 26;
/** Address of the executable's path string. */
export const AT_EXECFN = 31;
/** Minimal signal stack size the kernel needs. */
export const AT_MINSIGSTKSZ = 51;

/** What goes on the initial process stack. */
export interface InitialStackContents {
  argv: readonly string[];
  env: readonly string[];
  /** AT_EXECFN string. */
  execFn: string;
  /** AT_PLATFORM string. */
  platform: string;
  /** AT_RANDOM bytes (16). */
  random: Uint8Array;
  /** Auxv entries whose value is a number; AT_PLATFORM, AT_RANDOM, AT_EXECFN and AT_NULL are added. */
  auxv: ReadonlyArray<readonly [type: number, value: number | bigint]>;
}

/** Where the pieces of the initial stack landed. */
export interface InitialStack {
  /** 16-byte aligned; points at argc. */
  sp: number;
  argvAddress: number;
  envpAddress: number;
  auxvAddress: number;
  randomAddress: number;
  execFnAddress: number;
  platformAddress: number;
}

const encoder = new TextEncoder();

/**
 * Writes argc, argv, envp and auxv below `stackTop` the way Linux's create_elf_tables does:
 * strings at the top (execfn highest, then environment, then arguments), then the platform
 * string and AT_RANDOM bytes, then the pointer tables with argc at a 16-byte aligned SP.
 */
export function writeInitialStack(memory: UserMemory, stackTop: number, contents: InitialStackContents): InitialStack {
  let cursor = stackTop - 8;
  const pushString = (text: string): number => {
    const bytes = encoder.encode(text);
    cursor -= bytes.length + 1;
    memory.write(cursor, bytes);
    memory.write(cursor + bytes.length, new Uint8Array(1));
    return cursor;
  };
  const execFnAddress = pushString(contents.execFn);
  const envAddresses = [...contents.env].reverse().map(pushString).reverse();
  const argvAddresses = [...contents.argv].reverse().map(pushString).reverse();
  cursor -= cursor % 16;
  const platformAddress = pushString(contents.platform);
  cursor -= 16;
  const randomAddress = cursor;
  memory.write(randomAddress, contents.random.subarray(0, 16));

  const auxv: Array<readonly [number, number | bigint]> = [
    ...contents.auxv,
    [AT_PLATFORM, platformAddress],
    [AT_RANDOM, randomAddress],
    [AT_EXECFN, execFnAddress],
    [AT_NULL, 0],
  ];
  const words: Array<number | bigint> = [
    argvAddresses.length,
    ...argvAddresses,
    0,
    ...envAddresses,
    0,
    ...auxv.flat(),
  ];
  const unaligned = cursor - words.length * 8;
  const sp = unaligned - (unaligned % 16); // addresses exceed 32 bits: no bitwise masks
  const table = new Uint8Array(words.length * 8);
  const view = new DataView(table.buffer);
  words.forEach((word, i) => view.setBigUint64(i * 8, BigInt(word), true));
  memory.write(sp, table);
  const argvAddress = sp + 8;
  const envpAddress = argvAddress + (argvAddresses.length + 1) * 8;
  return {
    sp,
    argvAddress,
    envpAddress,
    auxvAddress: envpAddress + (envAddresses.length + 1) * 8,
    randomAddress,
    execFnAddress,
    platformAddress,
  };
}
