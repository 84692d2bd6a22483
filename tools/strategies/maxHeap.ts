/** A binary max-heap of positions 0..n−1 under `before` (a before b: a ranks higher). */
export class MaxHeap {
  private readonly items: Int32Array;
  private length: number;

  constructor(
    n: number,
    private readonly before: (a: number, b: number) => boolean,
  ) {
    this.items = new Int32Array(n);
    for (let i = 0; i < n; i++) this.items[i] = i;
    this.length = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  peek(): number {
    if (this.length === 0) throw new Error("heap is empty");
    return this.items[0];
  }

  pop(): number {
    const top = this.peek();
    this.items[0] = this.items[--this.length];
    this.siftDown(0);
    return top;
  }

  siftDown(from: number): void {
    const { items, before } = this;
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < this.length && before(items[left], items[best])) best = left;
      if (right < this.length && before(items[right], items[best])) best = right;
      if (best === i) return;
      const tmp = items[i];
      items[i] = items[best];
      items[best] = tmp;
      i = best;
    }
  }
}
