/**
 * The answer a response gives, for checking it and for measuring agreement between responses.
 * With a label set (prompts made from a labeled dataset): the label the response starts with, else
 * the first label it names as a whole word, else null (the response answers nothing checkable).
 * Without one: the response's first sentence, lowercased, punctuation and spacing collapsed.
 */
export function answerOf(response: string, classes: readonly string[]): string | null {
  if (classes.length === 0) return normalizedFirstSentence(response);
  const text = response.trim().toLowerCase();
  // Longest first, so "Sci/Tech" is not read as a label "Sci".
  const byLength = [...classes].sort((a, b) => b.length - a.length);
  for (const label of byLength) {
    const lower = label.toLowerCase();
    if (text.startsWith(lower) && !isWordChar(text.charAt(lower.length))) return label;
  }
  let best: { label: string; at: number } | null = null;
  for (const label of byLength) {
    const at = wordIndex(text, label.toLowerCase());
    if (at >= 0 && (best === null || at < best.at)) best = { label, at };
  }
  return best?.label ?? null;
}

function normalizedFirstSentence(response: string): string | null {
  const first = response.trim().split(/(?<=[.!?])\s|\n/)[0] ?? "";
  const normalized = first
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .slice(0, 120);
  return normalized.length > 0 ? normalized : null;
}

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}_]/u.test(char);
}

/** Where `word` occurs in `text` with no word character on either side, or −1. */
function wordIndex(text: string, word: string): number {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isWordChar(text.charAt(at - 1)) && !isWordChar(text.charAt(at + word.length))) return at;
  }
  return -1;
}
