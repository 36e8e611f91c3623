// Delivery across real processes: the dispatcher killed with SIGKILL while it sends and restarted
// (PGlite), and two dispatcher processes sharing one PostgreSQL. Counts come from what the Bot
// Connector stand-in accepted, keyed by each notification's idempotency key.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { enqueueNotificationEvents, KyselyOutbox } from '../../src/store/notification-outbox';
import { openStore, type Store } from '../../src/store/open';
import { ConnectorStandIn } from '../fixtures/connector-standin';
import { copiesByRef } from '../fixtures/teams-limits';
import { createPostgresDatabase, freshPgliteDir } from '../store/helpers/databases';
import { addChannel, caseEvent } from './helpers/outbox-fixtures';
import { spawnDispatcher, type DispatcherChild } from './helpers/spawn-dispatcher';
import { stopChild } from '../fixtures/children';

async function seed(store: Store, standin: ConnectorStandIn, channels: number, perChannel: number): Promise<string[]> {
  const ids = Array.from({ length: channels }, (_, i) => `19:kill-${i}@thread.tacv2`);
  for (const id of ids) await addChannel(store, id, { cluster: 'horsens' }, standin.url + '/');
  // The dispatcher processes run on the system clock: the rows are due from now on that clock.
  const now = new Date();
  for (let n = 1; n <= perChannel; n++)
    await store.db
      .transaction()
      .execute((trx) => enqueueNotificationEvents(trx, [caseEvent(n, { occurredAt: now.toISOString() })], now));
  return ids;
}

/** Answers sends after a short delay (so a kill often lands mid-request) and tracks concurrency per conversation. */
function slowConnector(standin: ConnectorStandIn, delayMs: number) {
  const inFlight = new Map<string, number>();
  let maxPerConversation = 0;
  let id = 0;
  standin.hook('sendToConversation', (call) => {
    const c = call.params.conversationId ?? '';
    const n = (inFlight.get(c) ?? 0) + 1;
    inFlight.set(c, n);
    maxPerConversation = Math.max(maxPerConversation, n);
    setTimeout(() => inFlight.set(c, (inFlight.get(c) ?? 1) - 1), delayMs);
    return { status: 201, body: { id: `slow-${++id}` }, delayMs };
  });
  return { max: () => maxPerConversation };
}

function accepted(standin: ConnectorStandIn): number {
  return standin.calls.filter((c) => c.route === 'sendToConversation' && c.status < 300).length;
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('notifications across processes', function () {
  this.timeout(120_000);
  let standin: ConnectorStandIn;
  const children: DispatcherChild[] = [];
  const start = async (args: object) => {
    const child = await spawnDispatcher(args);
    children.push(child);
    return child;
  };
  beforeEach(async () => {
    standin = await new ConnectorStandIn().start();
  });
  afterEach(async () => {
    // A failed test may leave dispatchers running: they go before the stand-in they talk to.
    await Promise.all(children.splice(0).map((c) => stopChild(c.child, () => c.child.kill('SIGTERM'))));
    await standin.stop();
  });

  it(
    'loses nothing when the dispatcher is SIGKILLed while sending and restarted; at most one duplicate per ' +
      'conversation per kill',
    async () => {
      const dataDir = await freshPgliteDir();
      const kills = 3;
      const channels = 6;
      const perChannel = 12;
      try {
        const store = await openStore({ dataDir });
        const ids = await seed(store, standin, channels, perChannel);
        await store.close();
        slowConnector(standin, 15);

        for (let k = 0; k < kills; k++) {
          const before = accepted(standin);
          const bot = await start({ dataDir, owner: `kill-${k}` });
          // Kill somewhere in the middle of a burst: after a few more messages were accepted.
          await until(() => accepted(standin) >= before + 5 + k * 3, 60_000, 'the dispatcher to send');
          bot.child.kill('SIGKILL');
          const exit = await bot.exited;
          assert.equal(exit.signal, 'SIGKILL');
        }
        const last = await start({ dataDir, owner: 'final', exitWhenIdle: true });
        const done = await last.exited;
        assert.equal(done.code, 0);

        const copies = copiesByRef(standin);
        const expected = ids.flatMap((c) =>
          Array.from(
            { length: perChannel },
            (_, i) => `SAG-2026-${String(i + 1).padStart(4, '0')}:decision:${i + 1}|${c}`,
          ),
        );
        const lost = expected.filter((k) => !copies.has(k));
        const dupPerConversation = new Map<string, number>();
        for (const [ref, n] of copies)
          if (n > 1)
            dupPerConversation.set(ref.split('|')[1]!, (dupPerConversation.get(ref.split('|')[1]!) ?? 0) + n - 1);
        const duplicates = [...dupPerConversation.values()].reduce((s, n) => s + n, 0);
        console.log(
          `      kill test: ${kills} kills, ${expected.length} notifications, delivered ${copies.size}, lost ` +
            `${lost.length}, duplicates ${duplicates}`,
        );
        assert.deepEqual(lost, []);
        assert.equal(copies.size, expected.length, 'nothing unexpected was sent');
        for (const [conv, n] of dupPerConversation)
          assert.ok(n <= kills, `${conv}: ${n} duplicates after ${kills} kills`);
        assert.ok(duplicates <= kills * channels);

        const reopened = await openStore({ dataDir });
        try {
          assert.equal(await new KyselyOutbox(reopened.db).pendingCount(), 0);
          assert.equal((await new KyselyOutbox(reopened.db).listFailed({ limit: 10 })).length, 0);
        } finally {
          await reopened.close();
        }
      } finally {
        fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
      }
    },
  );

  it(
    'two dispatcher processes on one PostgreSQL send each notification once, one in flight per ' + 'conversation',
    async () => {
      const db = await createPostgresDatabase();
      try {
        const store = await openStore({ databaseUrl: db.url });
        const ids = await seed(store, standin, 8, 10);
        await store.close();
        const slow = slowConnector(standin, 10);
        const [a, b] = await Promise.all([
          start({ databaseUrl: db.url, owner: 'A', exitWhenIdle: true }),
          start({ databaseUrl: db.url, owner: 'B', exitWhenIdle: true }),
        ]);
        const [ea, eb] = await Promise.all([a.exited, b.exited]);
        assert.equal(ea.code, 0);
        assert.equal(eb.code, 0);
        const copies = copiesByRef(standin);
        assert.equal(copies.size, ids.length * 10);
        assert.deepEqual(
          [...copies.values()].filter((n) => n !== 1),
          [],
          'no duplicates without kills',
        );
        assert.equal(slow.max(), 1, 'never two messages in flight to one conversation');
      } finally {
        await db.drop();
      }
    },
  );
});
