import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { sql } from 'kysely';
import { describeEachStore, freshPgliteDir } from '../store/helpers/databases';
import { casesService, SARA } from './helpers';
import { seedDemoCasesIfEmpty } from '../../src/cases/seed';
import { KyselyCaseRepository } from '../../src/store/cases-repository';
import { openStore } from '../../src/store/open';
import { runCasesCli } from '../../src/cli/cases';
import { loadConfig } from '../../src/config';
import { startInternalServer } from '../../src/http/internal-server';

describeEachStore('cases export and import', (get) => {
  it('exports every case with its history and imports it back unchanged; new ids continue after it', async () => {
    const svc = casesService(get().store);
    await seedDemoCasesIfEmpty(new KyselyCaseRepository(get().store.db));
    const exported = await svc.exportFile();
    const parsed = JSON.parse(exported) as { cases: Array<{ id: string; history: unknown[] }> };
    assert.equal(parsed.cases.length, 6);
    assert.equal(parsed.cases[0]?.history.length, 4);

    // Other features' events (approvals: votes) travel with the history.
    (parsed.cases[5]!.history as unknown[]).push({
      at: '2026-11-20T10:00:00.000Z',
      actorId: 'aad-anders',
      actorName: 'Anders Holm',
      kind: 'vote',
      fromStep: 'chair-approval',
      toStep: null,
      comment: 'godkendt',
    });
    await sql`truncate table case_events, cases, case_seq restart identity cascade`.execute(get().store.db);
    const r = await svc.importFile(JSON.stringify(parsed, null, 2));
    assert.deepEqual(r, { kind: 'imported', count: 6 });
    const again = JSON.parse(await svc.exportFile()) as { cases: unknown[] };
    assert.deepEqual(again.cases, parsed.cases);
    const created = await svc.create(SARA, { title: 'Ny sag efter import', org: 'midt', processId: 'type-a' });
    assert.equal(created.kind === 'ok' && created.case.id, 'SAG-2026-0007');
  });

  it('refuses a bad file whole with line-level reasons, writing nothing', async () => {
    const svc = casesService(get().store);
    await seedDemoCasesIfEmpty(new KyselyCaseRepository(get().store.db));
    const good = JSON.parse(await svc.exportFile()) as { cases: Array<Record<string, unknown>> };
    const fresh: Array<Record<string, unknown>> = good.cases.map((c, i) => ({
      ...c,
      id: `SAG-2025-${String(i + 1).padStart(4, '0')}`,
    }));
    fresh[1] = { ...fresh[1], stepId: 'no-such-step' };
    fresh[2] = { ...fresh[2], title: 'x' };
    fresh[3] = { ...fresh[3], holder: 'sku' };
    fresh[4] = { ...fresh[4], secret: true };
    const text = JSON.stringify({ ...good, cases: fresh }, null, 2);
    const before = await svc.exportFile();
    const r = await svc.importFile(text, 'bad.json');
    assert.equal(r.kind, 'refused');
    if (r.kind !== 'refused') return;
    const lines = text.split('\n');
    const lineOfText = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    assert.ok(
      r.problems.some((p) => p.startsWith(`bad.json:${lineOfText('"title": "x"')}: cases.2.title:`)),
      r.problems.join('\n'),
    );
    assert.ok(
      r.problems.some((p) => /unknown field\(s\): secret/.test(p)),
      r.problems.join('\n'),
    );
    // Shape errors are reported first; fix them and the model checks speak.
    fresh[2] = { ...fresh[2], title: 'Gyldig titel' };
    delete (fresh[4] as Record<string, unknown>).secret;
    const text2 = JSON.stringify({ ...good, cases: fresh }, null, 2);
    const r2 = await svc.importFile(text2, 'bad.json');
    assert.ok(r2.kind === 'refused');
    const lines2 = text2.split('\n');
    assert.ok(
      r2.problems.some((p) =>
        p.startsWith(
          `bad.json:${lines2.findIndex((l) => l.includes('no-such-step')) + 1}: cases.1.stepId: the process ` +
            `"type-a" has no step`,
        ),
      ),
      r2.problems.join('\n'),
    );
    assert.ok(
      r2.problems.some((p) => /cases\.3\.holder: at "[a-z-]+" the case is held by one of/.test(p)),
      r2.problems.join('\n'),
    );
    assert.equal(await svc.exportFile().then((t) => JSON.parse(t).cases.length), JSON.parse(before).cases.length);

    const dup = await svc.importFile(before, 'same.json');
    assert.ok(dup.kind === 'refused');
    assert.match(dup.problems[0]!, /SAG-2026-0001 already exists/);
    const broken = await svc.importFile(
      '{ "format": "sundhedsaftale-cases",\n  "version": 1,\n  "cases": [ }',
      'broken.json',
    );
    assert.ok(broken.kind === 'refused');
    assert.match(broken.problems[0]!, /^broken\.json:3: not valid JSON/);
  });
  // Issue 13, defect 4: these passed validation and failed inside the database.
  it('refuses a year-0000 timestamp and a NUL in a comment with file:line: field: reason', async () => {
    const svc = casesService(get().store);
    await seedDemoCasesIfEmpty(new KyselyCaseRepository(get().store.db));
    const good = JSON.parse(await svc.exportFile()) as { cases: Array<{ id: string; history: any[] }> };
    const cases = good.cases.map((c, i) => ({ ...c, id: `SAG-2024-${String(i + 1).padStart(4, '0')}` }));
    cases[0]!.history[1] = { ...cases[0]!.history[1], at: '0000-01-01T00:00:00Z' };
    cases[1]!.history[1] = { ...cases[1]!.history[1], comment: 'før\u0000efter' };
    const text = JSON.stringify({ ...good, cases }, null, 2);
    const r = await svc.importFile(text, 'odd.json');
    assert.ok(r.kind === 'refused', JSON.stringify(r));
    const lines = text.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    assert.ok(
      r.problems.some((p) => p.startsWith(`odd.json:${lineOf('0000-01-01')}: cases.0.history.1.at: `)),
      r.problems.join('\n'),
    );
    assert.ok(
      r.problems.some(
        (p) => p.startsWith(`odd.json:${lineOf('før\\u0000efter')}: cases.1.history.1.comment: `) && /NUL/.test(p),
      ),
      r.problems.join('\n'),
    );
  });
});

