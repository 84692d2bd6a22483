import { JSON_STRING_RULE, labelAnswersGbnf, literal } from "./answerSchemas.js";
import type { ReplyTemplate } from "./templateReply.js";

/**
 * The shape a reply must have: GBNF text (`json` when it spells one JSON value, so the reply ends
 * where the value closes), and, when every character is fixed but for choices among strings, the
 * same as a template, which a local model answers by reading its distribution over the choices
 * (tools/llm/providers/templateReply.ts) instead of decoding token by token.
 */
export interface ReplyGrammar {
  readonly gbnf: string;
  readonly json?: boolean;
  readonly template?: ReplyTemplate;
}

/**
 * The grammar of each reply activegraph asks for, spelt exactly as its prompt's answer shape (one
 * space after each colon and comma, no freedom of whitespace: small models given it pretty-print
 * their way past the token limit). A model that takes a grammar (llama.cpp) can then only answer
 * in the shape the parser reads, with labels from the set and ids from the prompt.
 */

const oneOf = (values: readonly string[]) => values.map((value) => literal(JSON.stringify(value))).join(" | ");

/**
 * Annotation: one answer per item, in order, each a label of the set (with confidence and reasoning
 * when asked). Without reasoning the reply is also a template; a verbalized confidence is then one
 * of 0.0, 0.1, … 1.0, the number the model finds most probable.
 */
export function annotationGrammar(input: { labels: readonly string[]; itemKeys: readonly string[]; confidence?: boolean; reasoning?: boolean }): ReplyGrammar {
  const template = input.reasoning
    ? undefined
    : slots("answers", input.itemKeys, (key) => [
        `{"id": ${JSON.stringify(key)}, "label": "`,
        { oneOf: inner(input.labels) },
        ...(input.confidence ? ['", "confidence": ', { oneOf: CONFIDENCES }, "}"] : ['"}']),
      ]);
  return { gbnf: labelAnswersGbnf(input), json: true, ...(template ? { template } : {}) };
}

/** The verbalized confidences a template offers: tenths, all spelt with one decimal (no option is a prefix of another). */
const CONFIDENCES = Array.from({ length: 11 }, (_, i) => (i / 10).toFixed(1));

/** Ask-LLM: "yes" or "no" for each item, in order. */
export function qualityGrammar(itemKeys: readonly string[]): ReplyGrammar {
  const template = slots("answers", itemKeys, (key) => [`{"id": ${JSON.stringify(key)}, "label": "`, { oneOf: ["yes", "no"] }, '"}']);
  return { gbnf: labelAnswersGbnf({ labels: ["yes", "no"], itemKeys }), json: true, template };
}

/** LLM ranking: exactly `pick` ids of the candidates (a repeated id is ignored by the parser and the batch filled up). */
export function rankGrammar(itemKeys: readonly string[], pick: number): ReplyGrammar {
  if (itemKeys.length === 0 || pick < 1) throw new Error("rankGrammar: no candidates or nothing to pick");
  const count = Math.min(pick, itemKeys.length);
  const ids = Array.from({ length: count }, () => "id").join(` ${literal(", ")} `);
  const template = joinLiterals([
    '{"ranking": [',
    ...Array.from({ length: count }, (_, i) => [...(i > 0 ? ['", '] : []), '"', { oneOf: inner(itemKeys) }]).flat(),
    '"]}',
  ]);
  return { gbnf: [`root ::= ${literal('{"ranking": [')} ${ids} ${literal("]}")}`, `id ::= ${oneOf(itemKeys)}`].join("\n"), json: true, template };
}

/** Generation: exactly `count` texts, none empty. */
export function textsGrammar(count: number): ReplyGrammar {
  if (count < 1) throw new Error("textsGrammar: count must be at least 1");
  const texts = Array.from({ length: count }, () => "text").join(` ${literal(", ")} `);
  const text = JSON_STRING_RULE.replace(/^string ::=/, "text ::=").replace(/\)\* /, ")+ ");
  return { gbnf: [`root ::= ${literal('{"texts": [')} ${texts} ${literal("]}")}`, text].join("\n"), json: true };
}

