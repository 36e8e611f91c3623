// The dispatcher's per-message writes, issued at once from several lanes so that they share one
// statement per kind: each must have exactly the effect it has alone (and report it), including
// a begin on a lane another dispatcher holds, which must count no attempt, and a sent-and-begin
// that lost its lane, whose "sent" still sticks. On PGlite and PostgreSQL.
import { strict as assert } from 'node:assert';
import { enqueueNotificationEvents, KyselyOutbox } from '../../src/store/notification-outbox';
import { withNotificationTables } from '../../src/store/notification-tables';
import { describeEachStore } from '../store/helpers/databases';
import { addChannel, caseEvent, T0 } from './helpers/outbox-fixtures';

const LEASE = 60_000;

describeEachStore('notification outbox: merged per-message writes', (get) => {
  it('gives each of many writes sent at once the effect and the answer it has alone', async () => {
    const { store } = get();
    const convs = ['w0', 'w1', 'w2', 'w3', 'w4', 'w5'];
    for (const c of convs) await addChannel(store, c, { cluster: 'horsens' });
    await enqueueNotificationEvents(store.db, [caseEvent(1), caseEvent(2)], new Date(T0));
    const outbox = new KyselyOutbox(store.db);
    const lanes = await outbox.claimLanes('me', 10, T0, LEASE);
    assert.equal(lanes.length, 6);
    const head = (c: string) => lanes.find((l) => l.conversationId === c)!.head;
    // w4's and w5's lanes are taken over by another dispatcher (as after an expired lease).
    await withNotificationTables(store.db)
      .updateTable('notification_lanes')
      .set({ owner: 'other' })
      .where('conversation_id', 'in', ['w4', 'w5'])
      .execute();
    for (const c of ['w0', 'w1', 'w2', 'w3'])
      assert.equal(await outbox.beginAttempt(head(c)[0]!.id, c, 'me', T0, LEASE), true);

    const t = T0 + 5_000;
    const answers = await Promise.all([
      outbox.markSentAndBegin(head('w0')[0]!.id, 'act-0', head('w0')[1]!.id, 'w0', 'me', t, LEASE),
      outbox.markSent(head('w1')[0]!.id, t, undefined),
      outbox.markRetry(head('w2')[0]!.id, t + 7_000, 'HTTP 429'),
      outbox.markFailed(head('w3')[0]!.id, 'x'.repeat(600)),
      outbox.markSentAndBegin(head('w4')[0]!.id, 'act-4', head('w4')[1]!.id, 'w4', 'me', t, LEASE),
      outbox.beginAttempt(head('w5')[0]!.id, 'w5', 'me', t, LEASE),
      outbox.beginAttempt(head('w1')[1]!.id, 'w1', 'me', t, LEASE),
    ]);
    assert.deepEqual(answers, [true, undefined, undefined, undefined, false, false, true]);

    const rows = await withNotificationTables(store.db)
      .selectFrom('notification_outbox')
      .select([
        'id',
        'conversation_id',
        'status',
        'attempts',
        'sent_at',
        'activity_id',
        'next_attempt_at',
        'last_error',
      ])
      .orderBy('id')
      .execute();
    const row = (c: string, n: number) => rows.filter((r) => r.conversation_id === c)[n]!;
    const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());
    assert.deepEqual([row('w0', 0).status, ms(row('w0', 0).sent_at), row('w0', 0).activity_id], ['sent', t, 'act-0']);
    assert.equal(row('w0', 1).attempts, 1, 'the next row of w0 was begun with the sent');
    assert.deepEqual([row('w1', 0).status, row('w1', 0).activity_id, row('w1', 1).attempts], ['sent', null, 1]);
    assert.deepEqual(
      [row('w2', 0).status, ms(row('w2', 0).next_attempt_at), row('w2', 0).last_error],
      ['pending', t + 7_000, 'HTTP 429'],
    );
    assert.deepEqual([row('w3', 0).status, row('w3', 0).last_error?.length], ['failed', 500]);
    assert.equal(row('w4', 0).status, 'sent', 'a lost lane keeps the sent');
    assert.equal(row('w4', 1).attempts, 0, 'but the next row of a lost lane is not begun');
    assert.equal(row('w5', 0).attempts, 0, 'a lane another dispatcher holds gets no attempt');
    const leases = await withNotificationTables(store.db)
      .selectFrom('notification_lanes')
      .select(['conversation_id', 'lease_until'])
      .where('conversation_id', 'in', ['w0', 'w1', 'w5'])
      .orderBy('conversation_id')
      .execute();
    assert.deepEqual(
      leases.map((l) => ms(l.lease_until)),
      [t + LEASE, t + LEASE, T0 + LEASE],
      "our lanes are renewed, the other dispatcher's lease is left alone",
    );
  });

  it('stores errors cut inside an emoji when two of them share a statement (JSON refuses a lone half)', async () => {
    const { store } = get();
    for (const c of ['e0', 'e1']) await addChannel(store, c, { cluster: 'horsens' });
    await enqueueNotificationEvents(store.db, [caseEvent(1)], new Date(T0));
    const outbox = new KyselyOutbox(store.db);
    const lanes = await outbox.claimLanes('me', 10, T0, LEASE);
    const [a, b] = lanes.map((l) => l.head[0]!.id);
    // 499 letters and an emoji: cutting at 500 keeps only the emoji's first half.
    const error = `${'x'.repeat(499)}😀 Bot Connector`;
    await Promise.all([outbox.markFailed(a!, error), outbox.markFailed(b!, error)]);
    const rows = await withNotificationTables(store.db)
      .selectFrom('notification_outbox')
      .select(['status', 'last_error'])
      .where('id', 'in', [a!, b!])
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.status, r.last_error]),
      [
        ['failed', `${'x'.repeat(499)}\uFFFD`],
        ['failed', `${'x'.repeat(499)}\uFFFD`],
      ],
    );
  });
});
