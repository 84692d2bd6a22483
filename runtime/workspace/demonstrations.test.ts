import { describe, expect, it } from "vitest";
import { fixtureConfig } from "../../test/helpers/fixtures.js";
import { selectRows } from "../../tools/linalg/csr.js";
import { parseRunConfig } from "../config/runConfig.js";
import { createServices } from "../services.js";
import { demonstrationsFor } from "./demonstrations.js";

describe("k-NN demonstrations", () => {
  it("are class-balanced: from a labeled set of 20 of one class and 2 of each other, every call gets each class", async () => {
    const workspace = await createServices().workspace(parseRunConfig(fixtureConfig()));
    const gold = new Map(
      workspace
        .oracle(0, 0)
        .annotate([...workspace.pool.ids])
        .map(({ id, label }) => [id, label]),
    );
    const ofClass = (label: string, n: number) => workspace.pool.ids.filter((id) => gold.get(id) === label).slice(0, n);
    const ids = [...ofClass("food_", 20), ...ofClass("sport", 2), ...ofClass("tech_", 2)];
    const labeled = {
      items: ids.map((id) => ({ id, text: workspace.textOf(id), label: gold.get(id)! })),
      rows: selectRows(
        workspace.poolFeatures,
        ids.map((id) => workspace.pool.indexOf(id)),
      ),
    };
    // Food items to label: their nearest labeled neighbours are all food.
    const queries = workspace.pool.ids.filter((id) => gold.get(id) === "food_" && !ids.includes(id)).slice(0, 4);
    const demos = demonstrationsFor(
      workspace,
      labeled,
      queries.map((id) => [id]),
      3,
    );
    for (const call of demos) expect(call.map((demo) => demo.label).sort()).toEqual(["food_", "sport", "tech_"]);
    // With k = 6, at most two of a class: the two of each minority class, and two food items.
    const six = demonstrationsFor(workspace, labeled, [[queries[0]]], 6)[0];
    expect(six.map((demo) => demo.label).sort()).toEqual(["food_", "food_", "sport", "sport", "tech_", "tech_"]);
  });
});
