import { createServices, type Services } from "../../runtime/services.js";
import type { RunConfig } from "../../runtime/config/runConfig.js";
import type { HumanItem } from "../../tools/annotators/humanAnswer.js";
import type { HumanResponder, PendingQuestion } from "./runThread.js";

/**
 * People simulated from the gold labels (optionally noisy), answering every question at once: the
 * human side of benchmarks and tests. Answers are keyed by interrupt id, one Command for all the
 * pending tasks.
 */
export function simulatedHumans(
  config: RunConfig,
  options: {
    noiseRate?: number;
    onAsk?: (questions: readonly PendingQuestion[]) => void;
    services?: Services;
    /** A comment with each answer (Beyond-Labels: a person's explanation of the label), or none. */
    comment?: (item: HumanItem, label: string) => string | undefined;
  } = {},
): HumanResponder {
  const services = options.services ?? createServices();
  return async (questions) => {
    options.onAsk?.(questions);
    const oracle = (await services.workspace(config)).oracle(options.noiseRate ?? 0, config.seed);
    return Object.fromEntries(
      questions.map((question) => {
        const items = new Map(question.request.items.map((item) => [item.id, item]));
        const answers = oracle.annotate([...items.keys()]).map(({ id, label }) => {
          const comment = options.comment?.(items.get(id)!, label);
          return [id, comment ? { label, comment } : label];
        });
        return [question.interruptId, Object.fromEntries(answers)];
      }),
    );
  };
}
