import type { HumanItem } from "../../../tools/annotators/humanAnswer.js";
import type { WorkQuestion } from "../protocol.js";

/** Why an item is put to a person, in words (the reasons askHuman gives). */
const REASONS: Record<string, string> = {
  annotation: "People label every item of this run.",
  review: "The LLM was unsure of its label.",
  "low-confidence": "The LLM was too unsure to suggest a label.",
  "spot-check": "A random check of a label the LLM was sure of.",
  disagreement: "A second model (the verifier) disputed the LLM's label.",
  "llm-failed": "The LLM could not label it.",
};

export interface ItemCardProps {
  readonly question: WorkQuestion;
  readonly item: HumanItem;
  readonly position: number;
  readonly of: number;
  readonly onLabel: (label: string | null) => void;
  readonly onUndo: () => void;
  readonly canUndo: boolean;
}

/** One item: its text, why it was asked, the LLM's suggestion and rationales, and a key per label. */
export function ItemCard({ question, item, position, of, onLabel, onUndo, canUndo }: ItemCardProps) {
  const { request } = question;
  const suggestion = item.suggestion;
  return (
    <div>
      <div class="meta">
        <span>
          item {position} of {of}
        </span>
        <span class="id" data-testid="item-id">
          {item.id}
        </span>
        <span class="badge">round {request.round}</span>
        {question.overlapped && <span class="badge two">asked of two people</span>}
      </div>
      <p class="why" data-testid="reason">
        <strong>Why:</strong> {REASONS[item.reason] ?? item.reason} <span class="badge">{item.reason}</span>
      </p>
      <div class="text" data-testid="item-text">
        {item.text}
      </div>
      {suggestion && (
        <p class="suggestion" data-testid="suggestion">
          <strong>{suggestion.model}</strong> suggests <strong>{suggestion.label}</strong>
          {suggestion.confidence !== null ? ` (confidence ${Math.round(suggestion.confidence * 100)}%)` : " (no confidence given)"}
        </p>
      )}
      {item.rationales && item.rationales.length > 0 && (
        <ul class="rationales">
          {item.rationales.map((rationale) => (
            <li>{rationale}</li>
          ))}
        </ul>
      )}
      <div class="labels">
        {request.classes.map((label, i) => (
          <button type="button" class={suggestion?.label === label ? "suggested" : ""} data-label={label} onClick={() => onLabel(label)}>
            {i < 9 && <kbd>{i + 1}</kbd>}
            {label}
          </button>
        ))}
      </div>
      <div class="actions">
        <button type="button" onClick={() => onLabel(null)}>
          <kbd>s</kbd>skip
        </button>
        <button type="button" onClick={onUndo} disabled={!canUndo}>
          <kbd>u</kbd>undo
        </button>
        {/* Uncontrolled: the page reads it when a key answers, however fast the keys come. */}
        <input type="text" data-testid="comment" placeholder="comment (c to write, Esc to leave)" />
      </div>
    </div>
  );
}
