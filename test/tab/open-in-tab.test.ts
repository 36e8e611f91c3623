// "Åbn i fanen" / "Open in tab" on the case status card: a Teams deep link to the case in the tab
// when the Teams app id is configured, no button when it is not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogFromModel } from '../../src/cases/governance-catalog';
import { poolCase } from '../approvals/builders';
import { buildCaseView } from '../../src/cases/view';
import { tabLinkFor } from '../../src/compose/tab';
import { loadGovernanceModel } from '../../src/governance/load';
import { caseIdFromLink } from '../../src/tab/links';
import { compileCardTemplate } from '../../src/teams/card-template';
import { CARDS_DIR, expandCardWithLibrary } from '../../src/teams/cards';
import { caseStatusCard, caseStatusCardData } from '../../src/teams/views/case-cards';

const APP = '3f1c9a52-7d4e-4b8a-9c1e-2a6b5d8e0f17';
const DOMAIN = 'bot.example.org';

const theCase = poolCase({
  id: 'SAG-2026-0042',
  title: 'Triple Aim: opfølgning',
  titleEn: 'Triple Aim: follow-up',
});

describe('"Åbn i fanen" on case cards', () => {
  const model = loadGovernanceModel();
  const catalog = catalogFromModel(model);
  const process = catalog.process('midt', 'contingency-pool', '2026-11-26');
  const actions = (lang: 'da' | 'en', link?: string) => {
    const view = buildCaseView(theCase, process, [], catalog, lang, '2026-11-26');
    const card = caseStatusCard(view, { tabLink: link }).content as { actions?: Array<Record<string, string>> };
    return (card.actions ?? []).filter((a) => a.type === 'Action.OpenUrl');
  };

  it('links to the case in the tab, in the card language', () => {
    const link = tabLinkFor({ TEAMS_APP_ID: APP, BOT_DOMAIN: DOMAIN })!(theCase.id);
    const [da] = actions('da', link);
    assert.equal(da?.title, 'Åbn i fanen');
    assert.equal(caseIdFromLink(da!.url!, { teamsAppId: APP }), theCase.id);
    assert.equal(actions('en', link)[0]?.title, 'Open in tab');
  });

  it('has no button without a Teams app id', () => {
    assert.equal(tabLinkFor({ TEAMS_APP_ID: undefined, BOT_DOMAIN: DOMAIN }), undefined);
    assert.deepEqual(actions('da'), []);
  });

  it('is expanded by the compiled template, as the library would ("data": "${showData}" included)', () => {
    // The status card used to hand every expansion to adaptivecards-templating: half of a
    // message-extension search's CPU.
    const fast = compileCardTemplate(JSON.parse(readFileSync(join(CARDS_DIR, 'case-status.json'), 'utf8')))!;
    for (const lang of ['da', 'en'] as const) {
      const data = caseStatusCardData(buildCaseView(theCase, process, [], catalog, lang, '2026-11-26'), {});
      assert.deepEqual(fast(data), expandCardWithLibrary('case-status', data));
    }
  });
});
