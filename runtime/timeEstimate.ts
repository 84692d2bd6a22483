import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { LlmConfig } from "../tools/llm/config.js";
import type { LlmClient } from "../tools/llm/llmClient.js";
import { annotationPrompt, type ChatTurn } from "../tools/llm/prompts/annotatePrompt.js";
import { generationPrompt } from "../tools/llm/prompts/generatePrompt.js";
import { annotationGrammar, type ReplyGrammar, textsGrammar } from "../tools/llm/providers/replyGrammars.js";
import { taskInstructions, type RunConfig } from "./config/runConfig.js";
import type { Workspace } from "./workspace/workspace.js";

/** One calibration call of a local model: what it read and wrote, and how long it took on this machine. */
export interface Calibration {
  readonly model: string;
  readonly role: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly seconds: number;
  /** Loading the model (once per process), measured before the call. */
  readonly loadSeconds: number;
}

/** How long a run's local models will compute: per label, per generation round, from calibration calls. */
export interface TimeEstimate {
  readonly perLabelSeconds: number;
  readonly perGenerationRoundSeconds: number | null;
  readonly calibrations: readonly Calibration[];
}

interface LocalModel {
  engine(): Promise<unknown>;
}
const isLocal = (model: BaseChatModel): model is BaseChatModel & LocalModel => typeof (model as Partial<LocalModel>).engine === "function";

/**
 * Seconds of local compute a run will take, estimated from one real call per local model and role
 * on this machine (not from a table): the annotation prompt with a pool text of average length as
 * each item and as each demonstration, constrained by its grammar as in the run, and a generation
 * call when a local model generates. The first call reads the whole prompt; in a run, calls of one
 * task share the instructions, which the model does not read again, so the estimate errs high.
 * Self-consistency counts every sample as a full call (it also reuses the prompt). Remote models
 * take no local time: null when the run has no local model.
 */
export async function estimateLocalSeconds(config: RunConfig, workspace: Workspace, clientOf: (llm: LlmConfig) => LlmClient): Promise<TimeEstimate | null> {
  const text = typicalText(workspace);
  const instructions = taskInstructions(config);
  const labels = workspace.classes;
  const calibrations: Calibration[] = [];
  const measure = async (llm: LlmConfig, role: string, turns: ChatTurn[], grammar: ReplyGrammar): Promise<number | null> => {
    if (llm.provider !== "llama-cpp") return null;
    const client = clientOf(llm);
    const model = client.chatModel;
    if (!isLocal(model)) return null;
    const loading = performance.now();
    await model.engine();
    const loadSeconds = (performance.now() - loading) / 1000;
    const started = performance.now();
    const reply = await model.invoke(
      turns.map((turn) => ({ role: turn.role, content: turn.content })),
      { grammar, temperature: 0 } as Parameters<BaseChatModel["invoke"]>[1],
    );
    const seconds = (performance.now() - started) / 1000;
    calibrations.push({
      model: client.key,
      role,
      inputTokens: reply.usage_metadata?.input_tokens ?? 0,
      outputTokens: reply.usage_metadata?.output_tokens ?? 0,
      seconds,
      loadSeconds,
    });
    return seconds;
  };

  const annotator = config.annotator;
  let perLabelSeconds = 0;
  if (annotator.kind === "llm" || annotator.kind === "committee") {
    const perCall = annotator.itemsPerCall;
    const items = Array.from({ length: perCall }, (_, i) => ({ key: String(i + 1), text }));
    const itemKeys = items.map((item) => item.key);
    if (annotator.kind === "llm") {
      // As tools/llm/annotator.ts asks: "auto" takes a local model's logprobs, and asks others for a number too.
      const askConfidence = annotator.confidence === "verbalized" || (annotator.confidence === "auto" && annotator.llm.provider !== "llama-cpp");
      const turns = annotationPrompt({
        instructions,
        labels,
        labelDescriptions: config.task.labelDescriptions,
        demonstrations: Array.from({ length: annotator.demonstrations }, (_, i) => ({ text, label: labels[i % labels.length] })),
        items,
        askConfidence,
        chainOfThought: annotator.chainOfThought,
      });
      const grammar = annotationGrammar({ labels, itemKeys, confidence: askConfidence, reasoning: annotator.chainOfThought });
      const samples = annotator.confidence === "self-consistency" ? annotator.samples : 1;
      perLabelSeconds += (((await measure(annotator.llm, "annotate", turns, grammar)) ?? 0) * samples) / perCall;
      if (annotator.escalation) perLabelSeconds += ((await measure(annotator.escalation.llm, "escalation", turns, grammar)) ?? 0) / perCall;
    } else {
      for (const member of config.committee.members) {
        if (member.kind !== "llm") continue;
        // Members answer with confidence "auto" (nodes/committee/vote.ts).
        const askConfidence = member.llm.provider !== "llama-cpp";
        const turns = annotationPrompt({ instructions, labels, demonstrations: [], items, askConfidence, chainOfThought: member.chainOfThought });
        const grammar = annotationGrammar({ labels, itemKeys, confidence: askConfidence, reasoning: member.chainOfThought });
        perLabelSeconds += ((await measure(member.llm, "committee member", turns, grammar)) ?? 0) / perCall;
      }
    }
  }
  let perGenerationRoundSeconds: number | null = null;
  if (config.generation) {
    const { llm, perCall, perRound, examples } = config.generation;
    const turns = generationPrompt({
      instructions,
      labels,
      labelDescriptions: config.task.labelDescriptions,
      target: labels[0],
      count: perCall,
      examples: Array.from({ length: examples }, () => text),
    });
    const seconds = await measure(llm, "generate", turns, textsGrammar(perCall));
    if (seconds !== null) perGenerationRoundSeconds = seconds * Math.ceil(perRound / perCall);
  }
  return calibrations.length === 0 ? null : { perLabelSeconds, perGenerationRoundSeconds, calibrations };
}

/** The pool text whose length is nearest the average: a stand-in for what a run will send. */
function typicalText(workspace: Workspace): string {
  const mean = workspace.meanTextBytes;
  let best = workspace.pool.texts[0] ?? "";
  for (const text of workspace.pool.texts) if (Math.abs(Buffer.byteLength(text, "utf8") - mean) < Math.abs(Buffer.byteLength(best, "utf8") - mean)) best = text;
  return best;
}
