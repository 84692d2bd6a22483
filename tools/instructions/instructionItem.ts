/**
 * One prompt of the instruction paradigms (active SFT, active preference), in the Alpaca shape:
 * an instruction and, optionally, the input it is about. A prompt made from a labeled text is the
 * template's question (the instruction) about the text (the input); a prompt from a file is its
 * own instruction.
 */
export interface InstructionItem {
  readonly id: string;
  readonly instruction: string;
  readonly input?: string;
}

/** The prompt as a fine-tuned model sees it (the user message of an exported example). */
export function promptText(item: Pick<InstructionItem, "instruction" | "input">): string {
  return item.input ? `${item.instruction}\n\n${item.input}` : item.instruction;
}

/** The text the prompt is about: its input, else the instruction itself (what vectors and features are made of). */
export function subjectText(item: Pick<InstructionItem, "instruction" | "input">): string {
  return item.input ?? item.instruction;
}
