import { afterEach, describe, expect, it, vi } from "vitest";
import { benchHoldsOut, cellLlms, checkConfigLlms, configLlms, configLlmsName } from "../evals/configLlms.js";
import { llmRoles, parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { ConfigError } from "../tools/errors.js";
import { fixtureConfig } from "./helpers/fixtures.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

const SMOLLM2 = { provider: "llama-cpp", model: "smollm2-135m-instruct" } as const;
const config = (overrides: Partial<RunConfigInput>) => parseRunConfig(fixtureConfig(overrides));

describe("the LLMs --config gives benchmark cells beside the annotator's", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("finds each by its role, exactly the run's LLM roles when people label", () => {
    const cases: Array<[Partial<RunConfigInput>, string[]]> = [
      [{}, []],
      [{ generation: { ratio: 0.5, llm: SMOLLM2 } }, ["generation"]],
      // Selection's LLM counts only for a strategy that asks an LLM.
      [{ selection: { llm: SMOLLM2 } }, []],
      [{ strategy: "ask-llm", selection: { llm: SMOLLM2 } }, ["selection"]],
      [{ strategy: "cot-qbc", generation: {} }, ["generation", "committee", "committee", "committee"]],
    ];
    for (const [overrides, roles] of cases) {
      const run = config(overrides);
      const llms = configLlms(run);
      expect(llms.map((llm) => llm.role)).toEqual(roles);
      expect(new Set(llms.map((llm) => llm.llm))).toEqual(new Set(llmRoles(run)));
    }
    expect(configLlms(config({ generation: { llm: SMOLLM2 } }))[0].llm).toMatchObject(SMOLLM2);
  });

  it("names them by role for the report, a local file by its name", () => {
    expect(configLlmsName([])).toBeUndefined();
    expect(configLlmsName(configLlms(config({ generation: {} })))).toBe("generation: simulated gpt-4o-mini");
    // The committee's two gpt-4o-mini members (one at a temperature) are one name.
    expect(configLlmsName(configLlms(config({ strategy: "cot-qbc" })))).toBe("committee: simulated gpt-4o-mini, simulated gpt-4.1-mini");
    const file = writeFile(tempDir(), "tiny-model.Q8_0.gguf", "not read here");
    const local = configLlms(config({ generation: { llm: { provider: "llama-cpp", model: file } } }));
    expect(configLlmsName(local)).toBe("generation: tiny-model.Q8_0");
    // A cell is simulated only when its annotator and every other LLM in it are; the annotator's LLM is named first.
    expect(cellLlms({ simulated: true }, [])).toEqual({ simulated: true });
    expect(cellLlms({ simulated: true }, configLlms(config({ generation: {} })))).toEqual({ simulated: true, llm: "generation: simulated gpt-4o-mini" });
    expect(cellLlms({ simulated: true }, local)).toEqual({ simulated: false, llm: "generation: tiny-model.Q8_0" });
    expect(cellLlms({ simulated: false, llmName: "SmolLM2-135M-Instruct Q4_1" }, configLlms(config({ generation: {} })))).toEqual({
      simulated: false,
      llm: "SmolLM2-135M-Instruct Q4_1; generation: simulated gpt-4o-mini",
    });
  });

  it("holds the simulator's reservoir out of every cell's pool when a role is the simulator, an annotator has an LLM, or --config asks", () => {
    const none = config({});
    const simulated = config({ generation: {} });
    const local = config({ generation: { llm: SMOLLM2 } });
    expect(benchHoldsOut(false, [none])).toBe(false);
    // Without it the protocol's initial labels, drawn from the whole training split, may be reservoir items the cell's pool lacks.
    expect(benchHoldsOut(false, [simulated])).toBe(true);
    expect(benchHoldsOut(false, [none, simulated])).toBe(true);
    expect(benchHoldsOut(false, [local])).toBe(false);
    expect(benchHoldsOut(false, [config({ generation: { llm: SMOLLM2 }, simulation: { holdOut: "always" } })])).toBe(true);
    expect(benchHoldsOut(true, [none])).toBe(true);
  });

  it("refuses a local model of --config that is not installed, in one line naming its role", async () => {
    vi.stubEnv("ACTIVEGRAPH_MODELS_DIR", tempDir());
    const refused = checkConfigLlms(configLlms(config({ generation: { llm: SMOLLM2 } })));
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(
      /^--config, the generation LLM: llama-cpp model "smollm2-135m-instruct" is not installed \(run scripts\/install-models\.sh\)/,
    );
    await expect(checkConfigLlms(configLlms(config({ generation: {} })))).resolves.toBeUndefined();
  });
});
