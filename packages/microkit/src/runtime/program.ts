import type { Box, seL4_MessageInfo_t } from "@sel4ts/sel4-kernel-sim";
import type { MicrokitPd } from "./libmicrokit.js";

/** libmicrokit's types: channel, child and I/O-port ids are `unsigned int`; a msginfo is seL4_MessageInfo_t. */
export type microkit_channel = number;
export type microkit_child = number;
export type microkit_msginfo = seL4_MessageInfo_t;

/**
 * The entry points of a protection domain, as libmicrokit calls them. Each may be async (await
 * `microkit_notify`/`microkit_ppcall`, which are system calls). `init` and `notified` are
 * required as in C; a PD that receives PPCs needs `protected`, a PD with children or a VM needs
 * `fault` (libmicrokit's weak defaults print "<name> is missing the '…' entry point" and crash).
 */
export interface MicrokitEntryPoints {
  init(): void | Promise<void>;
  notified(ch: microkit_channel): void | Promise<void>;
  protected?(ch: microkit_channel, msginfo: microkit_msginfo): microkit_msginfo | Promise<microkit_msginfo>;
  /** return true to reply with `reply_msginfo.value` (which resumes the child), false to leave it stopped */
  fault?(child: microkit_child, msginfo: microkit_msginfo, reply_msginfo: Box<microkit_msginfo>): boolean | Promise<boolean>;
}

/**
 * A program image: called once per PD instance with that PD's libmicrokit context. Keep a PD's
 * state in the closure (a C PD's globals), not at module level, so that two PDs running the same
 * program do not share it.
 */
export type MicrokitProgram = (microkit: MicrokitPd) => MicrokitEntryPoints;

/** Identity helper that gives a program its type: `export default defineProtectionDomain((mk) => ({ … }))`. */
export function defineProtectionDomain(program: MicrokitProgram): MicrokitProgram {
  return program;
}
