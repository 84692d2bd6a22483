/**
 * Watches a reply as it is generated and tells when its first JSON value is complete. A reply
 * constrained by a JSON-schema grammar can only continue with whitespace after that, so the
 * generation stops there (waiting for the model to end it wastes tokens, and stopping on a run
 * of blank tokens would cut pretty-printed JSON, whose indentation is blank tokens).
 */
export class JsonEnd {
  private depth = 0;
  private started = false;
  private inString = false;
  private escaped = false;
  private done = false;

  /** Feeds the next piece of text; true once the first JSON object or array has closed. */
  push(text: string): boolean {
    for (const char of text) {
      if (this.done) break;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === "\\") this.escaped = true;
        else if (char === '"') this.inString = false;
      } else if (char === '"') this.inString = true;
      else if (char === "{" || char === "[") {
        this.depth++;
        this.started = true;
      } else if (char === "}" || char === "]") {
        this.depth--;
        if (this.started && this.depth === 0) this.done = true;
      }
    }
    return this.done;
  }
}