describe('npm run cases (CLI)', function () {
  this.timeout(60_000);
  const config = (dir: string) => loadConfig({ env: { DATA_DIR: dir }, envDir: path.join(os.tmpdir(), 'no-env-here') });
  const io = () => {
    const o = { out: '', err: '' };
    return { o, io: { out: (s: string) => void (o.out += s), err: (s: string) => void (o.err += s) } };
  };

  it('exports, refuses a bad import with reasons and exit 1, and answers bad usage with exit 2', async () => {
    const dir = await freshPgliteDir();
    const seed = io();
    assert.equal(await runCasesCli(['seed'], seed.io, config(dir)), 0);
    assert.match(seed.o.err, /seeded 6 demo case/);
    const exp = io();
    assert.equal(await runCasesCli(['export'], exp.io, config(dir)), 0);
    assert.equal(JSON.parse(exp.o.out).cases.length, 6);
    const file = path.join(path.dirname(dir), 'cases.json');
    fs.writeFileSync(file, exp.o.out);
    const imp = io();
    assert.equal(await runCasesCli(['import', file], imp.io, config(dir)), 1);
    assert.match(imp.o.err, /refused, nothing imported:\n {2}cases\.json: SAG-2026-0001 already exists/);
    assert.equal(await runCasesCli(['import'], io().io, config(dir)), 2);
    assert.equal(await runCasesCli(['import', path.join(dir, 'missing.json')], io().io, config(dir)), 2);
  });

  it('while the bot holds the embedded database, asks the running bot over its loopback endpoint', async () => {
    const dir = await freshPgliteDir();
    const store = await openStore({ dataDir: dir });
    const svc = casesService(store);
    await seedDemoCasesIfEmpty(new KyselyCaseRepository(store.db));
    const internal = await startInternalServer(
      {
        ask: () => Promise.reject(new Error('not used')),
        exportCases: () => svc.exportFile(),
        importCases: (t, f) => svc.importFile(t, f),
        seedDemo: () => seedDemoCasesIfEmpty(new KyselyCaseRepository(store.db)),
      },
      pino({ level: 'silent' }),
    );
    try {
      const refused = io();
      assert.equal(await runCasesCli(['export'], refused.io, config(dir)), 1);
      assert.match(refused.o.err, new RegExp(`the database is in use by process ${process.pid}`));
      store.lock!.advertise({ url: internal.url, token: internal.token });
      const exp = io();
      assert.equal(await runCasesCli(['export'], exp.io, config(dir)), 0);
      assert.equal(JSON.parse(exp.o.out).cases.length, 6);
      const forged = await fetch(`${internal.url}/internal/cases/export`, {
        headers: { authorization: 'Bearer nope' },
      });
      assert.equal(forged.status, 401);
    } finally {
      await internal.close();
      await store.close();
    }
  });

  it('prints the running bot’s reason when its endpoint fails, not only the HTTP status', async () => {
    const dir = await freshPgliteDir();
    const store = await openStore({ dataDir: dir });
    const internal = await startInternalServer(
      {
        ask: () => Promise.reject(new Error('not used')),
        exportCases: () => Promise.reject(new Error('date/time field value out of range: "0000-01-01"')),
        importCases: () => Promise.reject(new Error('invalid byte sequence for encoding "UTF8": 0x00')),
        seedDemo: () => Promise.reject(new Error('not used')),
      },
      pino({ level: 'silent' }),
    );
    try {
      store.lock!.advertise({ url: internal.url, token: internal.token });
      const exp = io();
      assert.equal(await runCasesCli(['export'], exp.io, config(dir)), 1);
      assert.match(exp.o.err, /answered HTTP 503: date\/time field value out of range/);
      const file = path.join(path.dirname(dir), 'some.json');
      fs.writeFileSync(file, '{}');
      const imp = io();
      assert.equal(await runCasesCli(['import', file], imp.io, config(dir)), 1);
      assert.match(imp.o.err, /answered HTTP 503: invalid byte sequence/);
    } finally {
      await internal.close();
      await store.close();
    }
  });
});
