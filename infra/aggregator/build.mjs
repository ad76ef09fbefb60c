// Bundles the standalone aggregator into dist/main.js (ESM, Node 20+). Our own code and contracts/ are inlined;
// the npm dependencies stay external and are installed from this folder's package.json (`npm install` of the
// tarball `npm pack` makes here), which is how infra/terraform/aws installs it.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";

const here = new URL(".", import.meta.url);
const pkg = JSON.parse(await readFile(new URL("package.json", here), "utf8"));

await build({
  entryPoints: [new URL("main.ts", here).pathname],
  // `node build.mjs OUTFILE` writes elsewhere (the tests build into node_modules/.cache, where imports resolve).
  outfile: process.argv[2] ?? new URL("dist/main.js", here).pathname,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external: Object.keys(pkg.dependencies),
  banner: { js: "#!/usr/bin/env node" },
  logLevel: process.argv[2] ? "warning" : "info",
});
