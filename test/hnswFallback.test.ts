import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

const WITHOUT_HNSWLIB = fileURLToPath(new URL("./helpers/withoutHnswlib.mjs", import.meta.url));
const NOTICE = "activegraph: hnswlib-node is not installed";

describe("without hnswlib-node (an optional dependency)", () => {
  it("runs an index strategy on exact search, says so in one line, and picks what --index exact picks", async () => {
    const out = tempDir();
    const args = ["run", ...FIXTURE_DATA, "--strategy", "information-density", "--max-labels", "30", "--out", out, "--quiet"];
    const missing = await cli([...args, "--thread", "missing"], { NODE_OPTIONS: `--import ${WITHOUT_HNSWLIB}` });
    expect(missing.code, missing.stderr).toBe(0);
    expect(missing.stderr.split("\n").filter((line) => line.includes(NOTICE))).toHaveLength(1);
    const exact = await cli([...args, "--thread", "exact", "--index", "exact"]);
    expect(exact.code, exact.stderr).toBe(0);
    expect(exact.stderr).not.toContain(NOTICE);
    const ids = (thread: string) =>
      readFileSync(join(out, `${thread}.labels.jsonl`), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).id);
    expect(ids("missing")).toHaveLength(30);
    expect(ids("missing")).toEqual(ids("exact"));
  }, 240_000); // two CLI processes: generous, so a busy machine does not trip it
});
