/** LLM selection strategies, by the name used in the CLI, the run config and the benchmark. */
export const LLM_SELECTORS = {
  "llm-rank": { summary: "the LLM ranks a shortlist for informativeness and the top of it is queried", reference: "ActiveLLM, Bayer & Reuter 2024" },
  "llm-clusters": { summary: "the pool is clustered; the LLM picks the most useful item of each cluster", reference: "SelectLLM, Parkar et al. 2024" },
  "ask-llm": { summary: "the LLM's P(yes) to 'is this a useful training example?' ranks a shortlist", reference: "Ask-LLM, Sachdeva et al. 2024" },
  "llm-prune": { summary: "the LLM's quality scores drop the weakest of a shortlist, then the shortlist strategy picks", reference: "ActivePrune, Azeemi et al. 2024" },
  "cot-qbc": { summary: "a committee of chain-of-thought LLMs labels a shortlist; the items they split on most are queried", reference: "CoT query-by-committee (Active-Prompt, Diao et al. 2023; APE)" },
} as const;

export type LlmSelectorName = keyof typeof LLM_SELECTORS;
export const LLM_SELECTOR_NAMES = Object.keys(LLM_SELECTORS) as [LlmSelectorName, ...LlmSelectorName[]];

export function isLlmSelector(name: string): name is LlmSelectorName {
  return name in LLM_SELECTORS;
}
