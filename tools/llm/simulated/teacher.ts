/**
 * What the simulated LLM knows: a model trained on a reservoir of gold labels kept out of the
 * pool, so its mistakes fall on items that are hard for a text classifier, and its probabilities
 * mean something; and the reservoir texts by class, which it "writes" when asked to generate.
 */
export interface Teacher {
  readonly labels: readonly string[];
  /** Class probabilities for a text, in the order of `labels`. */
  probabilities(text: string): Float32Array;
  /** Reservoir texts by label. */
  readonly reservoir: ReadonlyMap<string, readonly string[]>;
  /** Words of the text that speak most for `label`, strongest first (for simulated reasoning). */
  keyTerms?(text: string, label: string, count: number): string[];
}
