// Boots the default guest (pnpm guest-images) under QEMU's virt machine, types golden/commands.sh
// into its shell one line per prompt, and writes the console with timestamps stripped to
// golden/qemu-virt-a53-console.txt: the reference src/linux-boot.slow.test.ts compares this VMM's
// console with. Needs qemu-system-aarch64 (Debian's qemu-system-arm).
// Run: pnpm exec tsx golden/regenerate.ts
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runConsoleSession, scriptLines, stripTimestamps } from "../src/console-session.js";
import { defaultGuestQemuArgs } from "./qemu-boot.js";

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const args = await defaultGuestQemuArgs();
const session = await runConsoleSession("qemu-system-aarch64", args, scriptLines(readFileSync(here("commands.sh"), "utf8")), { timeoutMs: 300_000 });
if (session.status !== 0) throw new Error(`qemu-system-aarch64 exited with ${session.status}: ${session.stderr}`);
writeFileSync(here("qemu-virt-a53-console.txt"), stripTimestamps(session.console));
process.stderr.write(`wrote golden/qemu-virt-a53-console.txt (${session.typed} commands typed)\n`);
