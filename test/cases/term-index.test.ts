import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CaseWordIndex, TermIndex, trigrams } from '../../src/cases/term-index';
import { caseTerms, foldQuery, queryWords } from '../../src/cases/search';

describe('title word index', () => {
  const index = new TermIndex();
  for (const t of [
    'respirationsaftalen',
    'respirationsbehandling',
    'rehabilitering',
    'hjerterehabiliteringsprogrammet',
    'aftalen',
    'samarbejdsaftale',
    'iv',
    'iv-aftalen',
    'ulighed',
  ])
    index.add(t);

  it('matches typos, partial words and compounds, best first', () => {
    assert.equal(index.match('respirasjonsaftalen', 0.45)[0]?.term, 'respirationsaftalen');
    assert.equal(index.match('rehab', 0.45)[0]?.term, 'rehabilitering');
    assert.ok(index.match('hjerterehabilitering', 0.45).some((m) => m.term === 'hjerterehabiliteringsprogrammet'));
    assert.equal(index.match('aftalen', 0.45)[0]?.term, 'aftalen');
    assert.deepEqual(index.match('kantine', 0.45), []);
  });

  it('scores between 0 and 1, exact words 1 (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (w) => {
        for (const m of index.match(w, 0)) assert.ok(m.score >= 0 && m.score <= 1);
        const own = new TermIndex();
        own.add(w);
        assert.equal(own.match(w, 0)[0]?.score, 1);
      }),
    );
  });

  it('indexes both titles, hyphenated words whole and in parts; queries drop filler words', () => {
    assert.deepEqual(
      caseTerms({ title: 'Samarbejdsaftale om IV-behandling (IV-aftalen)', titleEn: 'The IV agreement' }).sort(),
      [
        'agreement',
        'aftalen',
        'behandling',
        'iv',
        'iv-aftalen',
        'iv-behandling',
        'om',
        'samarbejdsaftale',
        'the',
      ].sort(),
    );
    assert.deepEqual(queryWords(foldQuery('sagen om the respiration agreement?')), ['respiration', 'agreement']);
    assert.equal(trigrams('iv').size, 3);
  });

  it('ranks cases by every query word, filters by organisation', () => {
    const idx = new CaseWordIndex();
    const add = (id: string, org: string, words: string[]) => words.forEach((w) => idx.add(id, org, w));
    add('SAG-1', 'midt', ['samarbejdsaftale', 'demens', 'horsens']);
    add('SAG-2', 'midt', ['samarbejdsaftale', 'diabetes', 'horsens']);
    add('SAG-3', 'nord', ['samarbejdsaftale', 'demens', 'aalborg']);
    const opts = { minScore: 0.25, termScore: 0.45, limit: 5 };
    const hits = idx.search(['demens', 'horsens'], opts);
    assert.deepEqual(hits[0], { caseId: 'SAG-1', score: 1 });
    assert.ok(
      hits.slice(1).every((h) => h.score < 0.5),
      'a case missing a word scores below a match',
    );
    assert.deepEqual(
      idx.search(['demens'], { ...opts, org: 'nord' }).map((h) => h.caseId),
      ['SAG-3'],
    );
    assert.deepEqual(idx.search(['kantine'], opts), []);
  });
});
