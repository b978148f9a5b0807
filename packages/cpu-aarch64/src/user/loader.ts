import type { AddressSpace } from "./address-space.js";
import { PROT_EXEC, PROT_READ, PROT_WRITE } from "./address-space.js";
import type { ElfImage } from "./elf.js";
import { ET_DYN, PF_R, PF_W, PF_X, PT_LOAD, PT_PHDR } from "./elf.js";
import { LinuxUserError } from "./errors.js";
import { PAGE_SIZE, PIE_LOAD_BASE, STACK_SIZE, STACK_TOP, pageCeil, pageFloor } from "./layout.js";

/** Most memory the PT_LOAD segments may ask for together; beyond it an image is refused, not allocated. */
export const MAX_IMAGE_BYTES = 1024 * 2 ** 20;

/** Where an executable ended up after loading. */
export interface LoadedProgram {
  /** Added to every p_vaddr: 0 for ET_EXEC, PIE_LOAD_BASE for static-pie. */
  loadBias: number;
  /** Entry point after relocation by the bias. */
  entry: number;
  /** Guest address of the program header table (AT_PHDR). */
  programHeaderAddress: number;
  /** First page after the highest PT_LOAD segment: where brk starts. */
  brkStart: number;
}

function protFromFlags(flags: number): number {
  return (
    ((flags & PF_R) !== 0 ? PROT_READ : 0) |
    ((flags & PF_W) !== 0 ? PROT_WRITE : 0) |
    ((flags & PF_X) !== 0 ? PROT_EXEC : 0)
  );
}

/**
 * Maps the PT_LOAD segments of a static executable with their permissions, copies the file bytes
 * in and leaves bss zeroed. A page shared by two segments gets the union of their permissions.
 * Static-pie (ET_DYN) images are placed at PIE_LOAD_BASE and otherwise left alone: they relocate
 * themselves.
 */
export function loadElf(space: AddressSpace, elf: ElfImage, image: Uint8Array, file = "<image>"): LoadedProgram {
  const loadBias = elf.type === ET_DYN ? PIE_LOAD_BASE : 0;
  const loads = elf.segments.filter((s) => s.type === PT_LOAD && s.memSize > 0);
  const pageProt = new Map<number, number>();
  let totalPages = 0;
  for (const segment of loads) {
    const start = pageFloor(segment.vaddr + loadBias);
    const end = pageCeil(segment.vaddr + loadBias + segment.memSize);
    const where = `${file}: PT_LOAD at 0x${segment.vaddr.toString(16)}+0x${segment.memSize.toString(16)}`;
    if (segment.vaddr + loadBias < PAGE_SIZE || end > STACK_TOP - STACK_SIZE) {
      throw new LinuxUserError("unsupportedElf", `${where} cannot be placed (it must lie between the null page and the stack at 0x${(STACK_TOP - STACK_SIZE).toString(16)})`);
    }
    totalPages += (end - start) / PAGE_SIZE;
    if (totalPages > MAX_IMAGE_BYTES / PAGE_SIZE) {
      throw new LinuxUserError("unsupportedElf", `${where} takes the image beyond ${MAX_IMAGE_BYTES / 2 ** 20} MiB of memory`);
    }
    for (let page = start; page < end; page += PAGE_SIZE) {
      pageProt.set(page, (pageProt.get(page) ?? 0) | protFromFlags(segment.flags));
    }
  }
  const pages = [...pageProt.keys()].sort((a, b) => a - b);
  let runStart = -1;
  for (let i = 0; i <= pages.length; i++) {
    const page = pages[i];
    const previous = pages[i - 1];
    const continues =
      page !== undefined &&
      previous !== undefined &&
      page === previous + PAGE_SIZE &&
      pageProt.get(page) === pageProt.get(previous);
    if (!continues) {
      if (runStart >= 0 && previous !== undefined) {
        // memory.write is a host-side copy, so read-only pages can still be filled below.
        space.map(runStart, previous + PAGE_SIZE - runStart, pageProt.get(previous)!);
      }
      runStart = page ?? -1;
    }
  }
  let highest = 0;
  for (const segment of loads) {
    const bytes = image.subarray(segment.offset, segment.offset + segment.fileSize);
    if (bytes.length > 0) space.memory.write(segment.vaddr + loadBias, bytes);
    highest = Math.max(highest, segment.vaddr + loadBias + segment.memSize);
  }
  return {
    loadBias,
    entry: elf.entry + loadBias,
    programHeaderAddress: findProgramHeaderAddress(elf) + loadBias,
    brkStart: pageCeil(highest),
  };
}

/**
 * The unbiased virtual address of the program header table: PT_PHDR, else the PT_LOAD holding
 * e_phoff, else (as older Linux did) the first PT_LOAD's address for file offset e_phoff.
 */
function findProgramHeaderAddress(elf: ElfImage): number {
  const phdr = elf.segments.find((s) => s.type === PT_PHDR);
  if (phdr !== undefined) return phdr.vaddr;
  const tableEnd = elf.programHeaderOffset + elf.programHeaderCount * elf.programHeaderEntrySize;
  const loads = elf.segments.filter((s) => s.type === PT_LOAD);
  const holder =
    loads.find((s) => s.offset <= elf.programHeaderOffset && tableEnd <= s.offset + s.fileSize) ?? loads[0]!;
  return holder.vaddr - holder.offset + elf.programHeaderOffset;
}
