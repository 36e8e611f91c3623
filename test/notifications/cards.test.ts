import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as AC from 'adaptivecards';
import * as ACData from 'adaptivecards-templating';
import { clusterById, loadClusterConfig } from '../../src/notifications/clusters';
import { EVENT_KINDS, NotificationEvent } from '../../src/notifications/events';
import { digestCardData, notificationCardData } from '../../src/notifications/view';

function expand(name: string, data: object): Record<string, unknown> {
  const t = new ACData.Template(JSON.parse(readFileSync(join(__dirname, '..', '..', 'cards', `${name}.json`), 'utf8')));
  return t.expand({ $root: data }) as Record<string, unknown>;
}

function parseErrors(card: Record<string, unknown>): string[] {
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const out: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) out.push(ctx.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) out.push(e.message);
  return out;
}

const config = loadClusterConfig();
const horsens = clusterById(config, 'midt', 'horsens')!;

function event(kind: (typeof EVENT_KINDS)[number], extra: Partial<NotificationEvent> = {}): NotificationEvent {
  return NotificationEvent.parse({
    id: `SAG-2026-0007:${kind}:1`,
    org: 'midt',
    kind,
    caseId: 'SAG-2026-0007',
    caseTitle: 'Fælles samarbejdsaftale om IV-behandling',
    clusters: ['horsens'],
    occurredAt: '2026-11-20T09:00:00Z',
    deadline: '2026-12-01',
    decidedBy: 'Sundhedsstyregruppen',
    outcome: { da: 'godkendt', en: 'approved' },
    implementFrom: '2027-02-01',
    step: { da: 'Kommentering', en: 'Commenting round' },
    ...extra,
  });
}

describe('notifications/cards', () => {
  for (const kind of EVENT_KINDS)
    for (const lang of ['da', 'en'] as const)
      it(`renders a valid, small ${kind} card in ${lang} with the case, meaning, deadline and status button`, () => {
        const data = notificationCardData(event(kind), horsens, lang, 'evt-1:19:abc@thread.tacv2', '2026-11-26');
        const card = expand('notification', data);
        assert.deepEqual(parseErrors(card), []);
        const json = JSON.stringify(card);
        assert.ok(Buffer.byteLength(json) < 8 * 1024, `${Buffer.byteLength(json)} bytes`);
        assert.match(json, /SAG-2026-0007/);
        assert.match(json, /IV-behandling/);
        assert.match(json, lang === 'da' ? /Horsens-klyngen/ : /Horsens cluster/);
        assert.match(json, lang === 'da' ? /1\.12\.2026/ : /2026-12-01/);
        assert.match(json, /"verb":"case.show","data":\{"caseId":"SAG-2026-0007"\}/);
        assert.match(json, /"id":"evt-1:19:abc@thread.tacv2"/);
      });

  it('says what an agreement ready for implementation means for the clusters', () => {
    const da = notificationCardData(event('ready_for_implementation'), horsens, 'da', 'r', '2026-11-26');
    assert.equal(da.meaning, 'Godkendt af byrådene og regionsrådet: klyngerne implementerer fra 1.2.2027.');
    const en = notificationCardData(event('ready_for_implementation'), horsens, 'en', 'r', '2026-11-26');
    assert.match(
      en.meaning,
      /^Approved by the municipal councils and the regional council: the clusters implement from 2027-02-01/,
    );
  });

  it('marks an overdue deadline in red and a near one as a warning; no deadline, no line', () => {
    assert.equal(
      notificationCardData(event('deadline_approaching'), horsens, 'da', 'r', '2026-12-05').deadlineColor,
      'Attention',
    );
    assert.match(
      notificationCardData(event('deadline_approaching'), horsens, 'da', 'r', '2026-12-05').deadline,
      /overskredet/,
    );
    assert.equal(
      notificationCardData(event('deadline_approaching'), horsens, 'da', 'r', '2026-11-28').deadlineColor,
      'Warning',
    );
    const none = notificationCardData(event('case_created', { deadline: null }), horsens, 'en', 'r', '2026-11-26');
    const card = JSON.stringify(expand('notification', none));
    assert.doesNotMatch(card, /Deadline:/);
  });

  it('renders a digest with at most 15 items and says how many more there were', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      event('decision', {
        id: `e${i}`,
        caseId: `SAG-2026-${String(i).padStart(4, '0')}`,
        occurredAt: `2026-11-2${i % 6}T10:00:00Z`,
      }),
    );
    for (const lang of ['da', 'en'] as const) {
      const data = digestCardData(many, horsens, lang, 'digest:1', '2026-11-19', '2026-11-26');
      const card = expand('notification-digest', data);
      assert.deepEqual(parseErrors(card), []);
      assert.equal(data.items.length, 15);
      assert.match(data.more, lang === 'da' ? /og 25 flere/ : /and 25 more/);
      assert.ok(Buffer.byteLength(JSON.stringify(card)) < 20 * 1024);
    }
    const empty = digestCardData([], horsens, 'da', 'digest:2', '2026-11-19', '2026-11-26');
    assert.deepEqual(parseErrors(expand('notification-digest', empty)), []);
    assert.match(JSON.stringify(expand('notification-digest', empty)), /Ingen nye hændelser/);
  });
});
