/** One piece of a reply's text and the log-probability of the token(s) that produced it. */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
}

/**
 * The reply as OpenAI-style logprobs: pieces whose texts join to exactly the reply's text, each
 * with its log-probability, as `labelProbability` (tools/llm/confidence.ts) needs to find the
 * tokens that spell a label.
 *
 * A token is not always whole characters: byte-level tokenizers split a multi-byte character
 * across tokens, and detokenizing one of them alone gives U+FFFD. Such tokens are held until the
 * character completes and become one piece, whose logprob is the sum of theirs (the character's
 * joint probability). Tokens are detokenized with the tokens before them as context, so a
 * SentencePiece word-start token gets its leading space.
 */
export class TokenPieces {
  private readonly tokens: number[] = [];
  private readonly pieces: TokenLogprob[] = [];
  /** Index of the first token whose text is not yet known (an incomplete character). */
  private pending = 0;
  private pendingLogprob = 0;

  constructor(
    private readonly detokenize: (tokens: readonly number[], lastTokens: readonly number[]) => string,
    /** Tokens before the reply (the end of the prompt), context for the first tokens. */
    private readonly before: readonly number[] = [],
  ) {}

  push(token: number, logprob: number): void {
    this.tokens.push(token);
    this.pendingLogprob += logprob;
    const text = this.heldText();
    // A UTF-8 character is at most 4 bytes: past that the U+FFFD is the model's own output.
    if (text.endsWith("\uFFFD") && this.tokens.length - this.pending < 4) return;
    this.pieces.push({ token: text, logprob: this.pendingLogprob });
    this.pending = this.tokens.length;
    this.pendingLogprob = 0;
  }

  /** The pieces so far; held tokens (a reply cut mid-character) as one piece of what they decode to. */
  entries(): TokenLogprob[] {
    if (this.pending === this.tokens.length) return [...this.pieces];
    return [...this.pieces, { token: this.heldText(), logprob: this.pendingLogprob }];
  }

  /** Tokens pushed (the reply's output token count). */
  get length(): number {
    return this.tokens.length;
  }

  private heldText(): string {
    const context = [...this.before, ...this.tokens.slice(0, this.pending)].slice(-8);
    return this.detokenize(this.tokens.slice(this.pending), context);
  }
}
