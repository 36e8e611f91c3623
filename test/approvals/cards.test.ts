import { strict as assert } from 'node:assert';
import { castVote } from '../../src/approvals/cast-vote';
import { approvalCardData, chooseView, refreshUserId, type ApprovalSubject } from '../../src/approvals/card-view';
import type { ApprovalLang } from '../../src/approvals/texts';
import type { Approval, Substitution } from '../../src/approvals/types';
import { expandCard } from '../../src/teams/cards';
import { cardBytes, cardParseErrors, unexpandedExpressions } from '../fixtures/card-check';
import { approval, chairMunicipal, chairRegion, command, deputy, outsider, substitution } from './builders';

const now = new Date('2026-11-26T10:00:00Z');
const subject: ApprovalSubject = {
  caseTitle: 'Triple Aim: hjerterehabilitering',
  bodyName: 'Sundhedsstyregruppens formandskab',
  decision: 'Bevilling fra beredskabspuljen til opfølgning på hjerterehabilitering',
  recommendation: 'Sekretariatet indstiller, at formandskabet bevilger 150.000 kr.',
  recommendedBy: 'Sundhedsaftalesekretariatet',
  poolName: 'Beredskabspuljen',
  poolRemainingDkk: 320_000,
  positions: [{ party: 'Kommunerne', text: 'Ønsker en kortere projektperiode' }],
  documents: [{ title: 'Projektbeskrivelse', url: 'https://example.org/docs/projekt.pdf' }],
};

interface Render {
  card: Record<string, unknown>;
  json: string;
}

function render(
  a: Approval,
  viewer: string | null,
  lang: ApprovalLang,
  subs: Substitution[] = [],
  over: Partial<ApprovalSubject> = {},
  notice?: string,
): Render {
  const { view, seat } = chooseView(a, viewer, subs, now);
  const { template, data } = approvalCardData({
    approval: a,
    subject: { ...subject, ...over },
    view,
    seat,
    lang,
    substitutes: subs,
    now,
    refreshUserIds: [...a.approvers, deputy].map(refreshUserId),
    notice: notice ?? null,
  });
  const card = expandCard(template, data);
  assert.deepEqual(cardParseErrors(card), [], `${template} parses`);
  if (!JSON.stringify(over).includes('${')) assert.deepEqual(unexpandedExpressions(card), []);
  assert.ok(cardBytes(card) < 12 * 1024, `${template}: ${cardBytes(card)} bytes`);
  return { card, json: JSON.stringify(card) };
}

function executeActions(
  card: Record<string, unknown>,
): Array<{ verb: string; data: Record<string, unknown>; title: string }> {
  return ((card.actions ?? []) as Array<Record<string, unknown>>).filter((a) => a.type === 'Action.Execute') as never;
}

