// Which organisation a question is about, when it does not name a region: by the bodies it names,
// counting only names the other organisation's model never uses.
import assert from 'node:assert/strict';
import { loadGovernanceModel } from '../../src/governance/load';
import { PeriodSelector } from '../../src/engine/period';
import { foldText } from '../../src/engine/normalize';

const selector = new PeriodSelector(loadGovernanceModel());
const choose = (q: string, opts: { org?: 'midt' | 'nord'; date?: string } = {}) =>
  selector.select(foldText(q), opts, { org: 'midt', today: '2026-11-26' });

describe('choosing the organisation from the bodies a question names', () => {
  it('moves to Nordjylland for its own bodies, also in the genitive and by its local groups', () => {
    assert.equal(choose("Hvad er FU's opgave?").org, 'nord');
    assert.equal(choose('Hvad er FUs opgave?').org, 'nord');
    assert.equal(choose('Hvor mange politiske forankringsgrupper er der?').org, 'nord');
    assert.equal(choose('Hvem deltager fra kommunal side i den administrative forhandlingsgruppe?').org, 'nord');
  });

  it('lets the longest name win: "Administrative Steering Group" is DAS, not the steering group', () => {
    assert.equal(choose('Who does the Administrative Steering Group (DAS) report to?').org, 'nord');
  });

  it('is not held back by a word both organisations use ("sekretariat")', () => {
    assert.equal(choose('hvem er sekretariat for samarbejdsforaene').org, 'nord');
  });

  it('is not moved by a name both models use, or by a plain noun only one of them happens to use', () => {
    const plo = choose('Hvor sad formanden og næstformanden for PLO med i 2015?');
    assert.equal(plo.org, 'midt');
    assert.deepEqual(
      plo.periods.map((p) => p.id),
      ['midt-2015'],
    );
    assert.equal(choose('Jeg er leder på et sygehus: hvem godkender den nye samarbejdsaftale?').org, 'midt');
  });

  it('keeps the organisation asked for when the question names any of its bodies', () => {
    const q = 'Hvem fører forhandlingerne med PLO og regionen om vilkårene for de praktiserende lægers deltagelse?';
    assert.equal(choose(q, { org: 'nord' }).org, 'nord');
    // Without the option, "de praktiserende læger" is Midtjylland's name for general practice.
    assert.equal(choose(q).org, 'midt');
    // A body only the other organisation has, by its own name, still moves the question.
    assert.equal(choose('Hvad besluttede Sundhedsstyregruppen i 2016?', { org: 'nord' }).org, 'midt');
  });

  it('keeps the organisation whose documents cover the time asked about', () => {
    // Nordjylland's documents begin in 2017; a question about FU in 2015 stays with Midtjylland.
    assert.equal(choose('Hvad besluttede FU?', { date: '2015-06-01' }).org, 'midt');
    assert.equal(choose('Hvad besluttede FU?', { date: '2018-06-01' }).org, 'nord');
    // Before either organisation's documents, the named body decides.
    assert.equal(choose('Hvem besluttede i 2013, at FU skulle være det administrative omdrejningspunkt?').org, 'nord');
    // "KKR" is named in Midtjylland's documents too (a consultant from KKR): it does not move a question.
    assert.equal(choose('Hvilket organ sad konsulenten fra KKR i?').org, 'midt');
  });
});
