import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the workspace's `packages/` folder. */
export const packagesDir = fileURLToPath(new URL("../../../packages/", import.meta.url));

/** A workspace package that is published to npm. */
export interface PublishedPackage {
  /** npm name, e.g. `@sel4ts/fdt`. */
  readonly name: string;
  /** Absolute path of its folder. */
  readonly dir: string;
  /** Whether its README says it has no public API yet (then there is nothing to import). */
  readonly hasPublicApi: boolean;
}

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
}

/** Every non-private package under `packages/`, in folder order. */
export function publishedPackages(): PublishedPackage[] {
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, "package.json")))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
      const readmePath = join(dir, "README.md");
      const readme = existsSync(readmePath) ? readFileSync(readmePath, "utf8") : "";
      return { manifest, dir, hasPublicApi: !/no public API yet/i.test(readme) };
    })
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ manifest, dir, hasPublicApi }) => ({ name: manifest.name, dir, hasPublicApi }));
}

/** The devDependencies of this tool's own package.json. */
export function ownDevDependencies(): string[] {
  const manifestPath = fileURLToPath(new URL("../package.json", import.meta.url));
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { devDependencies?: Record<string, string> };
  return Object.keys(manifest.devDependencies ?? {});
}
