import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectIntent, parseCaseId } from '../../src/assistant/intent';

describe('intent detection', () => {
  const cases: Array<[string, ReturnType<typeof detectIntent>]> = [
    ['hjælp', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['status på SAG-2026-0007', { kind: 'case_status', caseId: 'SAG-2026-0007' }],
    ['status på sag 2026 7', { kind: 'case_status', caseId: 'SAG-2026-0007' }],
    ['hvordan går det med IV-aftalen?', { kind: 'case_status', query: 'iv-aftalen' }],
    ["what's the status of the respiration agreement?", { kind: 'case_status', query: 'respiration agreement' }],
    [
      'hvem beslutter SAG-2026-0012?',
      { kind: 'case_status', caseId: 'SAG-2026-0012', query: 'hvem beslutter SAG-2026-0012?' },
    ],
    ['hvilke sager ligger hos formandskabet?', { kind: 'case_list', holder: 'formandskabet' }],
    ['mine sager', { kind: 'case_list', mine: true }],
    ['historik SAG-2026-0007', { kind: 'case_history', caseId: 'SAG-2026-0007' }],
    ['hvor meget er der tilbage i beredskabspuljen?', { kind: 'pool_balance' }],
    ['how much is left in the contingency pool in 2026?', { kind: 'pool_balance', year: 2026 }],
    ['brug Nordjylland', { kind: 'bind_org', org: 'nord' }],
    ['use midt', { kind: 'bind_org', org: 'midt' }],
    ['mine godkendelser', { kind: 'my_approvals' }],
    ['my approvals', { kind: 'my_approvals' }],
    ['abonnér på klynge Horsens', { kind: 'subscribe', cluster: 'horsens' }],
    ['abonnér på klyngerne Horsens og Vest', { kind: 'subscribe', cluster: 'horsens og vest' }],
    ['subscribe to cluster Vest', { kind: 'subscribe', cluster: 'vest' }],
    ['afmeld klyngen Horsens', { kind: 'unsubscribe', cluster: 'horsens' }],
    ['hvad abonnerer denne kanal på?', { kind: 'list_subscriptions' }],
    ['mislykkede notifikationer', { kind: 'failed_notifications' }],
    ['Hvem beslutter om vi må bruge penge fra beredskabspuljen?', { kind: 'who_decides' }],
    ['Who approves a new cooperation agreement?', { kind: 'who_decides' }],
    ['Where is the final status report on the health agreement sent for information?', { kind: 'who_decides' }],
    ['Hvor er midtvejsstatus sendt hen til orientering?', { kind: 'who_decides' }],
    ['Hvor er Triple Aim-gruppen placeret organisatorisk?', { kind: 'who_decides' }],
    ['Where are joint agreements and mandatory tasks handled in 2016?', { kind: 'who_decides' }],
    ['where is the IV agreement?', { kind: 'case_status', query: 'iv agreement' }],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" → ${expected.kind}`, () => assert.deepEqual(detectIntent(text), expected));
  }

  it('normalises case ids', () => {
    assert.equal(parseCaseId('sag-2026-7'), 'SAG-2026-0007');
    assert.equal(parseCaseId('ingen sag her'), undefined);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (t) => typeof detectIntent(t).kind === 'string'),
      { numRuns: 500 },
    );
  });
});
