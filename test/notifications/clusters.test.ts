import { strict as assert } from 'node:assert';
import { clustersOf, findCluster, loadClusterConfig, parseClusterConfig } from '../../src/notifications/clusters';

describe('notifications/clusters', () => {
  const config = loadClusterConfig();

  it('the shipped file has 5 clusters in midt covering 19 municipalities, 4 in nord covering 11', () => {
    const midt = clustersOf(config, 'midt');
    const nord = clustersOf(config, 'nord');
    assert.equal(midt.length, 5);
    assert.equal(nord.length, 4);
    assert.equal(midt.flatMap((c) => c.municipalities).length, 19);
    assert.equal(nord.flatMap((c) => c.municipalities).length, 11);
    // The 2017 memo: each of the four municipal clusters has 2-4 municipalities.
    for (const c of nord) assert.ok(c.municipalities.length >= 2 && c.municipalities.length <= 4, c.id);
  });

  it('finds a cluster by name, alias, municipality or hospital, in either spelling', () => {
    const id = (org: 'midt' | 'nord', text: string) => {
      const m = findCluster(config, org, text);
      return m.kind === 'found' ? m.cluster.id : m.kind;
    };
    assert.equal(id('midt', 'Horsens'), 'horsens');
    assert.equal(id('midt', 'klynge Vest'), 'vest');
    assert.equal(id('midt', 'Horsens-klyngen'), 'horsens');
    assert.equal(id('midt', 'Århus'), 'aarhus');
    assert.equal(id('midt', 'Samsø'), 'aarhus');
    assert.equal(id('midt', 'samsoe'), 'aarhus');
    assert.equal(id('midt', 'Skanderborg'), 'horsens');
    assert.equal(id('midt', 'Hospitalsenheden Vest'), 'vest');
    assert.equal(id('nord', 'Vest'), 'vest');
    assert.equal(id('nord', 'Læsø'), 'nord');
    assert.equal(id('nord', 'Horsens'), 'not_found');
    assert.equal(id('midt', ''), 'not_found');
    assert.equal(id('midt', "'; drop table clusters; --"), 'not_found');
  });

  it('refuses a file with a municipality in two clusters, a duplicate id or unknown keys, with reasons', () => {
    const bad = `organisations:
  midt:
    clusters:
      - { id: a, name: { da: A, en: A }, municipalities: [Horsens] }
      - { id: a, name: { da: B, en: B }, municipalities: [horsens] }
  nord:
    clusters:
      - { id: n, name: { da: N, en: N }, municipalities: [Aalborg], colour: red }
`;
    const r = parseClusterConfig(bad);
    assert.equal(r.kind, 'invalid');
    if (r.kind !== 'invalid') return;
    const all = r.errors.join('\n');
    assert.match(all, /duplicate cluster id "a"/);
    assert.match(all, /horsens is in both a and a/);
    assert.match(all, /colour/);
    assert.equal(parseClusterConfig('{{{').kind, 'invalid');
    assert.equal(parseClusterConfig('organisations: {}').kind, 'invalid');
  });
});
