// Weekly digests for quieter channels: once a week, one card per digest subscription with what
// concerned its cluster since the last digest. A week with nothing to say sends nothing.
import { isoDay } from './dispatcher';
import { concernsCluster } from './events';
import type { SubscriptionPort } from './ports';

export const WEEK_MS = 7 * 86_400_000;

export async function enqueueDueDigests(subs: SubscriptionPort, now: number): Promise<number> {
  let enqueued = 0;
  for (const s of await subs.dueDigests(now - WEEK_MS)) {
    const since = s.lastDigestAt ? Date.parse(s.lastDigestAt) : now - WEEK_MS;
    const events = (await subs.eventsSince(s.org, since, now)).filter(
      (e) => concernsCluster(e, s.org, s.clusterId) && s.kinds.includes(e.kind),
    );
    if (events.length === 0) continue;
    const payload = {
      type: 'digest' as const,
      clusterId: s.clusterId,
      lang: s.lang,
      from: isoDay(since),
      to: isoDay(now),
      events,
    };
    if (await subs.enqueueDigest(s.id, payload, `digest:${s.id}:${isoDay(now)}`, now)) enqueued += 1;
  }
  return enqueued;
}
