import assert from 'node:assert/strict';
import { describeEachStore } from '../store/helpers/databases';
import { FRIDA, KLAUS, NOBODY, SARA, TODAY, casesService } from './helpers';
import { seedDemoCasesIfEmpty } from '../../src/cases/seed';
import type { CasesService } from '../../src/cases/service';

const typeA = {
  title: 'Samarbejdsaftale om sårbehandling',
  titleEn: 'Cooperation agreement on wound care',
  org: 'midt',
  processId: 'type-a',
  clusters: ['horsens'],
};

describeEachStore('cases service', (get) => {
  let svc: CasesService;
  beforeEach(() => {
    svc = casesService(get().store);
  });

  it('lets secretariat staff create a case at the first step of its process, with history', async () => {
    const r = await svc.create(SARA, { ...typeA, comment: 'Kommissorium på vej' });
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    assert.equal(r.case.id, 'SAG-2026-0001');
    assert.equal(r.case.stepId, 'terms-of-reference');
    assert.equal(r.case.holder, 'ssg');
    const second = await svc.create(SARA, { ...typeA, title: 'Samarbejdsaftale om ernæring' });
    assert.equal(second.kind === 'ok' && second.case.id, 'SAG-2026-0002');
    const history = await svc.history('SAG-2026-0001');
    assert.deepEqual(
      history.map((e) => [e.kind, e.actorName, e.toStep, e.comment]),
      [['created', 'Sara Sekretær', 'terms-of-reference', 'Kommissorium på vej']],
    );
  });

  it('refuses to create a case for anyone but secretariat staff, storing nothing', async () => {
    for (const who of [FRIDA, KLAUS, NOBODY]) {
      const r = await svc.create(who, typeA);
      assert.equal(r.kind, 'not_allowed');
    }
    assert.equal((await svc.find({ caseId: 'SAG-2026-0001' })).kind, 'not_found');
  });

  it(
    "moves a case one step at a time, by the step's movers or the secretariat, and refuses the rest with the " +
      'reason',
    async () => {
      const created = await svc.create(SARA, typeA);
      assert.ok(created.kind === 'ok');
      const id = created.case.id;

      const byCluster = await svc.move(KLAUS, {
        caseId: id,
        version: 1,
        fromStepId: 'terms-of-reference',
        toStepId: 'drafting-place',
      });
      assert.equal(byCluster.kind, 'not_allowed');
      if (byCluster.kind === 'not_allowed')
        assert.match(byCluster.message.da, /Det kan: sekretariat, ssg, formandskab/);

      const skip = await svc.move(FRIDA, {
        caseId: id,
        version: 1,
        fromStepId: 'terms-of-reference',
        toStepId: 'drafting',
      });
      assert.equal(skip.kind === 'refused' && skip.reason, 'not_adjacent');

      const ok = await svc.move(FRIDA, {
        caseId: id,
        version: 1,
        fromStepId: 'terms-of-reference',
        toStepId: 'drafting-place',
        comment: 'Godkendt',
      });
      assert.equal(ok.kind, 'ok');
      if (ok.kind !== 'ok') return;
      assert.equal(ok.case.stepId, 'drafting-place');
      assert.equal(ok.case.version, 2);

      const toCluster = await svc.move(SARA, {
        caseId: id,
        version: 2,
        fromStepId: 'drafting-place',
        toStepId: 'drafting',
        holder: 'klynge',
      });
      assert.ok(toCluster.kind === 'ok');
      assert.equal(toCluster.case.holder, 'klynge');
      // Klaus is in the Horsens cluster, which the case involves: he may move the drafting on.
      const wrongHolder = await svc.move(KLAUS, {
        caseId: id,
        version: 3,
        fromStepId: 'drafting',
        toStepId: 'commenting',
        holder: 'ssg',
      });
      assert.equal(wrongHolder.kind === 'refused' && wrongHolder.reason, 'holder_not_allowed');
      const backNoReason = await svc.move(KLAUS, {
        caseId: id,
        version: 3,
        fromStepId: 'drafting',
        toStepId: 'drafting-place',
      });
      assert.equal(backNoReason.kind === 'refused' && backNoReason.reason, 'comment_required');
      const drafted = await svc.move(KLAUS, { caseId: id, version: 3, fromStepId: 'drafting', toStepId: 'commenting' });
      assert.ok(drafted.kind === 'ok');
      assert.equal(drafted.case.holder, 'sekretariat');

      const history = await svc.history(id);
      assert.deepEqual(
        history.map((e) => [e.kind, e.fromStep, e.toStep]),
        [
          ['created', null, 'terms-of-reference'],
          ['moved', 'terms-of-reference', 'drafting-place'],
          ['moved', 'drafting-place', 'drafting'],
          ['moved', 'drafting', 'commenting'],
        ],
      );
    },
  );

  it('does not let a cluster move a case of another cluster', async () => {
    const created = await svc.create(SARA, { ...typeA, clusters: ['randers'] });
    assert.ok(created.kind === 'ok');
    await svc.move(SARA, {
      caseId: created.case.id,
      version: 1,
      fromStepId: 'terms-of-reference',
      toStepId: 'drafting-place',
    });
    await svc.move(SARA, {
      caseId: created.case.id,
      version: 2,
      fromStepId: 'drafting-place',
      toStepId: 'drafting',
      holder: 'klynge',
    });
    const r = await svc.move(KLAUS, {
      caseId: created.case.id,
      version: 3,
      fromStepId: 'drafting',
      toStepId: 'commenting',
    });
    assert.equal(r.kind, 'not_allowed');
  });

  it(
    "an approval step is the pair's vote: one member cannot move it; the secretariat records a meeting " +
      'decision with a comment',
    async () => {
      const created = await svc.create(SARA, {
        title: 'Procesbeslutning om høringsfrister',
        org: 'midt',
        processId: 'formandskab-decision',
      });
      assert.ok(created.kind === 'ok');
      const id = created.case.id;
      assert.equal(
        (await svc.move(SARA, { caseId: id, version: 1, fromStepId: 'preparation', toStepId: 'chair-decision' })).kind,
        'ok',
      );
      const alone = await svc.move(FRIDA, {
        caseId: id,
        version: 2,
        fromStepId: 'chair-decision',
        toStepId: 'follow-through',
      });
      assert.equal(alone.kind === 'refused' && alone.reason, 'decided_by_vote');
      const noReason = await svc.move(SARA, {
        caseId: id,
        version: 2,
        fromStepId: 'chair-decision',
        toStepId: 'follow-through',
      });
      assert.equal(noReason.kind === 'refused' && noReason.reason, 'comment_required');
      const recorded = await svc.move(SARA, {
        caseId: id,
        version: 2,
        fromStepId: 'chair-decision',
        toStepId: 'follow-through',
        comment: 'Formandskabets møde 20.11.2026',
      });
      assert.equal(recorded.kind, 'ok');
    },
  );

  it('sends a case back with a reason and closes it after the last step', async () => {
    const created = await svc.create(SARA, {
      title: 'Procesbeslutning om mødeplan',
      org: 'midt',
      processId: 'secretariat-decision',
    });
    assert.ok(created.kind === 'ok');
    const id = created.case.id;
    const steps = ['preparation', 'management-decision'];
    let v = 1;
    const m1 = await svc.move(SARA, { caseId: id, version: v++, fromStepId: steps[0], toStepId: steps[1] });
    assert.equal(m1.kind, 'ok');
    const back = await svc.move(SARA, {
      caseId: id,
      version: v++,
      fromStepId: steps[1],
      toStepId: steps[0],
      comment: 'Mangler budget',
    });
    assert.ok(back.kind === 'ok');
    assert.equal(back.case.stepId, 'preparation');
    let view = back.view;
    while (view.next) {
      const r = await svc.move(SARA, {
        caseId: id,
        version: v++,
        fromStepId: view.stepId,
        toStepId: view.next.stepId,
        comment: 'Besluttet på sekretariatsledelsens møde',
      });
      assert.ok(r.kind === 'ok', JSON.stringify(r));
      view = r.view;
    }
    const closed = await svc.move(SARA, { caseId: id, version: v++, fromStepId: view.stepId, toStepId: 'closed' });
    assert.ok(closed.kind === 'ok');
    assert.equal(closed.case.state, 'closed');
    assert.equal(closed.view.summary.step, 'closed');
    const after = await svc.move(SARA, { caseId: id, version: v, fromStepId: view.stepId, toStepId: 'closed' });
    assert.equal(after.kind === 'refused' && after.reason, 'closed');
  });

  it('finds a case by id, by fuzzy title in Danish or English, with typos and partial words', async () => {
    assert.equal((await seedDemoCasesIfEmpty((svc as any).repo)).seeded, 6);
    const expect = async (query: string, id: string) => {
      const r = await svc.find({ query }, { org: 'midt' });
      assert.equal(
        r.kind === 'found' && r.case.id,
        id,
        `${query} -> ${JSON.stringify(r.kind === 'found' ? r.case.id : r)}`,
      );
    };
    await expect('IV-aftalen', 'SAG-2026-0001');
    await expect('iv aftalen', 'SAG-2026-0001');
    await expect('respiration agreement', 'SAG-2026-0002');
    await expect('respirationsaftalen', 'SAG-2026-0002');
    await expect('respirasjonsaftalen', 'SAG-2026-0002');
    await expect('ulighed', 'SAG-2026-0003');
    await expect('the labour market', 'SAG-2026-0004');
    await expect('arbejdsmarkedet', 'SAG-2026-0004');
    await expect('følgeforskning', 'SAG-2026-0005');
    await expect('foelgeforskningen', 'SAG-2026-0005');
    await expect('hjerterehabilitering', 'SAG-2026-0006');
    await expect('heart rehab', 'SAG-2026-0006');
    const byId = await svc.find({ caseId: 'sag 2026 2' });
    assert.equal(
      byId.kind === 'found' && byId.case.title,
      'Samarbejdsaftale om respirationsbehandling (respirationsaftalen)',
    );
  });

  it('offers a choice when several titles match and the closest titles when none does', async () => {
    await seedDemoCasesIfEmpty((svc as any).repo);
    const several = await svc.find({ query: 'samarbejdsaftale' }, { org: 'midt' });
    assert.equal(several.kind, 'choices');
    if (several.kind === 'choices')
      assert.deepEqual(several.hits.map((h) => h.case.id).sort(), ['SAG-2026-0001', 'SAG-2026-0002']);
    const none = await svc.lookup({ query: 'kantinens menu' }, { org: 'midt', lang: 'da' });
    assert.equal(none.kind, 'not_found');
    const near = await svc.find({ query: 'udviklingsopgave om klima' }, { org: 'midt' });
    assert.equal(near.kind, 'not_found');
    if (near.kind === 'not_found')
      assert.ok(
        near.closest.some((h) => h.case.id === 'SAG-2026-0003' || h.case.id === 'SAG-2026-0004'),
        'closest titles are offered',
      );
  });

  it("answers the assistant's case_status with the contract's case object", async () => {
    await seedDemoCasesIfEmpty((svc as any).repo);
    const r = await svc.lookup({ query: 'IV-aftalen' }, { org: 'midt', lang: 'da' });
    assert.ok(r.kind === 'found');
    assert.deepEqual(r.summary, {
      id: 'SAG-2026-0001',
      title: 'Samarbejdsaftale om intravenøs behandling i eget hjem (IV-aftalen)',
      process: 'type-a',
      step: 'commenting',
      holder: 'sekretariat',
      next: 'ssg-approval',
      deadline: '2026-11-20',
    });
    assert.match(r.text.da, /står ved "Kommentering"/);
    assert.match(r.text.da, /overskredet/);
    assert.match(r.text.en, /Next decision: (the )?[^.]*steering group/i);
    const byId = await svc.lookup({ caseId: 'SAG-2026-0001' }, { org: 'nord', lang: 'en' });
    assert.ok(byId.kind === 'found');
    assert.deepEqual(byId.summary, r.summary);
    assert.equal(byId.text.da, r.text.da);
    assert.equal((await svc.lookup({ caseId: 'SAG-2026-9999' }, { org: 'midt', lang: 'en' })).kind, 'not_found');
  });

  it(
    'builds the status view: progress line, holder, next decision, overdue deadlines, positions, last ' + 'events',
    async () => {
      await seedDemoCasesIfEmpty((svc as any).repo);
      const c = await svc.find({ caseId: 'SAG-2026-0001' });
      assert.ok(c.kind === 'found');
      const v = await svc.view(c.case, 'da');
      assert.deepEqual(
        v.steps.slice(0, 5).map((s) => s.state),
        ['done', 'done', 'done', 'current', 'todo'],
      );
      assert.equal(v.steps[3]?.id, 'commenting');
      assert.ok(v.steps.slice(4).every((s) => s.state === 'todo'));
      assert.equal(v.holder.id, 'sekretariat');
      assert.deepEqual(
        v.nextDecision?.deciders.map((d) => d.id),
        ['ssg'],
      );
      assert.deepEqual(
        v.deadlines.map((d) => [d.date, d.overdue]),
        [
          ['2026-11-20', true],
          ['2026-12-10', false],
        ],
      );
      assert.equal(v.positions.length, 2);
      assert.ok(v.positionsProcess);
      assert.equal(v.events[0]?.what, 'Flyttet');
      assert.match(v.events[0]?.comment ?? '', /→ Kommentering/);
    },
  );

  it('lists cases by holder body as people name it, and "mine sager"', async () => {
    await seedDemoCasesIfEmpty((svc as any).repo);
    const chair = await svc.listByHolder('midt', 'formandskabet');
    assert.ok(chair.kind === 'list');
    assert.deepEqual(
      chair.cases.map((c) => c.id),
      ['SAG-2026-0006'],
    );
    const ssg = await svc.listByHolder('midt', 'SSG');
    assert.ok(ssg.kind === 'list');
    assert.deepEqual(
      ssg.cases.map((c) => c.id),
      ['SAG-2026-0004'],
    );
    assert.equal((await svc.listByHolder('midt', 'kantinen')).kind, 'unknown_body');
    const mineFrida = await svc.listMine(FRIDA, 'midt');
    assert.deepEqual(
      mineFrida.map((c) => c.id),
      ['SAG-2026-0006'],
    );
    const created = await svc.create(SARA, typeA);
    assert.ok(created.kind === 'ok');
    assert.ok((await svc.listMine(SARA, 'midt')).some((c) => c.id === created.case.id));
  });
});

