/**
 * A map that forgets its oldest entries past `capacity`: what a process keeps of models, vectors
 * and indexes it can rebuild, so memory stays bounded however many runs it serves.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    private readonly capacity: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** The value for `key`, made by `make` on first use. A rejected promise is not kept. */
  getOrCreate(key: K, make: () => V): V {
    if (this.entries.has(key)) return this.entries.get(key)!;
    const value = make();
    this.entries.set(key, value);
    if (value instanceof Promise) value.catch(() => this.entries.get(key) === value && this.entries.delete(key));
    while (this.entries.size > this.capacity) {
      const [oldest, evicted] = this.entries.entries().next().value as [K, V];
      this.entries.delete(oldest);
      this.onEvict?.(oldest, evicted);
    }
    return value;
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }
}
