/**
 * A VCPU's stage-2 translation as the CPU sees it: a `GuestMemory` kept in step with the TCB's
 * VSpace. RAM frames map onto the kernel's physical memory buffers (no copy: the VMM and the
 * guest share the bytes); device frames of modelled board devices map the device model, so the
 * guest reaches them without an exit; anything else stays a hole and faults to the VMM.
 */

import { GuestMemory, type MmioDevice, type PagePerms } from "@sel4ts/cpu-aarch64";
import { toBigIntMmio } from "../board/device";
import { seL4_ARM_VMAttributes, seL4_CanRead, seL4_CanWrite } from "../constants/rights";
import type { BoardPort, MemoryPort } from "../kernel-ports";
import { PHYSICAL_CHUNK_BITS } from "../memory/physical-memory";
import type { PageTable, VSpace } from "../objects/vspace";
import { LEVEL_SHIFTS } from "../objects/vspace";

const CHUNK_SIZE = 2 ** PHYSICAL_CHUNK_BITS;

/** A GuestMemory that mirrors one VSpace until {@link Stage2View.dispose}. */
export class Stage2View {
  readonly memory = new GuestMemory();
  readonly #stopListening: () => void;

  /** Maps everything `vspace` maps now and follows its later changes. */
  constructor(
    private readonly kernel: BoardPort & MemoryPort,
    readonly vspace: VSpace,
  ) {
    this.memory.wasm = kernel.memory.wasm;
    this.#mapTable(vspace.root, 0, 0);
    this.#stopListening = vspace.onChange((change) => {
      this.memory.unmap(change.vaddr, change.size);
      if (change.kind === "map") this.#mapAt(change.vaddr);
    });
  }

  /** Stops following the VSpace. */
  dispose(): void {
    this.#stopListening();
  }

  #mapTable(table: PageTable, level: number, base: number): void {
    for (const [index, entry] of table.entries) {
      const vaddr = base + index * 2 ** LEVEL_SHIFTS[level]!;
      if (entry.kind === "table") this.#mapTable(entry.table, level + 1, vaddr);
      else this.#mapAt(vaddr);
    }
  }

  /** Maps the frame the VSpace has at `vaddr` (its base). */
  #mapAt(vaddr: number): void {
    const page = this.vspace.translate(vaddr);
    if (!page) return;
    const { frame } = page;
    const base = vaddr - page.offset;
    if (frame.isDevice) {
      const target = this.kernel.deviceAt(frame.paddr);
      if (target) this.memory.mapDevice(base, frame.size, withOffset(toBigIntMmio(target.device), target.offset));
      return;
    }
    const perms: PagePerms = {
      read: (page.rights & seL4_CanRead) !== 0,
      write: (page.rights & seL4_CanWrite) !== 0 && (page.rights & seL4_CanRead) !== 0,
      exec: (page.rights & seL4_CanRead) !== 0 && (page.attributes & seL4_ARM_VMAttributes.seL4_ARM_ExecuteNever) === 0,
    };
    // Physical memory is stored in 2 MiB chunks; a larger frame is several chunk mappings.
    for (let offset = 0; offset < frame.size; offset += CHUNK_SIZE) {
      const backing = this.kernel.memory.pageBacking(frame.paddr + offset);
      this.memory.mapPages(base + offset, backing.buffer, backing.byteOffset, Math.min(CHUNK_SIZE, frame.size - offset), perms);
    }
  }
}

/** A device seen through a window that starts `offset` bytes into its registers. */
function withOffset(device: MmioDevice, offset: number): MmioDevice {
  if (offset === 0) return device;
  return {
    read: (at, size) => device.read(at + offset, size),
    write: (at, size, value) => device.write(at + offset, size, value),
  };
}
