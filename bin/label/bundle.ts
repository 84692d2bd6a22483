import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const WEB = fileURLToPath(new URL("./web/", import.meta.url));

/** The page's files, served from memory: the HTML and CSS as written, the Preact app bundled by esbuild (nothing from a CDN). */
export interface PageAssets {
  readonly html: string;
  readonly css: string;
  readonly js: string;
}

export async function pageAssets(): Promise<PageAssets> {
  const result = await build({
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
  return {
    html: readFileSync(`${WEB}index.html`, "utf8"),
    css: readFileSync(`${WEB}app.css`, "utf8"),
    js: result.outputFiles[0].text,
  };
}
