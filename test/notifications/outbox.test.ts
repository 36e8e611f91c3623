import { strict as assert } from 'node:assert';
import { loadClusterConfig } from '../../src/notifications/clusters';
import { Dispatcher } from '../../src/notifications/dispatcher';
import { epochMs, systemClock } from '../../src/common/clock';
import { enqueueDueDigests, WEEK_MS } from '../../src/notifications/digest';
import { renderPayload } from '../../src/notifications/dispatcher';
import { enqueueNotificationEvents, KyselyOutbox } from '../../src/store/notification-outbox';
import { KyselySubscriptions } from '../../src/store/subscriptions';
import { withNotificationTables } from '../../src/store/notification-tables';
import { describeEachStore } from '../store/helpers/databases';
import {
  addChannel,
  caseEvent,
  refOf,
  ScriptedSender,
  stopsAfterEach,
  T0,
  VirtualClock,
  waitUntil,
} from './helpers/outbox-fixtures';

const clusters = loadClusterConfig();
const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 60_000 };

describeEachStore('notification outbox', (get) => {
  const track = stopsAfterEach();

  it('fans an event out to the channels subscribed to a concerned cluster and kind, once per channel', async () => {
    const { store } = get();
    await addChannel(store, 'c-horsens', { cluster: 'horsens' });
    await addChannel(store, 'c-vest', { cluster: 'vest' });
    await addChannel(store, 'c-horsens-deadlines', { cluster: 'horsens', kinds: ['deadline_approaching'] });
    await addChannel(store, 'c-horsens-digest', { cluster: 'horsens', mode: 'digest' });
    await addChannel(store, 'c-nord', { org: 'nord', cluster: 'vest' });
    await new KyselySubscriptions(store.db, () => T0).subscribe({
      conversationId: 'c-vest',
      org: 'midt',
      clusterId: 'horsens',
      kinds: ['decision'],
      mode: 'immediate',
      lang: 'en',
    });

    const r = await enqueueNotificationEvents(store.db, [caseEvent(1)], new Date(T0));
    assert.deepEqual(r.conversations.sort(), ['c-horsens', 'c-vest']);
    const all = await enqueueNotificationEvents(store.db, [caseEvent(2, { clusters: [] })], new Date(T0));
    assert.deepEqual(
      all.conversations.sort(),
      ['c-horsens', 'c-vest'],
      'an event for every cluster reaches each channel once',
    );
    const again = await enqueueNotificationEvents(store.db, [caseEvent(1)], new Date(T0));
    assert.deepEqual(again, { events: 0, notifications: 0, conversations: [] }, 're-raising an event is a no-op');
    assert.equal(await new KyselyOutbox(store.db).pendingCount(), 4);
  });

  it('writes nothing when the transaction of the causing change rolls back', async () => {
    const { store } = get();
    await addChannel(store, 'c1', { cluster: 'horsens' });
    await assert.rejects(
      store.db.transaction().execute(async (trx) => {
        await enqueueNotificationEvents(trx, [caseEvent(1)], new Date(T0));
        throw new Error('the case change failed');
      }),
      /the case change failed/,
    );
    const ndb = withNotificationTables(store.db);
    assert.equal((await ndb.selectFrom('notification_outbox').selectAll().execute()).length, 0);
    assert.equal((await ndb.selectFrom('notification_events').selectAll().execute()).length, 0);
  });

  it('delivers every notification once and in order per conversation, one in flight per conversation', async () => {
    const { store } = get();
    for (let c = 0; c < 3; c++) await addChannel(store, `c${c}`, { cluster: 'horsens' });
    const now = systemClock.now();
    await enqueueNotificationEvents(
      store.db,
      Array.from({ length: 10 }, (_, i) => caseEvent(i + 1, { occurredAt: now.toISOString() })),
      now,
    );
    const sender = new ScriptedSender(systemClock, 2);
    const outbox = new KyselyOutbox(store.db);
    const d = track(
      new Dispatcher(
        { outbox, sender, clusters, clock: systemClock },
        { owner: 'p1', pollMs: 20, singleProcess: store.kind === 'pglite', limits: [{ count: 1000, windowMs: 1000 }] },
      ),
    );
    d.start();
    await waitUntil(async () => (await outbox.pendingCount()) === 0, 10_000, 'the outbox to drain');
    await d.stop();
    assert.equal(sender.delivered.length, 30);
    assert.equal(sender.maxInFlightPerConversation, 1);
    for (let c = 0; c < 3; c++) {
      const refs = sender.delivered.filter((s) => s.conversationId === `c${c}`).map((s) => refOf(s.message));
      assert.deepEqual(
        refs,
        Array.from({ length: 10 }, (_, i) => `SAG-2026-${String(i + 1).padStart(4, '0')}:decision:${i + 1}|c${c}`),
      );
    }
  });

  it(
    'retries with backoff, honours Retry-After, parks after the last attempt and can be retried by an ' + 'admin',
    async () => {
      const { store } = get();
      await addChannel(store, 'c1', { cluster: 'horsens' });
      const clock = new VirtualClock();
      await enqueueNotificationEvents(store.db, [caseEvent(1), caseEvent(2)], clock.now());
      const sender = new ScriptedSender(clock);
      sender.script.push(
        { kind: 'http_error', status: 429, retryAfterMs: 7000 },
        { kind: 'http_error', status: 502 },
        { kind: 'sent', activityId: 'x' }, // case 1 delivered on the third attempt
        { kind: 'http_error', status: 504 },
        { kind: 'http_error', status: 412 },
        { kind: 'network_error', message: 'ECONNRESET' },
        { kind: 'http_error', status: 503 }, // case 2: fourth failure, parked
      );
      const outbox = new KyselyOutbox(store.db);
      const d = track(
        new Dispatcher(
          { outbox, sender, clusters, clock, random: () => 0.5 },
          { owner: 'p1', pollMs: 3_600_000, singleProcess: true, policy },
        ),
      );
      d.start();
      await waitUntil(async () => (await outbox.pendingCount()) === 0, 10_000, 'both notifications settled');
      await d.stop();
      const times = sender.attempts.map((a) => a.at - T0);
      assert.equal(times[0], 0);
      assert.ok(times[1]! >= 7000 && times[1]! <= 7250, `Retry-After honoured: ${times[1]}`);
      assert.equal(times[2]! - times[1]!, 1500, 'second retry: 2 s step with equal jitter at r=0.5');
      const gaps = [times[4]! - times[3]!, times[5]! - times[4]!, times[6]! - times[5]!];
      assert.deepEqual(gaps, [750, 1500, 3000], 'case 2 backs off exponentially');
      const failed = await outbox.listFailed({ limit: 10 });
      assert.equal(failed.length, 1);
      assert.equal(failed[0]!.caseId, 'SAG-2026-0002');
      assert.equal(failed[0]!.attempts, 4);
      assert.match(failed[0]!.lastError ?? '', /HTTP 503.*gave up after 4 attempts/);

      assert.equal(await outbox.retryFailed({ ids: [failed[0]!.id] }, epochMs(clock)), 1);
      const d2 = track(
        new Dispatcher(
          { outbox, sender, clusters, clock },
          { owner: 'p2', pollMs: 3_600_000, singleProcess: true, policy },
        ),
      );
      d2.start();
      await waitUntil(async () => (await outbox.pendingCount()) === 0, 10_000, 'the retried notification');
      await d2.stop();
      assert.equal(
        sender.delivered.map((s) => (s.message.data as { caseId: string }).caseId).join(),
        'SAG-2026-0001,SAG-2026-0002',
      );
      assert.equal((await outbox.listFailed({ limit: 10 })).length, 0);
    },
  );

  it(
    'deactivates the subscriptions of a conversation the bot was removed from (403/404) instead of ' + 'retrying',
    async () => {
      const { store } = get();
      await addChannel(store, 'gone', { cluster: 'horsens' });
      await addChannel(store, 'ok', { cluster: 'horsens' });
      const clock = new VirtualClock();
      await enqueueNotificationEvents(store.db, [caseEvent(1), caseEvent(2), caseEvent(3)], clock.now());
      const sender = new ScriptedSender(clock);
      const real = sender.send.bind(sender);
      sender.send = async (t, m) => (t.conversationId === 'gone' ? { kind: 'http_error', status: 403 } : real(t, m));
      const outbox = new KyselyOutbox(store.db);
      const d = track(
        new Dispatcher(
          { outbox, sender, clusters, clock },
          { owner: 'p1', pollMs: 3_600_000, singleProcess: true, policy },
        ),
      );
      d.start();
      await waitUntil(async () => (await outbox.pendingCount()) === 0, 10_000, 'the outbox to settle');
      await d.stop();
      assert.equal(sender.delivered.length, 3);
      const subs = new KyselySubscriptions(store.db, () => T0);
      assert.equal((await subs.list('gone')).length, 0);
      const inactive = await subs.list('gone', { includeInactive: true });
      assert.equal(inactive[0]!.active, false);
      assert.match(inactive[0]!.deactivatedReason ?? '', /403/);
      const parked = await outbox.listFailed({ conversationId: 'gone', limit: 10 });
      assert.deepEqual(
        parked.map((p) => p.status),
        ['deactivated', 'deactivated', 'deactivated'],
      );
      const next = await enqueueNotificationEvents(store.db, [caseEvent(4)], clock.now());
      assert.deepEqual(next.conversations, ['ok'], 'no new notifications for a deactivated channel');
    },
  );

  it('sends a weekly digest of what concerned the cluster, once a week, and nothing for a quiet week', async () => {
    const { store } = get();
    await addChannel(store, 'quiet', {
      cluster: 'vest',
      mode: 'digest',
      kinds: ['decision', 'deadline_approaching'],
      lang: 'en',
    });
    const subs = new KyselySubscriptions(store.db, () => T0);
    const now = T0;
    const at = (ms: number) => new Date(ms).toISOString();
    await enqueueNotificationEvents(
      store.db,
      [
        caseEvent(1, { clusters: ['vest'], occurredAt: at(now + 1000) }),
        caseEvent(2, { clusters: ['horsens'], occurredAt: at(now + 2000) }),
        caseEvent(3, { clusters: [], kind: 'case_created', occurredAt: at(now + 3000) }),
        caseEvent(4, { clusters: [], occurredAt: at(now + 4000) }),
      ],
      new Date(now),
    );
    const outbox = new KyselyOutbox(store.db);
    assert.equal(await outbox.pendingCount(), 0, 'a digest channel gets no immediate notifications');
    assert.equal(await enqueueDueDigests(subs, now + WEEK_MS / 2), 0, 'not before a week has passed');
    assert.equal(await enqueueDueDigests(subs, now + WEEK_MS + 10_000), 1);
    assert.equal(await enqueueDueDigests(subs, now + WEEK_MS + 20_000), 0, 'one digest per week');
    const [row] = await outbox.nextInLane('quiet', 5);
    const card = renderPayload(row!.payload, row!.idempotencyKey, clusters, 'midt', '2026-12-03');
    assert.equal(card.template, 'notification-digest');
    const items = (card.data as { items: Array<{ caseId: string }> }).items.map((i) => i.caseId).sort();
    assert.deepEqual(
      items,
      ['SAG-2026-0001', 'SAG-2026-0004'],
      'decisions for Vest or for every cluster; not Horsens, not new cases',
    );
    assert.match((card.data as { heading: string }).heading, /Weekly digest for West cluster/);
    assert.equal(await enqueueDueDigests(subs, now + 3 * WEEK_MS), 0, 'a quiet week sends nothing');
  });

  it('purges sent notifications and old events, and keeps failed ones for the admin', async () => {
    const { store } = get();
    await addChannel(store, 'c1', { cluster: 'horsens' });
    await enqueueNotificationEvents(store.db, [caseEvent(1), caseEvent(2)], new Date(T0));
    const outbox = new KyselyOutbox(store.db);
    const [a, b] = await outbox.nextInLane('c1', 5);
    await outbox.markSent(a!.id, T0, 'x');
    await outbox.markFailed(b!.id, 'HTTP 400');
    assert.deepEqual(await outbox.purge(T0 + 1000, 60_000), { sent: 0, events: 0 });
    assert.deepEqual(await outbox.purge(T0 + 120_000, 60_000), { sent: 1, events: 2 });
    assert.equal((await outbox.listFailed({ limit: 5 })).length, 1);
  });
});
