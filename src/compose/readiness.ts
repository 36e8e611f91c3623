// What /readyz asks of the background work: each job must have run recently. A job that has not
// run yet gets a grace period from start-up (the first run may wait for the database).
// Every time here is on the composition root's clock, the one the jobs stamp their runs with.
import { epochMs, type Clock } from '../common/clock';
import type { PartCheck } from '../http/server';

export function recentRun(
  what: string,
  /** When the job last finished a run, in milliseconds on `clock`; null before its first. */
  lastRunAt: () => number | null,
  staleAfterMs: number,
  startedAt: number,
  clock: Pick<Clock, 'now'>,
): () => PartCheck {
  return () => {
    const last = lastRunAt();
    const since = epochMs(clock) - (last ?? startedAt);
    if (since <= staleAfterMs) return { ok: true };
    return {
      ok: false,
      reason:
        last === null ? `${what} has not run since start-up` : `${what} last ran ${Math.round(since / 1000)} s ago`,
    };
  };
}
