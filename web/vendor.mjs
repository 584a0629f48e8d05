// Copies the browser assets the UI needs from node_modules into the Python package
// (src/conflictcoder/ui/static/vendor), with their licences and a manifest of versions and
// sha256 digests, so that `pip install` needs no npm and the UI needs no network.
// Run after `npm ci`:  node web/vendor.mjs
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const target = join(here, "..", "src", "conflictcoder", "ui", "static", "vendor");

// package -> files to copy (paths inside the package; kept as they are under vendor/<package>/)
const PACKAGES = {
  leaflet: [
    "LICENSE",
    "dist/leaflet.js",
    "dist/leaflet.css",
    "dist/images/layers.png",
    "dist/images/layers-2x.png",
    "dist/images/marker-icon.png",
    "dist/images/marker-icon-2x.png",
    "dist/images/marker-shadow.png",
  ],
  "topojson-client": ["LICENSE", "dist/topojson-client.min.js"],
  "world-atlas": ["LICENSE", "countries-50m.json"],
};

const lock = JSON.parse(readFileSync(join(here, "package-lock.json"), "utf8"));
const manifest = { generated_by: "web/vendor.mjs", packages: {} };

rmSync(target, { recursive: true, force: true });
for (const [name, files] of Object.entries(PACKAGES)) {
  const installed = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
  const locked = lock.packages[`node_modules/${name}`];
  if (!locked || locked.version !== installed.version) {
    throw new Error(`${name}: node_modules has ${installed.version}, package-lock.json has ` +
      `${locked && locked.version}; run npm ci in web/`);
  }
  const digests = {};
  for (const file of files) {
    // dist/ is dropped so the UI links vendor/leaflet/leaflet.js; images/ stays beside the CSS.
    const out = join(target, name, file.replace(/^dist\//, ""));
    mkdirSync(dirname(out), { recursive: true });
    copyFileSync(join(modules, name, file), out);
    digests[relative(target, out).split("\\").join("/")] =
      createHash("sha256").update(readFileSync(out)).digest("hex");
  }
  manifest.packages[name] = { version: installed.version, license: installed.license, files: digests };
}
writeFileSync(join(target, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`vendored ${Object.keys(PACKAGES).join(", ")} into ${relative(process.cwd(), target)}`);
