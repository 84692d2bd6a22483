import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("the activeDistillation graph as langgraph.json serves it", () => {
  it("is registered, compiles under its name, and draws every node and branch", async () => {
    const entry = (JSON.parse(readFileSync(new URL("../../langgraph.json", import.meta.url), "utf8")) as { graphs: Record<string, string> }).graphs
      .activeDistillation;
    expect(entry).toBe("./graphs/activeDistillation/graph.ts:graph");
    const { graph } = await import("./graph.js");
    expect(graph.name).toBe("activeDistillation");
    const drawn = (await graph.getGraphAsync()).drawMermaid();
    for (const node of ["initialize", "askTeacher", "trainStudent", "stop", "select", "smallLossFilter"]) expect(drawn).toContain(node);
    // The conditional edges are drawn too: the teacher's loop, and stop's three ways out.
    expect(drawn).toMatch(/askTeacher -\.-> askTeacher/);
    expect(drawn).toMatch(/stop -\.-> __end__/);
    expect(drawn).toMatch(/stop -\.-> smallLossFilter/);
  });
});
