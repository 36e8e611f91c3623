// Work the approvals feature does after an answer has gone out (card updates, deliveries,
// announcements): tracked, so tests and shutdown can wait for it, and failures are reported.
export class Background {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly onError?: (err: unknown, context: string) => void) {}

  run(p: Promise<unknown>, context: string): void {
    const tracked = p.catch((err) => this.onError?.(err, context));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  /** Resolves when everything started so far (and what it started) has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
