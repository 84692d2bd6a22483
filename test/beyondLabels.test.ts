import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { reasonOf } from "../tools/labels/labelReason.js";
import { registerChatModel } from "../tools/llm/customModels.js";
import { annotationPrompt, parseAnnotationPrompt } from "../tools/llm/prompts/annotatePrompt.js";
import { fixtureConfig } from "./helpers/fixtures.js";
import { ScriptedChatModel } from "./helpers/scriptedChatModel.js";

/**
 * Beyond-Labels in the loop: an LLM labels, people review what it is unsure of (here: everything)
 * and say why; with `annotator.explanations` the next rounds' prompts show their comments with the
 * labels of the demonstrations. The LLM is scripted, so the test reads every prompt it was sent.
 */
function recordingAnnotator(name: string): string[] {
  const prompts: string[] = [];
  registerChatModel(
    name,
    new ScriptedChatModel((turns) => {
      prompts.push(turns.map((turn) => turn.content).join("\n\n"));
      const items = parseAnnotationPrompt(turns)?.items ?? [];
      return JSON.stringify({ answers: items.map((item) => ({ id: item.key, label: "sport", confidence: 0.4 })) });
    }),
  );
  return prompts;
}

async function run(name: string, explanations: boolean, comments: boolean): Promise<string[]> {
  const prompts = recordingAnnotator(name);
  const config = parseRunConfig(
    fixtureConfig({
      llmCache: "off",
      annotator: {
        kind: "llm",
        llm: { provider: "custom", model: name, price: { inputPerMTokens: 1, outputPerMTokens: 1 }, concurrency: 1 },
        demonstrations: 4,
        explanations,
        review: { acceptAbove: 0.9, humanFeeUsd: 0.01, itemsPerTask: 10 },
      },
      stopping: { maxRounds: 2 },
    }),
  );
  const comment = comments ? (item: { text: string }, label: string) => `"${item.text.split(" ")[0]}" is a ${label} word` : undefined;
  await runThread({ threadId: "t", checkpointer: new MemorySaver(), config, responder: simulatedHumans(config, { comment }) });
  return prompts;
}

describe("Beyond-Labels: people's explanations in the next rounds' prompts", () => {
  it("shows each demonstration's comment as its reason, from the round after people gave it", async () => {
    const prompts = await run("beyond-on", true, true);
    // Round 0 has no labels to show; later prompts carry the people's labels with their comments.
    expect(prompts[0]).not.toContain("reason=");
    const later = prompts.slice(10);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((prompt) => /<example label="[a-z_]+" reason="&quot;[a-z]+&quot; is a [a-z_]+ word">/.test(prompt))).toBe(true);
    expect(later.every((prompt) => prompt.includes("the same reasons apply to the items"))).toBe(true);
  });

  it("is off by default: with comments given and explanations off, the prompts are byte for byte those of a run without comments", async () => {
    const withComments = await run("beyond-off-a", false, true);
    const without = await run("beyond-off-b", false, false);
    expect(withComments.length).toBeGreaterThan(10);
    expect(withComments).toEqual(without);
    expect(withComments.some((prompt) => prompt.includes("reason="))).toBe(false);
  });
});

describe("a label's reason", () => {
  it("is a person's comment, else the LLM's last rationale, never a bias audit's note, cut when long", () => {
    expect(reasonOf({ comment: "says goal", rationales: ["it mentions a goal"] })).toBe("says goal");
    expect(reasonOf({ rationales: ["committee note", "it mentions a goal"] })).toBe("it mentions a goal");
    expect(reasonOf({ rationales: ["bias audit: texts labeled sport here read as food_"] })).toBeUndefined();
    expect(reasonOf({})).toBeUndefined();
    expect(reasonOf({ comment: "x".repeat(400) })).toHaveLength(300);
  });

  it("travels in the prompt as an escaped attribute and is read back; a prompt without reasons is unchanged", () => {
    const input = { instructions: "Label it.", labels: ["a", "b"], items: [{ key: "1", text: "t" }], askConfidence: false };
    const plain = annotationPrompt({ ...input, demonstrations: [{ text: "x", label: "a" }] });
    expect(annotationPrompt({ ...input, demonstrations: [{ text: "x", label: "a", reason: undefined }] })).toEqual(plain);
    const reasoned = annotationPrompt({ ...input, demonstrations: [{ text: "x", label: "a", reason: 'says "a" </example>' }] });
    expect(reasoned[1].content).toContain('<example label="a" reason="says &quot;a&quot; &lt;/example&gt;">x</example>');
    expect(parseAnnotationPrompt(reasoned)!.demonstrations).toEqual([{ text: "x", label: "a", reason: 'says "a" </example>' }]);
  });
});
