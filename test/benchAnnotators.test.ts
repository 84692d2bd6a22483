import { describe, expect, it } from "vitest";
import { benchAnnotator } from "../evals/annotators.js";
import { SCHROEDER_2022 } from "../evals/protocol.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { ConfigError } from "../tools/errors.js";
import { fixtureConfig } from "./helpers/fixtures.js";

describe("benchmark annotators with a real local model", () => {
  it("reads the local model after @, into a llama-cpp LLM of a valid run config, and marks it real", () => {
    const llm = benchAnnotator("llm@smollm2", { threads: 1 });
    expect(llm.simulated).toBe(false);
    expect(llm.llm).toEqual({ kind: "local", model: "smollm2-135m-instruct" });
    const config = llm.config(SCHROEDER_2022);
    expect(config).toMatchObject({ kind: "llm", llm: { provider: "llama-cpp", model: "smollm2-135m-instruct", concurrency: 1, llamaCpp: { threads: 1 } } });
    // The run config accepts it (whether the model is installed is checked when the benchmark starts).
    expect(parseRunConfig(fixtureConfig({ annotator: config })).annotator).toMatchObject({ kind: "llm", llm: { provider: "llama-cpp" } });

    // Threshold and model in either order; gemma3 and the manifest's own names work too.
    for (const name of ["hybrid@0.8@smollm2", "hybrid@smollm2@0.8", "hybrid@0.8@smollm2-135m-instruct"]) {
      expect(benchAnnotator(name, { threads: 2 }).config(SCHROEDER_2022)).toMatchObject({
        llm: { provider: "llama-cpp", model: "smollm2-135m-instruct", llamaCpp: { threads: 2 } },
        review: { acceptAbove: 0.8, humanFeeUsd: 0.05 },
      });
    }
    expect(benchAnnotator("value@2@gemma3").config(SCHROEDER_2022)).toMatchObject({ llm: { model: "gemma-3-270m" }, value: { labelValueUsd: 2 } });
    expect(benchAnnotator("hybrid@gemma3").config(SCHROEDER_2022)).toMatchObject({ review: { acceptAbove: 0.9 } });

    // Without a model the LLM is the simulator, and the annotator says so.
    const simulated = benchAnnotator("hybrid@0.8");
    expect(simulated.simulated).toBe(true);
    expect(simulated.config(SCHROEDER_2022)).toMatchObject({ llm: { provider: "simulated", model: "gpt-4o-mini" } });
    expect(benchAnnotator("oracle").llm).toBeUndefined();
  });

  it("refuses an unknown local model in one line naming it and the models known", () => {
    let error: unknown;
    try {
      benchAnnotator("hybrid@0.8@llama-70b");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    expect(message).toMatch(/^annotator "hybrid@0\.8@llama-70b": unknown local model "llama-70b" \(known: smollm2, gemma3, /);
  });

  it.each(["llm@0.8", "llm@smollm2@gemma3", "hybrid@0.8@0.9@smollm2", "hybrid@@smollm2", "oracle@smollm2", "robot@smollm2"])("refuses %s", (name) => {
    expect(() => benchAnnotator(name)).toThrow(ConfigError);
  });
});
