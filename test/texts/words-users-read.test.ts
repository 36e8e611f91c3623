// Words a user should never see: raw event kinds, cluster ids, "to be decided" on a decided card,
// a help card that knows only who-decides, example questions cut off on buttons.
import { strict as assert } from 'node:assert';
import { approvalCardData } from '../../src/approvals/card-view';
import { catalogFromModel } from '../../src/cases/governance-catalog';
import { CasesService } from '../../src/cases/service';
import { seedDemoCasesIfEmpty } from '../../src/cases/seed';
import { loadGovernanceModel } from '../../src/governance/load';
import { clustersOf, loadClusterConfig } from '../../src/notifications/clusters';
import { ManualClock } from '../../src/common/clock';
import { KyselyCaseRepository } from '../../src/store/cases-repository';
import { expandCard } from '../../src/teams/cards';
import { EXAMPLES, HELP_COMMANDS } from '../../src/teams/strings';
import { helpCard, welcomeCard } from '../../src/teams/views/help';
import { cardText } from '../fixtures/playground-client';
import { describeEachStore } from '../store/helpers/databases';
import { approval, chairMunicipal, chairRegion } from '../approvals/builders';

describeEachStore('what the case card says', (get) => {
  it('names the clusters and labels every event, never an id or a kind', async () => {
    const repo = new KyselyCaseRepository(get().store.db);
    await seedDemoCasesIfEmpty(repo);
    const clusters = loadClusterConfig();
    const cases = new CasesService({
      repo,
      catalog: catalogFromModel(loadGovernanceModel()),
      clock: new ManualClock('2026-11-26T10:00:00Z'),
      clusterName: (org, id, lang) => clustersOf(clusters, org).find((c) => c.id === id)?.name[lang],
    });
    const iv = (await cases.find({ caseId: 'SAG-2026-0001' })) as {
      kind: 'found';
      case: Parameters<CasesService['view']>[0];
    };
    for (const lang of ['da', 'en'] as const) {
      const v = await cases.view(iv.case, lang);
      assert.ok(v.clusterNames.length > 0);
      assert.ok(
        v.clusterNames.every((n, i) => n !== v.clusters[i]),
        `names, not ids: ${v.clusterNames.join(', ')}`,
      );
      for (const e of v.events) assert.doesNotMatch(e.what, /^[a-z]+(_[a-z]+)*$/, `a label, not a kind: ${e.what}`);
    }
  });
});

describe('what the approval and help cards say', () => {
  it('a decided card says the matter was decided, not that it is to be decided', () => {
    const decided = { ...approval(), status: 'approved' as const, decidedAt: '2026-11-26T10:00:00.000Z' };
    for (const lang of ['da', 'en'] as const) {
      const data = approvalCardData({
        approval: decided,
        subject: {
          caseTitle: 'T',
          bodyName: 'B',
          decision: 'D',
          recommendation: null,
          recommendedBy: null,
          poolName: null,
          poolRemainingDkk: null,
          positions: [],
          documents: [],
        },
        view: 'decided',
        seat: null,
        lang,
        substitutes: [],
        now: new Date('2026-11-26T11:00:00Z'),
        refreshUserIds: [chairRegion.aadObjectId, chairMunicipal.aadObjectId],
      });
      const text = cardText(expandCard(data.template, data.data));
      assert.doesNotMatch(text, lang === 'da' ? /Der skal tages stilling til/ : /To be decided/);
      assert.match(text, lang === 'da' ? /Der er taget stilling til/ : /Decided on/);
    }
  });

  it('the help card covers cases, new cases, approvals and subscriptions, and shows each example whole', () => {
    for (const lang of ['da', 'en'] as const) {
      const text = cardText(helpCard(lang).content);
      for (const words of lang === 'da'
        ? ['status på', 'ny sag', 'mine godkendelser', 'abonnér på klynge']
        : ['status of', 'new case', 'my approvals', 'subscribe to cluster']) {
        assert.ok(text.includes(words), `${lang} help mentions "${words}"`);
      }
      assert.ok(HELP_COMMANDS[lang].length >= 5);
      for (const card of [helpCard(lang).content, welcomeCard(lang, 'personal').content]) {
        const json = JSON.stringify(card);
        // Teams cuts button titles; a wrapping text line with a select action shows all of it.
        assert.doesNotMatch(json, /"type":"ActionSet"/);
        for (const q of EXAMPLES[lang])
          assert.ok(cardText(card).includes(q), `the whole question is on the card: ${q}`);
      }
    }
  });
});
