// Reads of one kind asked for in the same turn of the event loop, by any number of callers,
// answered by one query. The message extension's search shows up to 25 cases, each as a card with
// its last events and its approval round: 50 small queries, one after the other, since PGlite
// runs each on the one Node thread (and 8 searches in flight queued 400 of them). Batched, the
// cards of every search in flight cost two queries. Only plain reads outside a transaction.
export class ReadBatch<K, V> {
  private queue: Array<{ key: K; resolve: (v: V) => void; reject: (err: unknown) => void }> = [];

  constructor(
    /** The values of these distinct keys; a key missing from the map gets `missing()`. */
    private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: () => V,
    /** At most this many keys per query (the IN list stays small). */
    private readonly maxKeys = 200,
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      // setImmediate runs after the microtasks: every caller continuing in this turn joins in.
      if (this.queue.push({ key, resolve, reject }) === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const keys = [...new Set(batch.map((b) => b.key))];
    for (let i = 0; i < keys.length; i += this.maxKeys) {
      const chunk = new Set(keys.slice(i, i + this.maxKeys));
      const waiting = batch.filter((b) => chunk.has(b.key));
      try {
        const found = await this.loadMany([...chunk]);
        for (const b of waiting) b.resolve(found.has(b.key) ? found.get(b.key)! : this.missing());
      } catch (err) {
        for (const b of waiting) b.reject(err);
      }
    }
  }
}
