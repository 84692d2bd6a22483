/**
 * Builds the labelling page for the npm package (run by `npm run build`): the HTML and CSS copied,
 * and the Preact app bundled into app.js, in dist/bin/label/web beside the compiled server, so an
 * installed activegraph serves the page with neither esbuild nor Preact installed.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bundlePage, WEB } from "./bundle.js";

const out = resolve(process.argv[2] ?? "dist/bin/label/web");
mkdirSync(out, { recursive: true });
for (const file of ["index.html", "app.css"]) copyFileSync(join(WEB, file), join(out, file));
writeFileSync(join(out, "app.js"), await bundlePage());
// On stderr: `npm pack --json` prints its JSON on stdout, after the build.
process.stderr.write(`built the labelling page in ${out}\n`);