describeEachStore('contingency pool', (get) => {
  it('keeps the balance per year and refuses to approve an expense above what is left', async () => {
    const svc = casesService(get().store);
    const expense = async (title: string, amountDkk: number) => {
      const r = await svc.create(SARA, { title, org: 'midt', processId: 'contingency-pool', amountDkk });
      assert.ok(r.kind === 'ok', JSON.stringify(r));
      const rec = await svc.move(SARA, {
        caseId: r.case.id,
        version: 1,
        fromStepId: 'recommendation',
        toStepId: 'chair-approval',
      });
      assert.ok(rec.kind === 'ok');
      return rec.case;
    };
    const a = await expense('Analyse af genindlæggelser', 300_000);
    const b = await expense('Workshop om data', 250_000);
    let bal = await svc.poolBalance('midt', 2026);
    assert.ok(bal.kind === 'balance');
    assert.deepEqual(
      [bal.balance.annualDkk, bal.balance.approvedDkk, bal.balance.pendingDkk, bal.balance.remainingDkk],
      [500_000, 0, 550_000, 500_000],
    );

    const okA = await svc.move(SARA, {
      caseId: a.id,
      version: a.version,
      fromStepId: 'chair-approval',
      toStepId: 'booked',
      comment: 'Formandskabets møde 20.11.',
    });
    assert.equal(okA.kind, 'ok');
    const refusedB = await svc.move(SARA, {
      caseId: b.id,
      version: b.version,
      fromStepId: 'chair-approval',
      toStepId: 'booked',
      comment: 'Formandskabets møde 20.11.',
    });
    assert.equal(refusedB.kind === 'refused' && refusedB.reason, 'pool_exceeded');
    if (refusedB.kind === 'refused') assert.match(refusedB.message.da, /200\.000 kr\./);
    const bNow = await svc.find({ caseId: b.id });
    assert.ok(bNow.kind === 'found');
    assert.equal(bNow.case.stepId, 'chair-approval');
    assert.equal(bNow.case.version, b.version, 'nothing written for the refused approval');

    bal = await svc.poolBalance('midt', 2026);
    assert.ok(bal.kind === 'balance');
    assert.deepEqual([bal.balance.approvedDkk, bal.balance.remainingDkk], [300_000, 200_000]);
    const other = await svc.poolBalance('midt', 2027);
    assert.ok(other.kind === 'balance');
    assert.equal(other.balance.remainingDkk, 500_000);
    assert.equal(TODAY.slice(0, 4), '2026');
  });

  it('requires an amount for an expense', async () => {
    const svc = casesService(get().store);
    const r = await svc.create(SARA, { title: 'Udgift uden beløb', org: 'midt', processId: 'contingency-pool' });
    assert.equal(r.kind === 'refused' && r.reason, 'amount_required');
  });
});
