import type { ChatTurn } from "./annotatePrompt.js";
import { tagged } from "./delimit.js";
import { labelList } from "./labelList.js";

/** A block of tagged texts in the user turn: a heading line, then one `<tag …>text</tag>` a line. */
export interface PromptSection {
  readonly heading: string;
  readonly tag: string;
  /** `after`: a line under the entry (a demonstration's answer, spelt as the reply would be). */
  readonly entries: ReadonlyArray<{ readonly attributes: Record<string, string>; readonly text: string; readonly after?: string }>;
  /** Left out altogether when it has no entries (demonstrations before the first label). */
  readonly optional?: boolean;
}

/** What differs between activegraph's prompts; the skeleton around it is the same for every role. */
export interface PromptSpec {
  /** The first line, `activegraph task: …`, by which logs and the offline simulator tell prompts apart. */
  readonly task: string;
  /** Who the model is in this role, in one sentence. */
  readonly role: string;
  /** The user's task description. */
  readonly instructions: string;
  readonly labels: readonly string[];
  readonly labelDescriptions?: Readonly<Record<string, string>>;
  /** Lines after the label list: settings of the call and the rules of the role. */
  readonly rules: readonly string[];
  /** The last system line: the JSON the reply must be. */
  readonly answer: string;
  readonly sections: readonly PromptSection[];
}

/**
 * Every LLM role's prompt: a system turn (task marker, role, instructions, the label list, the
 * rules, the answer's JSON shape) and a user turn of tagged, escaped texts, so nothing a pool text
 * says can pose as an instruction.
 */
export function buildPrompt(spec: PromptSpec): ChatTurn[] {
  const system = [spec.task, spec.role, spec.instructions, "", ...labelList(spec.labels, spec.labelDescriptions), "", ...spec.rules, spec.answer].join("\n");
  const user = spec.sections
    .filter((section) => !section.optional || section.entries.length > 0)
    .map((section) =>
      [section.heading, ...section.entries.flatMap((entry) => [tagged(section.tag, entry.attributes, entry.text), ...(entry.after ? [entry.after] : [])])].join(
        "\n",
      ),
    )
    .join("\n\n");
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}
