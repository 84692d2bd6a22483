import { createServices, type Services } from "../../runtime/services.js";
import type { RunConfig } from "../../runtime/config/runConfig.js";
import type { HumanResponder, PendingQuestion } from "./runThread.js";

/**
 * People simulated from the gold labels (optionally noisy), answering every question at once: the
 * human side of benchmarks and tests. Answers are keyed by interrupt id, one Command for all the
 * pending tasks.
 */
export function simulatedHumans(
  config: RunConfig,
  options: { noiseRate?: number; onAsk?: (questions: readonly PendingQuestion[]) => void; services?: Services } = {},
): HumanResponder {
  const services = options.services ?? createServices();
  return async (questions) => {
    options.onAsk?.(questions);
    const oracle = (await services.workspace(config)).oracle(options.noiseRate ?? 0, config.seed);
    return Object.fromEntries(
      questions.map((question) => [
        question.interruptId,
        Object.fromEntries(oracle.annotate(question.request.items.map((item) => item.id)).map(({ id, label }) => [id, label])),
      ]),
    );
  };
}
