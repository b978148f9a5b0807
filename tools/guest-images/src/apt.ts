import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

/** Progress lines go here (the CLI prints them to stderr). */
export type Log = (line: string) => void;

/** Raised when a tool this package needs (apt-get, dpkg-deb) is missing or fails. */
export class GuestImagesError extends Error {
  override name = "GuestImagesError";
}

/**
 * apt-get and apt-cache for Debian arm64 packages with a private package list and download cache
 * under `dir`, so nothing on the system changes (no dpkg --add-architecture, no /var/lib/apt).
 */
export class PrivateApt {
  private readonly options: string[];

  constructor(readonly dir: string, private readonly log: Log) {
    for (const sub of ["lists/partial", "cache/archives/partial"]) mkdirSync(join(dir, sub), { recursive: true });
    this.options = [
      "-oAPT::Architecture=arm64",
      "-oAPT::Architectures=arm64",
      `-oDir::State::Lists=${join(dir, "lists")}`,
      `-oDir::Cache=${join(dir, "cache")}`,
      "-oDebug::NoLocking=1",
      // Downloads land in a directory the _apt sandbox user may not be able to write.
      "-oAPT::Sandbox::User=root",
    ];
  }

  /** Throws a clear error where apt-get or dpkg-deb is not installed. */
  static check(): void {
    for (const tool of ["apt-get", "apt-cache", "dpkg-deb"]) {
      if (spawnSync(tool, ["--version"], { stdio: "ignore" }).error) {
        throw new GuestImagesError(
          `guest-images: ${tool} not found. The guest images are Debian packages fetched with apt; run this on Debian or Ubuntu ` +
            `(or pass your own --kernel/--initrd to pnpm linux).`
        );
      }
    }
  }

  /** Downloads the arm64 package lists (Debian's sources as configured on this system). */
  async update(): Promise<void> {
    this.log("apt-get update (arm64 package lists, private copy)");
    await this.run("apt-get", [...this.options, "update"], this.dir);
  }

  /** The candidate version of `pkg`, or undefined when apt knows no such package. */
  candidateVersion(pkg: string): string | undefined {
    const out = this.capture("apt-cache", [...this.options, "policy", pkg]);
    const match = /^\s*Candidate:\s*(\S+)/m.exec(out);
    return match && match[1] !== "(none)" ? match[1] : undefined;
  }

  /** The `Depends:` field of `pkg` at `version`. */
  depends(pkg: string, version: string): string {
    const out = this.capture("apt-cache", [...this.options, "show", `${pkg}=${version}`]);
    return /^Depends:\s*(.*)$/m.exec(out)?.[1] ?? "";
  }

  /** Downloads `pkg=version` into `destDir` and returns nothing; apt names the file. */
  async download(pkg: string, version: string, destDir: string): Promise<void> {
    mkdirSync(destDir, { recursive: true });
    this.log(`apt-get download ${pkg}=${version}`);
    await this.run("apt-get", [...this.options, "download", `${pkg}=${version}`], destDir);
  }

  private capture(tool: string, args: string[]): string {
    const result = spawnSync(tool, args, { encoding: "utf8" });
    if (result.error) throw new GuestImagesError(`guest-images: ${tool}: ${result.error.message}`);
    return result.stdout;
  }

  private run(tool: string, args: string[], cwd: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(tool, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (text: string) => {
        for (const line of text.split("\n")) if (/^(Get|Fetched|Hit)/.test(line)) this.log(`  ${line.trim()}`);
      });
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (text: string) => (stderr += text));
      child.on("error", (error) => reject(new GuestImagesError(`guest-images: ${tool}: ${error.message}`)));
      child.on("close", (code) =>
        code === 0
          ? resolve()
          : reject(new GuestImagesError(`guest-images: ${tool} ${args.at(-1)} failed (exit ${code}): ${stderr.trim().split("\n").at(-1)}`))
      );
    });
  }
}

/** Extracts a .deb's files into `destDir` with dpkg-deb. */
export function extractDeb(deb: string, destDir: string): void {
  mkdirSync(destDir, { recursive: true });
  const result = spawnSync("dpkg-deb", ["-x", deb, destDir], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new GuestImagesError(`guest-images: dpkg-deb -x ${deb} failed: ${result.error?.message ?? result.stderr.trim()}`);
  }
}

/**
 * Extracts one file of a .deb (`member`, e.g. "./usr/lib/debug/boot/System.map-6.1.0-57-cloud-arm64")
 * to `dest` without unpacking the rest (a -dbg package holds over a gigabyte).
 */
export function extractDebMember(deb: string, member: string, dest: string): void {
  const result = spawnSync("sh", ["-c", 'dpkg-deb --fsys-tarfile "$1" | tar -xOf - "$2" > "$3"', "sh", deb, member, dest], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new GuestImagesError(`guest-images: extracting ${member} from ${deb} failed: ${result.error?.message ?? result.stderr.trim()}`);
  }
}
