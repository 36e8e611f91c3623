import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TermIndex, trigrams } from '../../src/cases/term-index';
import { caseTerms, foldQuery, queryWords } from '../../src/cases/search';

describe('title word index', () => {
  const index = new TermIndex();
  for (const t of ['respirationsaftalen', 'respirationsbehandling', 'rehabilitering', 'hjerterehabiliteringsprogrammet', 'aftalen', 'samarbejdsaftale', 'iv', 'iv-aftalen', 'ulighed']) index.add(t);

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
    assert.deepEqual(caseTerms({ title: 'Samarbejdsaftale om IV-behandling (IV-aftalen)', titleEn: 'The IV agreement' }).sort(), ['agreement', 'aftalen', 'behandling', 'iv', 'iv-aftalen', 'iv-behandling', 'om', 'samarbejdsaftale', 'the'].sort());
    assert.deepEqual(queryWords(foldQuery('sagen om the respiration agreement?')), ['respiration', 'agreement']);
    assert.equal(trigrams('iv').size, 3);
  });
});
