import { localChatLlm } from "../../tools/localModels/localChatLlm.js";
import { localModel, localModelsMissing } from "../../tools/localModels/manifest.js";
import type { z } from "zod";

/** The task descriptions the teachers get, per benchmark dataset (a weak model needs the label meanings spelt out). */
export const TASKS: Record<string, { description: string; labelDescriptions?: Record<string, string> }> = {
  trec6: {
    description: "Classify each question by the kind of answer it asks for.",
    labelDescriptions: {
      ABBR: "the answer is an abbreviation or what one stands for",
      DESC: "the answer is a description, definition, manner or reason",
      ENTY: "the answer is an entity: a thing, animal, colour, food, product, event, term",
      HUM: "the answer is a person or a group of people",
      LOC: "the answer is a place",
      NUM: "the answer is a number: a count, date, distance, price, percentage, speed",
    },
  },
  "sst2-sentences": { description: "Classify the sentiment of each movie review sentence." },
  ag_news: { description: "Classify each news article by its topic." },
};

/** A teacher of the benchmark, by its spec: `simulated:<model>[@<demonstration weight>]` or `llama:<installed model>`. */
export interface BenchTeacher {
  readonly spec: string;
  readonly simulated: boolean;
  readonly llm: z.input<typeof import("../../tools/llm/config.js").LlmSchema>;
  /** What the table calls it: the model, its quantization for a real one, "simulated" for the simulator. */
  readonly label: string;
}

/**
 * Makes a teacher from its spec. Real models run in this process through node-llama-cpp with one
 * thread, on provider llama-cpp priced at 0 (a local model costs compute, not money: its seconds
 * are reported instead).
 */
export function benchTeacher(spec: string, threads: number): BenchTeacher {
  const [kind, rest] = [spec.slice(0, spec.indexOf(":")), spec.slice(spec.indexOf(":") + 1)];
  if (kind === "simulated") {
    const [model, weight] = rest.split("@");
    const demonstrationWeight = weight === undefined ? 0 : Number(weight);
    if (!(demonstrationWeight >= 0 && demonstrationWeight <= 1)) throw new Error(`${spec}: the demonstration weight must be in [0, 1]`);
    return {
      spec,
      simulated: true,
      llm: { provider: "simulated", model, simulation: { demonstrationWeight } },
      label: `${model} (simulated${demonstrationWeight > 0 ? `, follows demonstrations w = ${demonstrationWeight}` : ", ignores demonstrations"})`,
    };
  }
  if (kind === "llama") {
    const missing = localModelsMissing();
    if (missing) throw new Error(missing);
    const entry = localModel(rest);
    return {
      spec,
      simulated: false,
      // A local model is compute, not a network: on a busy machine a call of 10 items can take minutes,
      // and a timeout would only throw that work away and ask again.
      llm: { ...localChatLlm(rest, { threads, maxTokens: 400 }), timeoutMs: 1_800_000 },
      label: `${rest} (${entry.quantization}, llama.cpp, ${threads} thread${threads > 1 ? "s" : ""})`,
    };
  }
  throw new Error(`unknown teacher "${spec}": simulated:<model>[@<weight>] or llama:<installed model>`);
}
