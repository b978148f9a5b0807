import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SYSREG_NAMES, SYS_ALIASES } from "../disasm/system-names.js";
import { sysregKey, sysregKeyOfInstruction } from "./sysreg-key.js";
import { SYS_OPS, buildSysregTable, type SysregEntry } from "./sysreg-table.js";

const table = buildSysregTable(2, 2);
const byName = new Map([...table.values()].map((e) => [e.name.toLowerCase(), e]));

/** Rows of golden/sysreg-encodings.tsv: kind, name, instruction word (binutils 2.40). */
const goldenText = readFileSync(new URL("./golden/sysreg-encodings.tsv", import.meta.url), "utf8");
const golden = goldenText
  .trim()
  .split("\n")
  .map((line) => {
    const [kind, name, word] = line.split("\t");
    return { kind: kind!, name: name!, word: parseInt(word!, 16) };
  });

describe("system register table encodings", () => {
  it("every entry has the encoding GNU as gives its name (golden/sysreg-encodings.tsv)", () => {
    expect(golden.length).toBe(table.size);
    for (const row of golden) {
      const entry = byName.get(row.name);
      expect(entry, row.name).toBeDefined();
      expect(sysregKeyOfInstruction(row.word), row.name).toBe(entry!.key);
    }
  });

  it("agrees with the disassembler's objdump-derived names", () => {
    for (const [key, name] of SYSREG_NAMES) {
      const entry = table.get(key);
      if (entry !== undefined) expect(entry.name.toLowerCase()).toBe(name);
    }
    for (const [key, [mnemonic, operation]] of SYS_ALIASES) {
      const entry = table.get(sysregKey(1, 0, 0, 0, 0) | key);
      if (entry !== undefined) expect(entry.name.toLowerCase()).toBe(`${mnemonic} ${operation}`);
    }
  });

  it("lists every SYS operation once and no encoding twice", () => {
    const ops = [...table.values()].filter(
      (e): e is SysregEntry & { storage: { kind: "op" } } => e.storage.kind === "op"
    );
    expect(ops.map((e) => e.storage.op).sort()).toEqual([...SYS_OPS].sort());
    expect(new Set([...table.values()].map((e) => e.name)).size).toBe(table.size);
  });

  it("has the registers Linux 6.1 uses (spec §3) and no PMU registers", () => {
    for (const name of [
      "SCTLR_EL1",
      "ACTLR_EL1",
      "CPACR_EL1",
      "TTBR0_EL1",
      "TTBR1_EL1",
      "TCR_EL1",
      "MAIR_EL1",
      "AMAIR_EL1",
      "CONTEXTIDR_EL1",
      "VBAR_EL1",
      "ELR_EL1",
      "SPSR_EL1",
      "ESR_EL1",
      "FAR_EL1",
      "AFSR0_EL1",
      "AFSR1_EL1",
      "PAR_EL1",
      "ISR_EL1",
      "DAIF",
      "NZCV",
      "CurrentEL",
      "SPSel",
      "SP_EL0",
      "FPCR",
      "FPSR",
      "TPIDR_EL1",
      "TPIDR_EL0",
      "TPIDRRO_EL0",
      "CNTFRQ_EL0",
      "CNTPCT_EL0",
      "CNTVCT_EL0",
      "CNTKCTL_EL1",
      "CNTP_TVAL_EL0",
      "CNTP_CTL_EL0",
      "CNTP_CVAL_EL0",
      "CNTV_TVAL_EL0",
      "CNTV_CTL_EL0",
      "CNTV_CVAL_EL0",
      "MDSCR_EL1",
      "OSLAR_EL1",
      "OSLSR_EL1",
      "OSDLR_EL1",
      "DBGBVR1_EL1",
      "DBGWCR1_EL1",
      "MDCCINT_EL1",
      "CSSELR_EL1",
      "CCSIDR_EL1",
      "CLIDR_EL1",
      "CTR_EL0",
      "DCZID_EL0",
      "DC ZVA",
      "DC CIVAC",
      "IC IVAU",
      "AT S1E1R",
    ]) {
      expect(byName.has(name.toLowerCase()), name).toBe(true);
    }
    expect([...table.values()].some((e) => e.name.startsWith("PM"))).toBe(false);
  });
});

function hasBinutils(): boolean {
  try {
    execFileSync("aarch64-linux-gnu-as", ["--version"], { stdio: "ignore" });
    execFileSync("aarch64-linux-gnu-objdump", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasBinutils())("golden freshness (only where binutils for aarch64 is installed)", () => {
  it("regenerate.sh reproduces the committed TSV", () => {
    const dir = mkdtempSync(join(tmpdir(), "sysreg-golden-"));
    try {
      const out = join(dir, "out.tsv");
      execFileSync("sh", [fileURLToPath(new URL("./golden/regenerate.sh", import.meta.url)), out]);
      expect(readFileSync(out, "utf8")).toBe(goldenText);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
