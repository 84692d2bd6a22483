import type { LlmClient } from "./llmClient.js";
import type { ChatTurn } from "./prompts/annotatePrompt.js";

/** A chat model that can count its own tokens (a local model: its chat template and tokenizer). */
interface CountsTokens {
  promptTokens(turns: readonly ChatTurn[]): Promise<number>;
  contextSize(): Promise<number>;
}

const countsTokens = (model: unknown): model is CountsTokens =>
  typeof (model as CountsTokens).promptTokens === "function" && typeof (model as CountsTokens).contextSize === "function";

/** Prompt tokens as the model counts them where it can (a local model), else UTF-8 bytes / 2 (the estimate budgets use). */
export async function promptTokens(client: LlmClient, turns: readonly ChatTurn[]): Promise<number> {
  const model = client.chatModel;
  if (countsTokens(model)) return model.promptTokens(turns);
  return Math.ceil(turns.reduce((sum, turn) => sum + Buffer.byteLength(turn.content, "utf8"), 0) / 2) + 8 * turns.length;
}

/**
 * The most prompt tokens a call may have: the context window less `maxTokens` for the reply, so the
 * reply never pushes the prompt out of the context. Null when the model's window is not known (a
 * remote model with no `contextTokens` set): then calls are not split.
 */
export async function promptTokenLimit(client: LlmClient): Promise<number | null> {
  const model = client.chatModel;
  const window = client.config.contextTokens ?? (countsTokens(model) ? await model.contextSize() : null);
  return window === null ? null : window - client.config.maxTokens;
}

/** An item that cannot be asked about: even alone, with nothing optional, its prompt does not fit. */
export interface TooLong<T> {
  readonly item: T;
  readonly reason: string;
}

/** The calls a list of items becomes: each with its items and how many of the optional extras (demonstrations, examples) it keeps. */
export interface FittedCall<T> {
  readonly items: T[];
  readonly extras: number;
}

/**
 * Splits `items` into calls whose prompts fit the model's context: a call that does not fit is
 * halved until it does; a single item that does not fit drops the optional extras of its prompt
 * (demonstrations, examples; the last, least similar, first); an item that fits with none is
 * refused with one line saying how many tokens it needs and what the context leaves. Models whose
 * context is not known get one call with every extra.
 */
export async function fitToContext<T>(
  client: LlmClient,
  items: readonly T[],
  extras: number,
  build: (items: readonly T[], extras: number) => ChatTurn[],
): Promise<{ calls: FittedCall<T>[]; tooLong: TooLong<T>[] }> {
  const limit = await promptTokenLimit(client);
  if (limit === null || items.length === 0) return { calls: items.length > 0 ? [{ items: [...items], extras }] : [], tooLong: [] };
  const calls: FittedCall<T>[] = [];
  const tooLong: TooLong<T>[] = [];
  const place = async (part: readonly T[]): Promise<void> => {
    if ((await promptTokens(client, build(part, extras))) <= limit) {
      calls.push({ items: [...part], extras });
      return;
    }
    if (part.length > 1) {
      const half = Math.ceil(part.length / 2);
      await place(part.slice(0, half));
      await place(part.slice(half));
      return;
    }
    for (let keep = extras - 1; keep >= 0; keep--) {
      if ((await promptTokens(client, build(part, keep))) <= limit) {
        calls.push({ items: [...part], extras: keep });
        return;
      }
    }
    const needed = await promptTokens(client, build(part, 0));
    tooLong.push({
      item: part[0],
      reason: `too long for ${client.key}: its prompt needs ${needed} tokens, and the context leaves ${limit} after ${client.config.maxTokens} for the reply (raise llamaCpp.contextSize or contextTokens, or lower maxTokens)`,
    });
  };
  await place(items);
  return { calls, tooLong };
}
