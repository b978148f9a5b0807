import { vm_guest_ram_write_callback, vm_ram_mark_allocated, vm_ram_touch, type vm_t } from "@sel4ts/libsel4vm";
import { image_get_type, parse_arm64_image_header, parse_elf_image } from "./image-format";
import { hex, logError } from "./log";

/** guest_image_t: where an image was loaded. */
export interface guest_image_t {
  load_paddr: number;
  alignment: number;
  size: number;
}

/** guest_kernel_image_t: the kernel image (the arch part is empty on ARM). */
export interface guest_kernel_image_t {
  kernel_image: guest_image_t;
  kernel_image_arch: Record<string, never>;
}

/** Where image bytes come from by name (C opens them through the file server); null if absent. */
export type guest_file_source = (name: string) => Uint8Array | null;

/** TS-only options of the loaders. */
export interface guest_image_options {
  /** The files the loaders can open by name. */
  readonly files: guest_file_source;
}

const PAGE_SIZE = 0x1000;
const ARM64_IMAGE_ALIGN = 0x20_0000;
const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

function copyIn(vm: vm_t, fn: string, name: string, addr: number, bytes: Uint8Array, memSize: number): boolean {
  if (memSize > 0 && vm_ram_touch(vm, addr, memSize, vm_guest_ram_write_callback, padded(bytes, memSize)) !== 0) {
    logError(vm, fn, `${name}: ${hex(addr)}+${hex(memSize)} is not inside guest RAM`);
    return false;
  }
  vm_ram_mark_allocated(vm, addr - (addr % PAGE_SIZE), roundUp(memSize + (addr % PAGE_SIZE), PAGE_SIZE));
  return true;
}

function padded(bytes: Uint8Array, size: number): Uint8Array {
  if (bytes.length === size) return bytes;
  const out = new Uint8Array(size);
  out.set(bytes.subarray(0, size));
  return out;
}

/**
 * vm_load_guest_kernel: loads the kernel `kernel_name` into guest RAM and sets vm.entry. An ELF
 * is loaded by its PT_LOAD segments (entry e_entry); an arm64 Image at `load_address`, which
 * must be 2 MiB aligned plus the header's text_offset (its image_size, BSS included, is marked
 * allocated); anything else raw at `load_address`. 0 / -1.
 */
export function vm_load_guest_kernel(
  vm: vm_t,
  kernel_name: string,
  load_address: number,
  alignment: number,
  guest_kernel_image: guest_kernel_image_t,
  options: guest_image_options,
): number {
  const fn = "vm_load_guest_kernel";
  const bytes = options.files(kernel_name);
  if (!bytes) {
    logError(vm, fn, `${kernel_name}: no such file`);
    return -1;
  }
  const type = image_get_type(bytes);
  let load = load_address;
  let size = bytes.length;
  let entry = load_address;
  if (type === "elf") {
    const elf = parse_elf_image(bytes);
    if (typeof elf === "string") {
      logError(vm, fn, `${kernel_name}: ${elf}`);
      return -1;
    }
    for (const s of elf.segments) {
      if (!copyIn(vm, fn, kernel_name, s.paddr, bytes.subarray(s.file_offset, s.file_offset + s.file_size), s.mem_size)) return -1;
    }
    load = Math.min(...elf.segments.map((s) => s.paddr));
    size = Math.max(...elf.segments.map((s) => s.paddr + s.mem_size)) - load;
    entry = elf.entry;
  } else if (type === "arm64-image") {
    const header = parse_arm64_image_header(bytes);
    if (typeof header === "string") {
      logError(vm, fn, `${kernel_name}: ${header}`);
      return -1;
    }
    if ((load_address - header.text_offset) % ARM64_IMAGE_ALIGN !== 0) {
      logError(vm, fn, `${kernel_name}: load address ${hex(load_address)} is not 2 MiB aligned plus text_offset ${hex(header.text_offset)}`);
      return -1;
    }
    if (!copyIn(vm, fn, kernel_name, load_address, bytes, header.image_size)) return -1;
    size = header.image_size;
  } else if (type === "bin") {
    if (!copyIn(vm, fn, kernel_name, load_address, bytes, bytes.length)) return -1;
  } else {
    logError(vm, fn, `${kernel_name}: a ${type} image is not a kernel this loader boots (ELF, arm64 Image or raw binary)`);
    return -1;
  }
  vm.entry = entry;
  guest_kernel_image.kernel_image = { load_paddr: load, alignment, size };
  return 0;
}

/** vm_load_guest_module: loads a DTB or a gzip'd initrd at `load_address`. 0 / -1. */
export function vm_load_guest_module(vm: vm_t, module_name: string, load_address: number, alignment: number, guest_image: guest_image_t, options: guest_image_options): number {
  const fn = "vm_load_guest_module";
  const bytes = options.files(module_name);
  if (!bytes) {
    logError(vm, fn, `${module_name}: no such file`);
    return -1;
  }
  const type = image_get_type(bytes);
  if (type !== "dtb" && type !== "gzip") {
    logError(vm, fn, `${module_name}: at byte 0x0: expected a DTB (d00dfeed) or gzip (1f8b) module, found a ${type} image`);
    return -1;
  }
  if (!copyIn(vm, fn, module_name, load_address, bytes, bytes.length)) return -1;
  Object.assign(guest_image, { load_paddr: load_address, alignment, size: bytes.length });
  return 0;
}
