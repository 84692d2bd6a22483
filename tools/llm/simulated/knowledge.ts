/**
 * How much of the reservoir a simulated model learns from, by the model it stands for: the larger
 * models see all of it, the small ones a part, so cascades (a cheap model, then a strong one) and
 * committees of different models behave as they would with real ones. An assumption of the
 * simulation, not a measurement of the real models.
 */
const KNOWLEDGE: Readonly<Record<string, number>> = {
  "gpt-4o": 1,
  "gpt-4.1": 1,
  "gpt-5": 1,
  "o4-mini": 0.8,
  "gpt-5-mini": 0.7,
  "gpt-4.1-mini": 0.6,
  "gpt-4o-mini": 0.5,
  "gpt-5-nano": 0.3,
  "gpt-4.1-nano": 0.25,
};

export function defaultKnowledge(model: string): number {
  return KNOWLEDGE[model] ?? 0.5;
}
