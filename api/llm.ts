/**
 * LLMs: the provider config, prices, the offline simulated model, and the prompts activegraph sends
 * (with their parsers, for a chat model of your own that answers them).
 */
export { type LlmConfig, LlmSchema, modelKey } from "../tools/llm/config.js";
export { registerChatModel } from "../tools/llm/customModels.js";
export { costUsd, type Price, PRICE_TABLE, priceFor } from "../tools/llm/prices.js";
export { ANNOTATE_TASK, AnnotationReplySchema, annotationPrompt, type ChatTurn, parseAnnotationPrompt } from "../tools/llm/prompts/annotatePrompt.js";
export { GENERATE_TASK, generationPrompt, parseGenerationPrompt } from "../tools/llm/prompts/generatePrompt.js";
export { parseQualityPrompt, QUALITY_TASK, qualityPrompt } from "../tools/llm/prompts/qualityPrompt.js";
export { parseRankPrompt, RANK_TASK, rankPrompt } from "../tools/llm/prompts/rankPrompt.js";
export { parseVerificationPrompt, VERIFY_TASK, verificationPrompt } from "../tools/llm/prompts/verifyPrompt.js";
export { SimulatedChatModel } from "../tools/llm/simulated/simulatedChatModel.js";
