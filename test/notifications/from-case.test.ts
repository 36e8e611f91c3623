import { strict as assert } from 'node:assert';
import { eventsForCaseChange, approachingDeadlineEvents, type ChangedCase } from '../../src/notifications/from-case';
import { NotificationEvent } from '../../src/notifications/events';
import { modelCatalog } from '../cases/helpers';

const AT = '2026-11-26T10:00:00.000Z';
const catalog = modelCatalog();
const typeA = catalog.process('midt', 'type-a', '2026-11-26')!;
const ids = typeA.steps.map((s) => s.id);

function caseAt(stepId: string, deadlines: ChangedCase['deadlines'] = []): ChangedCase {
  return {
    id: 'SAG-2026-0001',
    title: 'IV-aftalen',
    org: 'midt',
    processId: 'type-a',
    clusters: ['horsens'],
    stepId,
    state: 'open',
    deadlines,
  };
}
const kindsOf = (c: ChangedCase, kind: string, from: string | null, to: string | null) =>
  eventsForCaseChange(c, { at: AT, kind, fromStep: from, toStep: to }, catalog).map((e) => NotificationEvent.parse(e));

describe('notifications/from-case', () => {
  it('a new case raises case_created for its clusters', () => {
    const [e, ...rest] = kindsOf(caseAt(ids[0]!), 'created', null, ids[0]!);
    assert.equal(rest.length, 0);
    assert.equal(e!.kind, 'case_created');
    assert.deepEqual(e!.clusters, ['horsens']);
  });

  it('moving on from a deciding step is a decision, approved, by the step holders', () => {
    const decides = typeA.steps.findIndex((s) => s.role === 'decides');
    const to = typeA.steps[decides + 1]!;
    const events = kindsOf(caseAt(to.id), 'moved', typeA.steps[decides]!.id, to.id);
    const d = events.find((e) => e.kind === 'decision')!;
    assert.deepEqual(d.outcome, { da: 'godkendt', en: 'approved' });
    assert.ok(d.decidedBy && d.decidedBy.length > 3, String(d.decidedBy));
    const back = kindsOf(
      caseAt(typeA.steps[decides - 1]?.id ?? ids[0]!),
      'sent_back',
      typeA.steps[decides]!.id,
      typeA.steps[decides - 1]?.id ?? ids[0]!,
    );
    assert.match(back[0]?.outcome?.en ?? '', /sent back/);
  });

  it('entering the commenting round raises commenting_opened with the step deadline', () => {
    const i = ids.indexOf('commenting');
    assert.ok(i > 0, 'type A has a commenting step');
    const events = kindsOf(
      caseAt('commenting', [
        { label: 'Høringsfrist', date: '2026-12-15', stepId: 'commenting' },
        { label: 'Slut', date: '2027-06-01' },
      ]),
      'moved',
      ids[i - 1]!,
      'commenting',
    );
    const c = events.find((e) => e.kind === 'commenting_opened')!;
    assert.equal(c.deadline, '2026-12-15');
  });

  it('entering implementation raises ready_for_implementation with the implementation date', () => {
    const impl = typeA.steps.find((s) => s.role === 'implements')!;
    const before = ids[ids.indexOf(impl.id) - 1]!;
    const events = kindsOf(
      caseAt(impl.id, [{ label: 'Implementering', date: '2027-02-01', stepId: impl.id }]),
      'moved',
      before,
      impl.id,
    );
    assert.deepEqual(
      events.map((e) => e.kind),
      ['ready_for_implementation'],
    );
    assert.equal(events[0]!.implementFrom, '2027-02-01');
  });

  it('comments and closing raise nothing; event ids differ per change', () => {
    assert.deepEqual(kindsOf(caseAt(ids[0]!), 'comment', null, null), []);
    const a = kindsOf(caseAt(ids[0]!), 'created', null, ids[0]!)[0]!.id;
    const b = eventsForCaseChange(
      caseAt(ids[0]!),
      { at: '2026-11-26T10:00:01.000Z', kind: 'created', fromStep: null, toStep: ids[0]! },
      catalog,
    )[0]!.id;
    assert.notEqual(a, b);
  });

  it('finds deadlines within the horizon, once per case, deadline and day', () => {
    const cases = [
      caseAt(ids[0]!, [
        { label: 'A', date: '2026-11-30' },
        { label: 'B', date: '2026-12-20' },
        { label: 'C', date: '2026-11-01' },
      ]),
      { ...caseAt(ids[0]!, [{ label: 'D', date: '2026-11-27' }]), state: 'closed' as const },
    ];
    const events = approachingDeadlineEvents(cases, '2026-11-26', 7, catalog).map((e) => NotificationEvent.parse(e));
    assert.deepEqual(
      events.map((e) => e.deadline),
      ['2026-11-30'],
    );
    assert.equal(events[0]!.id, 'SAG-2026-0001:deadline_approaching:2026-11-30:A');
  });
});
