import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const LAYERS = ["graphs", "nodes", "runtime", "tools"] as const;

/** Every TypeScript file of the project (no dependencies, no build output). */
function sources(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === "node_modules" || name.startsWith(".") || name === "dist" || name === "runs" || name === "results") return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith(".ts") ? [path] : [];
  });
}

/** The project files a file imports, with whether only types are imported. */
function importsOf(file: string): Array<{ target: string; typeOnly: boolean }> {
  const text = readFileSync(file, "utf8");
  const found: Array<{ target: string; typeOnly: boolean }> = [];
  for (const match of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+"(\.{1,2}\/[^"]+)";/gms)) {
    found.push({ target: relative(ROOT, resolve(join(file, ".."), match[3])), typeOnly: match[2] !== undefined });
  }
  return found;
}

const top = (path: string) => path.split(sep)[0];
const isTest = (path: string) => path.endsWith(".test.ts");

describe("the layout", () => {
  const files = sources().map((file) => ({ path: relative(ROOT, file), imports: importsOf(file) }));

  it("depends one way, graphs → nodes → runtime → tools (nodes may name a graph's state type)", () => {
    const rank = (path: string) => LAYERS.indexOf(top(path) as (typeof LAYERS)[number]);
    const wrong = files
      .filter((file) => rank(file.path) >= 0 && !isTest(file.path))
      .flatMap((file) =>
        file.imports
          .filter(
            ({ target, typeOnly }) =>
              rank(target) >= 0 && rank(target) < rank(file.path) && !(typeOnly && top(file.path) === "nodes" && top(target) === "graphs"),
          )
          .map(({ target }) => `${file.path} → ${target}`),
      );
    expect(wrong).toEqual([]);
  });

  it("keeps bin, evals, examples and tests out of a node's insides: they go through graphs and the runtime layer", () => {
    const wrong = files
      .filter((file) => ["bin", "evals", "examples", "test"].includes(top(file.path)))
      .flatMap((file) => file.imports.filter(({ target }) => top(target) === "nodes").map(({ target }) => `${file.path} → ${target}`));
    expect(wrong).toEqual([]);
  });

  it("holds no module-level cache in graphs, nodes or the runtime layer: caches live in the services a graph is built with", () => {
    const wrong = files
      .filter((file) => ["graphs", "nodes", "runtime"].includes(top(file.path)) && !isTest(file.path))
      .filter((file) => /^(const|let)\s+\w+\s*=\s*new (Map|WeakMap|Set|BoundedCache)\b/m.test(readFileSync(join(ROOT, file.path), "utf8")))
      .map((file) => file.path);
    expect(wrong).toEqual([]);
  });

  it("keeps every file under 300 lines", () => {
    const long = files.filter((file) => readFileSync(join(ROOT, file.path), "utf8").split("\n").length > 300).map((file) => file.path);
    expect(long).toEqual([]);
  });
});
