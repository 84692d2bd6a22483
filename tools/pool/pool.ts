import type { LabeledText } from "./dataset.js";

/**
 * The unlabeled pool as query strategies and the target model see it: ids and texts, by index.
 * It holds no gold labels, so no code that receives a Pool can peek at them.
 */
export class Pool {
  readonly ids: readonly string[];
  readonly texts: readonly string[];
  private readonly indexById: Map<string, number>;

  constructor(items: readonly Pick<LabeledText, "id" | "text">[]) {
    this.ids = items.map((item) => item.id);
    this.texts = items.map((item) => item.text);
    this.indexById = new Map(this.ids.map((id, index) => [id, index]));
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.indexById.has(id);
  }

  indexOf(id: string): number {
    const index = this.indexById.get(id);
    if (index === undefined) throw new Error(`id "${id}" is not in the pool`);
    return index;
  }

  /** Pool indices of the items without a label, ascending. */
  unlabeled(labeledIds: Iterable<string>): Uint32Array {
    const taken = new Uint8Array(this.size);
    let count = 0;
    for (const id of labeledIds) {
      const index = this.indexById.get(id);
      if (index !== undefined && taken[index] === 0) {
        taken[index] = 1;
        count++;
      }
    }
    const out = new Uint32Array(this.size - count);
    for (let i = 0, j = 0; i < this.size; i++) if (taken[i] === 0) out[j++] = i;
    return out;
  }
}
