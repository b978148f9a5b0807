import type { Fdt } from "./fdt.js";
import type { FdtNode } from "./node.js";
import { FdtWriter } from "./writer.js";

/**
 * Writes a parsed tree back out with {@link FdtWriter}: same memory reservations, boot CPU, nodes
 * and properties in the same order. A blob dtc produced comes back byte for byte (see the
 * package README for why); a blob with names or phandles the writer rejects throws its error.
 */
export function encodeFdt(fdt: Fdt): Uint8Array {
  const writer = new FdtWriter({ bootCpuidPhys: fdt.header.bootCpuidPhys });
  for (const { address, size } of fdt.memoryReservations) writer.addMemoryReservation(address, size);
  // Each stack entry is a node to open, or the close of one already opened.
  type Step = { open: FdtNode } | { close: ReturnType<FdtWriter["beginNode"]> };
  const steps: Step[] = [{ open: fdt.root }];
  for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
    if ("close" in step) {
      writer.endNode(step.close);
      continue;
    }
    const node = step.open;
    const handle = writer.beginNode(node.name);
    for (const property of node.properties) writer.property(property.name, property.asBytes());
    steps.push({ close: handle });
    for (let i = node.children.length - 1; i >= 0; i--) steps.push({ open: node.children[i]! });
  }
  return writer.finish();
}
