/** Zero-width and invisible formatting characters that make two labels look alike and differ. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\u00AD]/g;

/**
 * A label as activegraph keeps it: NFKC-normalized (full-width and compatibility forms folded),
 * without zero-width characters, trimmed. "HUM ", "ＨＵＭ" and "HU\u200BM" are all "HUM"; case is
 * kept, since "US" and "us" may well be different classes.
 */
export function normalizeLabel(raw: string): string {
  return raw.normalize("NFKC").replace(INVISIBLE, "").trim();
}

/**
 * What normalizing a file's labels changed, as one line for the user, or null when nothing did:
 * how many labels changed, which spellings were merged into an existing class and which were only
 * rewritten, and the classes that differ only in case (kept apart, but worth a look).
 */
export function describeNormalization(file: string, raw: readonly string[]): string | null {
  const normalized = raw.map(normalizeLabel);
  const changed = raw.filter((label, i) => label !== normalized[i]).length;
  const verbatim = new Set(raw.filter((label, i) => label === normalized[i]));
  const variants = new Map<string, string>();
  raw.forEach((label, i) => label !== normalized[i] && variants.set(label, normalized[i]));
  const merged = new Map<string, number>();
  const replaced: string[] = [];
  for (const [variant, label] of variants) {
    const others = [...variants.entries()].filter(([other, target]) => other !== variant && target === label).length;
    if (verbatim.has(label) || others > 0) merged.set(label, (merged.get(label) ?? 0) + 1);
    else replaced.push(`${JSON.stringify(variant)} → ${JSON.stringify(label)}`);
  }
  const byCase = new Map<string, Set<string>>();
  for (const label of new Set(normalized)) byCase.set(label.toLowerCase(), (byCase.get(label.toLowerCase()) ?? new Set()).add(label));
  const twins = [...byCase.values()]
    .filter((group) => group.size > 1)
    .map((group) =>
      [...group]
        .sort()
        .map((label) => JSON.stringify(label))
        .join(" and "),
    );
  if (changed === 0 && twins.length === 0) return null;
  const parts: string[] = [];
  if (changed > 0) {
    const mergedCount = [...merged.values()].reduce((sum, n) => sum + n, 0);
    const what = [
      ...(mergedCount > 0
        ? [`${mergedCount} variant spelling${mergedCount === 1 ? "" : "s"} merged into ${[...merged.keys()].map((label) => JSON.stringify(label)).join(", ")}`]
        : []),
      ...(replaced.length > 0 ? [`${replaced.length} replaced (${replaced.slice(0, 3).join(", ")}${replaced.length > 3 ? ", …" : ""})`] : []),
    ];
    parts.push(`${changed} label${changed === 1 ? "" : "s"} normalized (trimmed, NFKC, zero-width characters removed); ${what.join(", ")}`);
  }
  if (twins.length > 0) parts.push(`${twins.join(", ")} differ only in case and stay apart`);
  return `${file}: ${parts.join("; ")}`;
}
