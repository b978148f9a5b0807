/**
 * For each published package with real code: a script body that uses `mod` (the package, as
 * `import * as mod` in ESM or `require()` in CommonJS), checks that a real export works, and
 * prints "ok" on success. Add an entry when a package gets its first public API.
 */
export const smokeChecks: Readonly<Record<string, string>> = {
  "@sel4ts/fdt": `
    const w = new mod.FdtWriter();
    const root = w.beginNode("");
    w.propertyString("model", "pack-check");
    const cpus = w.beginNode("cpus");
    w.propertyU32("#address-cells", 1);
    w.endNode(cpus);
    w.endNode(root);
    const fdt = mod.Fdt.parse(w.finish());
    if (fdt.root.getProperty("model").asString() !== "pack-check") throw new Error("model did not read back");
    if (fdt.getNode("/cpus").getProperty("#address-cells").asU32() !== 1) throw new Error("cells did not read back");
    let rejected = false;
    try { mod.Fdt.parse(new Uint8Array(8)); } catch (error) { rejected = error instanceof mod.FdtError; }
    if (!rejected) throw new Error("a bad blob did not raise FdtError");
    const virt = mod.Fdt.parse(mod.buildQemuVirtFdt({ memorySize: 0x10000000 }));
    if (virt.getNode("/cpus/cpu@0").getProperty("enable-method").asString() !== "psci") throw new Error("virt tree");
    virt.getNode("/chosen").setString("bootargs", "edited");
    if (mod.Fdt.parse(virt.toBlob()).getNode("/chosen").getProperty("bootargs").asString() !== "edited") throw new Error("edit");
    console.log("ok");
  `,
};
