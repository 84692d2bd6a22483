import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ActiveGraphError } from "../../tools/errors.js";

/** The page's folder beside this module: sources in a checkout, the built page in the package (dist/bin/label/web). */
export const WEB = fileURLToPath(new URL("./web/", import.meta.url));

/** The page's files, served from memory: nothing comes from a CDN. */
export interface PageAssets {
  readonly html: string;
  readonly css: string;
  readonly js: string;
}

/** The built script when there is one (the package), else the Preact app bundled now from its sources (a checkout). */
export async function pageAssets(): Promise<PageAssets> {
  const built = `${WEB}app.js`;
  return {
    html: readFileSync(`${WEB}index.html`, "utf8"),
    css: readFileSync(`${WEB}app.css`, "utf8"),
    js: existsSync(built) ? readFileSync(built, "utf8") : await bundlePage(),
  };
}

/** Bundles the Preact app (web/app.tsx) into one ES module with esbuild, a build-time tool. */
export async function bundlePage(): Promise<string> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new ActiveGraphError(`the labelling page's script is not built (${WEB}app.js) and esbuild is not installed to build it: run npm run build`);
  }
  const result = await esbuild.build({
    entryPoints: [`${WEB}app.tsx`],
    bundle: true,
    format: "esm",
    target: "es2020",
    jsx: "automatic",
    jsxImportSource: "preact",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}
