import { LinuxUserError } from "./errors.js";

/** ELF constants used by the loader (from the System V gABI and the AArch64 ELF supplement). */
export const ET_EXEC = 2;
/** Shared object / position-independent executable. */
export const ET_DYN = 3;
/** `e_machine` of AArch64. */
export const EM_AARCH64 = 183;
/** Loadable segment. */
export const PT_LOAD = 1;
/** Program interpreter (dynamic loader) path. */
export const PT_INTERP = 3;
/** Location of the program header table itself. */
export const PT_PHDR = 6;
/** Segment permission bits in `p_flags`. */
export const PF_X = 1;
/** Writable segment. */
export const PF_W = 2;
/** Readable segment. */
export const PF_R = 4;

const ELF_HEADER_SIZE = 64;
const PROGRAM_HEADER_SIZE = 56;

/** One program header of an ELF64 file. Offsets and addresses are exact below 2^53. */
export interface ElfSegment {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  fileSize: number;
  memSize: number;
  align: number;
}

/** The parts of an ELF64 AArch64 executable the user-mode loader needs. */
export interface ElfImage {
  type: typeof ET_EXEC | typeof ET_DYN;
  entry: number;
  programHeaderOffset: number;
  programHeaderEntrySize: number;
  programHeaderCount: number;
  segments: ElfSegment[];
  /** The PT_INTERP path when the program is dynamically linked. */
  interpreter: string | null;
}

function toSafeNumber(value: bigint, what: string, file: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new LinuxUserError("malformedElf", `${file}: ${what} 0x${value.toString(16)} is above 2^53`);
  }
  return Number(value);
}

/**
 * Parses and validates the ELF header and program headers of a 64-bit little-endian AArch64
 * executable. Throws LinuxUserError naming `file` and the offending field otherwise.
 */
export function parseElf(image: Uint8Array, file = "<image>"): ElfImage {
  if (
    image.length < 4 ||
    image[0] !== 0x7f ||
    image[1] !== 0x45 ||
    image[2] !== 0x4c ||
    image[3] !== 0x46
  ) {
    throw new LinuxUserError("notElf", `${file}: not an ELF file (no \\x7fELF magic at offset 0)`);
  }
  if (image.length < ELF_HEADER_SIZE) {
    throw new LinuxUserError("malformedElf", `${file}: ELF header truncated (${image.length} bytes, expected 64)`);
  }
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const elfClass = image[4];
  const dataEncoding = image[5];
  const machine = view.getUint16(18, true);
  const notAarch64 = (what: string): LinuxUserError =>
    new LinuxUserError("notAarch64", `${file}: not an AArch64 executable (${what})`);
  if (elfClass !== 2) throw notAarch64(`EI_CLASS ${elfClass} at offset 4, expected 2 = 64-bit`);
  if (dataEncoding !== 1) throw notAarch64(`EI_DATA ${dataEncoding} at offset 5, expected 1 = little-endian`);
  if (machine !== EM_AARCH64) throw notAarch64(`e_machine ${machine} at offset 18, expected 183 = AArch64`);
  const type = view.getUint16(16, true);
  if (type !== ET_EXEC && type !== ET_DYN) {
    throw new LinuxUserError("unsupportedElf", `${file}: e_type ${type} at offset 16 is not an executable (expected ET_EXEC 2 or ET_DYN 3)`);
  }
  const entry = toSafeNumber(view.getBigUint64(24, true), "e_entry", file);
  const programHeaderOffset = toSafeNumber(view.getBigUint64(32, true), "e_phoff", file);
  const programHeaderEntrySize = view.getUint16(54, true);
  const programHeaderCount = view.getUint16(56, true);
  if (programHeaderCount === 0) {
    throw new LinuxUserError("malformedElf", `${file}: no program headers (e_phnum at offset 56 is 0)`);
  }
  if (programHeaderEntrySize !== PROGRAM_HEADER_SIZE) {
    throw new LinuxUserError("malformedElf", `${file}: e_phentsize ${programHeaderEntrySize} at offset 54, expected 56`);
  }
  const tableEnd = programHeaderOffset + programHeaderCount * PROGRAM_HEADER_SIZE;
  if (tableEnd > image.length) {
    throw new LinuxUserError("malformedElf", `${file}: program headers at 0x${programHeaderOffset.toString(16)} run past the end of the file (${image.length} bytes)`);
  }
  const segments: ElfSegment[] = [];
  for (let i = 0; i < programHeaderCount; i++) {
    const at = programHeaderOffset + i * PROGRAM_HEADER_SIZE;
    const segment: ElfSegment = {
      type: view.getUint32(at, true),
      flags: view.getUint32(at + 4, true),
      offset: toSafeNumber(view.getBigUint64(at + 8, true), `p_offset of program header ${i}`, file),
      vaddr: toSafeNumber(view.getBigUint64(at + 16, true), `p_vaddr of program header ${i}`, file),
      fileSize: toSafeNumber(view.getBigUint64(at + 32, true), `p_filesz of program header ${i}`, file),
      memSize: toSafeNumber(view.getBigUint64(at + 40, true), `p_memsz of program header ${i}`, file),
      align: toSafeNumber(view.getBigUint64(at + 48, true), `p_align of program header ${i}`, file),
    };
    if (segment.type === PT_LOAD || segment.type === PT_INTERP) {
      if (segment.fileSize > 0 && segment.offset + segment.fileSize > image.length) {
        throw new LinuxUserError("malformedElf", `${file}: program header ${i} (at offset 0x${at.toString(16)}) has file bytes 0x${segment.offset.toString(16)}+0x${segment.fileSize.toString(16)} past the end of the file (${image.length} bytes)`);
      }
      if (segment.type === PT_LOAD && segment.fileSize > segment.memSize) {
        throw new LinuxUserError("malformedElf", `${file}: program header ${i} (at offset 0x${at.toString(16)}) has p_filesz > p_memsz`);
      }
    }
    segments.push(segment);
  }
  const interpSegment = segments.find((s) => s.type === PT_INTERP);
  let interpreter: string | null = null;
  if (interpSegment !== undefined) {
    const bytes = image.subarray(interpSegment.offset, interpSegment.offset + interpSegment.fileSize);
    const nul = bytes.indexOf(0);
    interpreter = new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
  }
  if (!segments.some((s) => s.type === PT_LOAD)) {
    throw new LinuxUserError("malformedElf", `${file}: no PT_LOAD segment`);
  }
  return {
    type,
    entry,
    programHeaderOffset,
    programHeaderEntrySize,
    programHeaderCount,
    segments,
    interpreter,
  };
}

/**
 * Rejects what the runner cannot execute: a program that asks for a dynamic loader
 * (the message names the PT_INTERP path it wanted).
 */
export function requireStaticExecutable(elf: ElfImage, file = "<image>"): void {
  if (elf.interpreter !== null) {
    throw new LinuxUserError(
      "dynamicallyLinked",
      `${file}: not a static executable (dynamically linked, wants interpreter ${elf.interpreter})`,
    );
  }
}
