/**
 * The text of each generated token, such that the pieces joined are exactly the reply's text: what
 * `labelProbability` (tools/llm/confidence.ts) needs to find the tokens that spell a label.
 *
 * A token is not always whole characters: byte-level tokenizers split a multi-byte character
 * across tokens, and detokenizing one of them alone gives U+FFFD. Such tokens are held until the
 * character completes; the character's text goes to the first of them and "" to the rest, so each
 * token still overlaps the text it helped spell. Tokens are detokenized with the tokens before
 * them as context, so a SentencePiece word-start token gets its leading space.
 */
export class TokenPieces {
  private readonly tokens: number[] = [];
  private readonly pieces: string[] = [];
  /** Index of the first token whose text is not yet known (an incomplete character). */
  private pending = 0;

  constructor(
    private readonly detokenize: (tokens: readonly number[], lastTokens: readonly number[]) => string,
    /** Tokens before the reply (the end of the prompt), context for the first tokens. */
    private readonly before: readonly number[] = [],
  ) {}

  push(token: number): void {
    this.tokens.push(token);
    const held = this.tokens.slice(this.pending);
    const context = [...this.before, ...this.tokens.slice(0, this.pending)].slice(-8);
    const text = this.detokenize(held, context);
    if (text.endsWith("\uFFFD") && held.length < 4) return;
    this.pieces.push(text, ...held.slice(1).map(() => ""));
    this.pending = this.tokens.length;
  }

  /** The pieces so far, one per token (held tokens included, with what they decode to now). */
  texts(): string[] {
    if (this.pending === this.tokens.length) return [...this.pieces];
    const held = this.tokens.slice(this.pending);
    const context = [...this.before, ...this.tokens.slice(0, this.pending)].slice(-8);
    return [...this.pieces, this.detokenize(held, context), ...held.slice(1).map(() => "")];
  }

  get length(): number {
    return this.tokens.length;
  }
}