/** Verification: one verdict per item, in order, its label one of the set. */
export function verdictsGrammar(itemKeys: readonly string[], labels: readonly string[]): ReplyGrammar {
  if (itemKeys.length === 0 || labels.length === 0) throw new Error("verdictsGrammar: no items or no labels");
  const verdict = (key: string) => [literal(`{"id": ${JSON.stringify(key)}, "correct": `), "bool", literal(', "label": '), "label", literal("}")].join(" ");
  const template = slots("verdicts", itemKeys, (key) => [
    `{"id": ${JSON.stringify(key)}, "correct": `,
    { oneOf: ["true", "false"] },
    ', "label": "',
    { oneOf: inner(labels) },
    '"}',
  ]);
  return {
    template,
    gbnf: [
      `root ::= ${literal('{"verdicts": [')} ${itemKeys.map(verdict).join(` ${literal(", ")} `)} ${literal("]}")}`,
      'bool ::= "true" | "false"',
      `label ::= ${oneOf(labels)}`,
    ].join("\n"),
    json: true,
  };
}

/**
 * Bias audit: up to `maxPatterns` patterns, each a cluster shown (or "any"), a label of the set, a
 * short description and a keyword of at most a few words (both bounded, so a small model cannot
 * ramble past its token limit), no escapes in either.
 */
export function biasAuditGrammar(input: {
  clusterKeys: readonly string[];
  labels: readonly string[];
  maxPatterns: number;
  maxKeyword: number;
  maxDescription: number;
}): ReplyGrammar {
  if (input.clusterKeys.length === 0 || input.labels.length === 0) throw new Error("biasAuditGrammar: no clusters or no labels");
  const pattern = [
    literal('{"cluster": '),
    "cluster",
    literal(', "label": '),
    "label",
    literal(', "description": '),
    "description",
    literal(', "keyword": '),
    "keyword",
    literal("}"),
  ].join(" ");
  const more = input.maxPatterns > 1 ? ` (${literal(", ")} pattern){0,${input.maxPatterns - 1}}` : "";
  const quote = literal('"');
  const plain = '[^"\\\\\\x00-\\x1F]';
  return {
    gbnf: [
      `root ::= ${literal('{"patterns": [')} (pattern${more})? ${literal("]}")}`,
      `pattern ::= ${pattern}`,
      `cluster ::= ${oneOf([...input.clusterKeys, "any"])}`,
      `label ::= ${oneOf(input.labels)}`,
      `description ::= ${quote} ${plain}{1,${input.maxDescription}} ${quote}`,
      `keyword ::= ${quote} ${plain}{0,${input.maxKeyword}} ${quote}`,
    ].join("\n"),
    json: true,
  };
}

/** Strings as they appear between a JSON string's quotes. */
const inner = (values: readonly string[]) => values.map((value) => JSON.stringify(value).slice(1, -1));

/** `{"<key>": [` + each item's parts, comma-separated + `]}`, adjacent literals joined. */
function slots(key: string, itemKeys: readonly string[], item: (itemKey: string) => ReplyTemplate): ReplyTemplate {
  const parts: Array<ReplyTemplate[number]> = [`{"${key}": [`];
  itemKeys.forEach((itemKey, i) => {
    if (i > 0) parts.push(", ");
    parts.push(...item(itemKey));
  });
  parts.push("]}");
  return joinLiterals(parts);
}

/** A template with adjacent literal strings joined into one. */
function joinLiterals(parts: ReplyTemplate): ReplyTemplate {
  const joined: Array<ReplyTemplate[number]> = [];
  for (const part of parts) {
    const last = joined[joined.length - 1];
    if (typeof part === "string" && typeof last === "string") joined[joined.length - 1] = last + part;
    else joined.push(part);
  }
  return joined;
}
