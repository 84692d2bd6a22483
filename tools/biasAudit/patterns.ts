/**
 * A pattern the bias audit's LLM named: labeled items of a cluster (or anywhere, `cluster` null)
 * that carry `label` and (when `keyword` is set) contain that word are suspected of carrying the
 * label for a spurious reason. Matching is plain code: the LLM names the pattern, it never picks
 * items one by one, so one call can flag many items and a pattern can be checked by a person.
 */
export interface BiasPattern {
  /** A cluster of the audit (its number as shown in the prompt), or null for every cluster. */
  readonly cluster: number | null;
  /** The current label the pattern suspects. */
  readonly label: string;
  /** A word the matched items contain (case-insensitive, whole word), or null for any. */
  readonly keyword: string | null;
  /** What the LLM says is wrong, kept with the audit and shown to whoever relabels. */
  readonly description: string;
}

/** A labeled pool item as the audit sees it: its current label and its cluster. */
export interface AuditedItem {
  readonly id: string;
  readonly text: string;
  readonly label: string;
  readonly cluster: number;
}

/** One item a pattern matched, with the first pattern that matched it. */
export interface PatternMatch {
  readonly id: string;
  readonly pattern: number;
}

/**
 * The items matched by any pattern, in the order of `items`, each once (with the first pattern
 * that matched it). A pattern with neither a cluster nor a keyword would match every item of its
 * label, which is no pattern: it matches nothing.
 */
export function matchPatterns(patterns: readonly BiasPattern[], items: readonly AuditedItem[]): PatternMatch[] {
  const tests = patterns.map((pattern) => {
    if (pattern.cluster === null && pattern.keyword === null) return () => false;
    const word = pattern.keyword === null ? null : wordPattern(pattern.keyword);
    return (item: AuditedItem) =>
      item.label === pattern.label && (pattern.cluster === null || item.cluster === pattern.cluster) && (word === null || word.test(item.text));
  });
  const matches: PatternMatch[] = [];
  for (const item of items) {
    const pattern = tests.findIndex((test) => test(item));
    if (pattern >= 0) matches.push({ id: item.id, pattern });
  }
  return matches;
}

/** The keyword as a whole word or phrase, any case: "free" matches "Free!" but not "freedom". */
function wordPattern(keyword: string): RegExp {
  const escaped = keyword.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu");
}
