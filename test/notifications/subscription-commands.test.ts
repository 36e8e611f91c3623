import { strict as assert } from 'node:assert';
import { detectIntent } from '../../src/assistant/intent';
import { loadClusterConfig } from '../../src/notifications/clusters';
import { parseSubscribe } from '../../src/notifications/subscription-commands';

const config = loadClusterConfig();

function parse(text: string, org: 'midt' | 'nord' = 'midt') {
  const intent = detectIntent(text);
  assert.equal(intent.kind, 'subscribe', text);
  return parseSubscribe(config, org, intent.kind === 'subscribe' ? intent.cluster : '');
}

describe('notifications/subscription-commands', () => {
  it('reads the cluster, kinds and delivery mode from Danish and English commands', () => {
    const a = parse('abonnér på klynge Horsens');
    assert.ok(a.kind === 'ok');
    assert.deepEqual(
      a.clusters.map((c) => c.id),
      ['horsens'],
    );
    assert.equal(a.kinds.length, 5);
    assert.equal(a.mode, 'immediate');

    const b = parse('subscribe to cluster Vest, only decisions and deadlines, weekly digest');
    assert.ok(b.kind === 'ok');
    assert.deepEqual(
      b.clusters.map((c) => c.id),
      ['vest'],
    );
    assert.deepEqual(b.kinds, ['decision', 'deadline_approaching']);
    assert.equal(b.mode, 'digest');

    const c = parse('abonner paa klyngerne Randers og Aarhus kun kommenteringsrunder ugentligt');
    assert.ok(c.kind === 'ok');
    assert.deepEqual(
      c.clusters.map((x) => x.id),
      ['randers', 'aarhus'],
    );
    assert.deepEqual(c.kinds, ['commenting_opened']);
    assert.equal(c.mode, 'digest');

    const d = parse('abonnér på alle klynger');
    assert.ok(d.kind === 'ok' && d.clusters.length === 5);
    const n = parse('subscribe to cluster Thisted', 'nord');
    assert.ok(n.kind === 'ok' && n.clusters[0]!.id === 'vest');
  });

  it('asks back for a missing or unknown cluster, listing the clusters', () => {
    assert.equal(parse('abonnér').kind, 'no_cluster');
    const u = parse('abonnér på klynge Gotham');
    assert.equal(u.kind, 'unknown_cluster');
    assert.equal(u.kind === 'unknown_cluster' && u.text, 'gotham');
  });
});