describe('approvals/cards', () => {
  for (const lang of ['da', 'en'] as const) {
    it(
      `approver view (${lang}): Approve / Reject / Ask for changes with a comment input, carrying case, step ` +
        `and version`,
      () => {
        const a = approval({ amountDkk: 150_000 });
        const { card, json } = render(a, chairRegion.aadObjectId, lang);
        const actions = executeActions(card);
        assert.deepEqual(
          actions.map((x) => x.verb),
          ['approval.approve', 'approval.reject', 'approval.changes'],
        );
        assert.deepEqual(
          actions.map((x) => x.title),
          lang === 'da' ? ['Godkend', 'Afvis', 'Bed om ændringer'] : ['Approve', 'Reject', 'Ask for changes'],
        );
        for (const x of actions)
          assert.deepEqual(x.data, {
            approvalId: 'apv-1',
            caseId: 'SAG-2026-0007',
            stepId: 'formandskab-decision',
            version: 1,
          });
        assert.match(json, /"type":"Input.Text","id":"comment"/);
        const refresh = card.refresh as { action: { verb: string; data: unknown }; userIds: string[] };
        assert.equal(refresh.action.verb, 'approval.refresh');
        assert.deepEqual(refresh.userIds, ['29:anne', `8:orgid:${chairMunicipal.aadObjectId}`, '29:dorte']);
        assert.match(json, lang === 'da' ? /150\.000 kr\./ : /DKK 150,000/);
        assert.match(json, lang === 'da' ? /320\.000 kr\./ : /DKK 320,000/);
        assert.match(json, /Ønsker en kortere projektperiode/);
        assert.match(json, /projekt\.pdf/);
        assert.match(json, /Sundhedsaftalesekretariatet/);
      },
    );

    it(`read-only view (${lang}) for everyone else: same facts and votes, no vote buttons, still refreshing`, () => {
      const a0 = approval();
      const a = castVote(a0, command(a0, chairRegion, 'approve'), {
        now,
        substitutes: [],
        poolRemainingDkk: null,
      }).approval;
      for (const viewer of [outsider.aadObjectId, null]) {
        const { card, json } = render(a, viewer, lang);
        assert.deepEqual(executeActions(card), []);
        assert.doesNotMatch(json, /Input\.Text/);
        assert.ok(card.refresh, 'refresh lets an approver opening this copy get their own view');
        assert.match(json, new RegExp(chairRegion.name));
        assert.match(json, lang === 'da' ? /Venter på: Bo Kommunesen/ : /Waiting for: Bo Kommunesen/);
      }
    });

    it(`decided view (${lang}): the outcome with names, times and the deciding comment; no buttons, no refresh`, () => {
      let a = approval();
      a = castVote(a, command(a, chairRegion, 'approve', 'God idé'), {
        now,
        substitutes: [],
        poolRemainingDkk: null,
      }).approval;
      a = castVote(a, command(a, chairMunicipal, 'changes', 'Beskriv evalueringen'), {
        now: new Date('2026-11-27T13:15:00Z'),
        substitutes: [],
        poolRemainingDkk: null,
      }).approval;
      for (const viewer of [chairRegion.aadObjectId, outsider.aadObjectId]) {
        const { card, json } = render(a, viewer, lang);
        assert.equal(card.refresh, undefined);
        assert.deepEqual(executeActions(card), []);
        assert.match(
          json,
          lang === 'da' ? /Sendt tilbage med ønske om ændringer/ : /Sent back with a request for changes/,
        );
        assert.match(json, /Anne Regionsen/);
        assert.match(json, /Bo Kommunesen/);
        assert.match(json, /Beskriv evalueringen/);
        assert.match(json, /14[.:]15/, 'decision time in Copenhagen');
      }
    });
  }

  it('tells a substitute in whose place they vote, and tells everyone who stands in', () => {
    const subs = [substitution(chairMunicipal, deputy, '2026-11-20', '2026-12-05')];
    const a = approval();
    assert.equal(chooseView(a, deputy.aadObjectId, subs, now).view, 'approver');
    const { json } = render(a, deputy.aadObjectId, 'da', subs);
    assert.match(json, /Du stemmer som stedfortræder for Bo Kommunesen/);
    const other = render(a, outsider.aadObjectId, 'en', subs).json;
    assert.match(other, /Dorte Stedfortræder stands in for Bo Kommunesen until 5 Dec 2026/);
  });

  it('shows a vote cast by a substitute as on behalf of the seat holder', () => {
    const subs = [substitution(chairMunicipal, deputy, '2026-11-20', '2026-12-05')];
    const a0 = approval();
    const a = castVote(a0, command(a0, deputy, 'approve'), { now, substitutes: subs, poolRemainingDkk: null }).approval;
    assert.match(
      render(a, outsider.aadObjectId, 'da', subs).json,
      /Dorte Stedfortræder \(som stedfortræder for Bo Kommunesen\): Godkendt/,
    );
  });

  it('hides Approve and warns when the amount is above the pool balance', () => {
    const a = approval({ amountDkk: 150_000 });
    const { card, json } = render(a, chairRegion.aadObjectId, 'da', [], { poolRemainingDkk: 100_000 });
    assert.deepEqual(
      executeActions(card).map((x) => x.verb),
      ['approval.reject', 'approval.changes'],
    );
    assert.match(json, /Beløbet er større end det, der er tilbage i puljen/);
  });

  it('shows the approver their own earlier vote and a notice line', () => {
    const a0 = approval();
    const a = castVote(a0, command(a0, chairRegion, 'approve'), {
      now,
      substitutes: [],
      poolRemainingDkk: null,
    }).approval;
    const { json } = render(
      a,
      chairRegion.aadObjectId,
      'en',
      [],
      {},
      'This card was out of date. Here is the current state.',
    );
    assert.match(json, /Your vote: Approved/);
    assert.match(json, /This card was out of date/);
    assert.match(json, /"version":2/);
  });

  it('keeps user text as text: template expressions in case data are not evaluated', () => {
    const a = approval();
    const { json } = render(a, outsider.aadObjectId, 'da', [], {
      caseTitle: '${labels.approve} ${1+1}',
      positions: [],
    });
    assert.ok(json.includes('${labels.approve} ${1+1}'));
  });
});
