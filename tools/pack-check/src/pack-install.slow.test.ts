// For each published package with a public API: pnpm pack, npm install the tarball into a fresh
// project outside the workspace, and use it from ESM and CommonJS. This catches what tests that
// import the sources cannot: a missing file in "files", a wrong "exports" map, a CJS build that
// does not load.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { installTarballs, packPackage, runCommonJs, runEsm } from "./install.js";
import { smokeChecks } from "./smoke-checks.js";
import { ownDevDependencies, publishedPackages } from "./workspace.js";

const checked = publishedPackages().filter((pkg) => pkg.hasPublicApi);

describe("published packages", () => {
  it("include at least @sel4ts/fdt", () => {
    expect(checked.map((pkg) => pkg.name)).toContain("@sel4ts/fdt");
  });

  it.each(checked.map((pkg) => pkg.name))(
    "%s has a smoke check and is a devDependency (so turbo builds it first)",
    (name) => {
      expect(smokeChecks[name], `add a smoke check for ${name} to src/smoke-checks.ts`).toBeDefined();
      expect(ownDevDependencies(), `add "${name}": "workspace:*" to devDependencies`).toContain(name);
    }
  );
});

describe("installed from their tarballs", () => {
  const root = mkdtempSync(join(tmpdir(), "sel4ts-pack-check-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const project = join(root, "project");
  const tarballs = join(root, "tarballs");

  it("pack and install outside the workspace", () => {
    mkdirSync(project);
    mkdirSync(tarballs);
    installTarballs(
      project,
      checked.map((pkg) => packPackage(pkg.dir, tarballs))
    );
  });

  it.each(checked.map((pkg) => pkg.name))("%s works from ESM", (name) => {
    expect(runEsm(project, name, smokeChecks[name] ?? "").trim()).toBe("ok");
  });

  it.each(checked.map((pkg) => pkg.name))("%s works from CommonJS", (name) => {
    expect(runCommonJs(project, name, smokeChecks[name] ?? "").trim()).toBe("ok");
  });
});
