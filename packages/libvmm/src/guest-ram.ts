// Guest RAM as the VMM PD sees it: a mapping at `vaddr` (in libvmm 0.1.0 equal to the guest
// physical address). Copies are split at frame boundaries, since a view cannot cross a frame.
import type { VmmPd } from "./pd";

const SMALL_PAGE = 0x1000;
const LARGE_PAGE = 0x20_0000;

export class GuestRam {
  constructor(
    private readonly pd: VmmPd,
    readonly vaddr: number,
    readonly size: number,
  ) {}

  contains(addr: number, length: number): boolean {
    return addr >= this.vaddr && length >= 0 && addr + length <= this.vaddr + this.size;
  }

  /** Calls `fn(view, done)` over [addr, addr + length) in frame-sized pieces. */
  private each(addr: number, length: number, fn: (view: Uint8Array, done: number) => void): void {
    let done = 0;
    while (done < length) {
      const at = addr + done;
      let view: Uint8Array;
      try {
        view = this.pd.sel4.frameView(at, Math.min(length - done, LARGE_PAGE - (at % LARGE_PAGE)));
      } catch {
        view = this.pd.sel4.frameView(at, Math.min(length - done, SMALL_PAGE - (at % SMALL_PAGE)));
      }
      fn(view, done);
      done += view.length;
    }
  }

  write(addr: number, bytes: Uint8Array): void {
    this.each(addr, bytes.length, (view, done) => view.set(bytes.subarray(done, done + view.length)));
  }

  read(addr: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.each(addr, length, (view, done) => out.set(view, done));
    return out;
  }

  zero(addr = this.vaddr, length = this.size): void {
    this.each(addr, length, (view) => view.fill(0));
  }
}
