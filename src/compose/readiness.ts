// What /readyz asks of the background work: each job must have run recently. A job that has not
// run yet gets a grace period from start-up (the first run may wait for the database).
import type { PartCheck } from '../http/server';

export function recentRun(
  what: string,
  lastRunAt: () => number | null,
  staleAfterMs: number,
  startedAt: number,
  now: () => number = Date.now,
): () => PartCheck {
  return () => {
    const last = lastRunAt();
    const since = now() - (last ?? startedAt);
    if (since <= staleAfterMs) return { ok: true };
    return {
      ok: false,
      reason:
        last === null ? `${what} has not run since start-up` : `${what} last ran ${Math.round(since / 1000)} s ago`,
    };
  };
}
