/**
 * scikit-learn's default word tokenizer for `TfidfVectorizer`: lowercase, then every run of two or
 * more word characters (`(?u)\b\w\w+\b`). Python's Unicode `\w` is letters, digits and underscore,
 * which is what the character classes below spell out.
 */
const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}
