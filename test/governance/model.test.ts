import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  DEFAULT_MODEL_DIR,
  GovernanceModelError,
  inspectGovernanceModel,
  loadGovernanceModel,
} from '../../src/governance/load';

/** A writable copy of the model files, so a test can break one and see the check catch it. */
function copyModel(): string {
  const dir = mkdtempSync(join(tmpdir(), 'model-'));
  cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  const next = text.replace(from, to);
  assert.notEqual(next, text, `the edit of ${file} changed nothing`);
  writeFileSync(p, next);
}

describe('governance model', () => {
  it('loads the five periods with validity dates and inheritance resolved', () => {
    const m = loadGovernanceModel();
    assert.deepEqual(m.periods.map((p) => p.id).sort(), [
      'midt-2015',
      'midt-2016',
      'midt-2017',
      'midt-2019',
      'nord-2017',
    ]);
    assert.equal(m.periodAt('midt', '2016-08-31')?.id, 'midt-2015');
    assert.equal(m.periodAt('midt', '2016-09-01')?.id, 'midt-2016');
    assert.equal(m.periodAt('midt', '2018-06-01')?.id, 'midt-2017');
    assert.equal(m.periodAt('midt', '2026-11-26')?.id, 'midt-2019');
    assert.equal(m.periodAt('nord', '2026-11-26')?.id, 'nord-2017');
    assert.equal(m.periodAt('midt', '2014-01-01'), undefined);
    const p2019 = m.periodAt('midt', '2026-01-01')!;
    // Inherited from 2017 (the memo), kept in 2019: the contingency pool and the two decision powers.
    assert.equal(p2019.pools.get('beredskabspulje')?.annualAmountDkk, 500000);
    assert.ok(p2019.matters.has('process-decisions'));
    // Retired in 2016: the theme groups.
    assert.ok(!m.periodAt('midt', '2017-01-01')!.bodies.has('temagruppe'));
    assert.ok(m.periodAt('midt', '2015-06-01')!.bodies.has('temagruppe'));
    // The steering group's two co-chairs and the secretariat management's two seats.
    assert.equal(p2019.bodies.get('ssg')!.seats.filter((s) => s.chair).length, 2);
    assert.equal(p2019.bodies.get('sekretariatsledelse')!.seats.length, 2);
  });

  it('has a process for each documented route, each step with a holder', () => {
    const p = loadGovernanceModel().periodAt('midt', '2026-01-01')!;
    for (const id of [
      'type-a',
      'type-b-ssg',
      'type-b-cluster',
      'contingency-pool',
      'formandskab-decision',
      'secretariat-decision',
    ]) {
      assert.ok(p.processes.get(id), `missing process ${id}`);
    }
    const a = p.processes.get('type-a')!;
    assert.deepEqual(
      a.steps.map((s) => s.id),
      [
        'terms-of-reference',
        'drafting-place',
        'drafting',
        'commenting',
        'ssg-approval',
        'sku-recommendation',
        'council-approval',
        'implementation',
      ],
    );
  });

  it(
    'holds the bodies the documents name once or twice, the new roles and the reporting lines with ' + 'their sources',
    () => {
      const m = loadGovernanceModel();
      const has = (period: string, ids: string[]) => {
        const p = m.periods.find((x) => x.id === period)!;
        for (const id of ids) assert.ok(p.bodies.has(id), `${period} lacks ${id}`);
        return p;
      };
      has('midt-2015', ['kosu', 'kosu-sekretariat', 'naere-sundhedstilbud', 'tandudvalg', 'folkesundhed-i-midten']);
      has('midt-2019', [
        'patientinddragelsesudvalg',
        'plo-midtjylland',
        'alliance-naer-psykiatri',
        'hospitaler',
        'almen-praksis',
        'kosu',
        'dks',
      ]);
      const nord = has('nord-2017', [
        'samarbejdsforum',
        'forhandlingsgruppe',
        'dialogforum',
        'samarbejdsudvalg',
        'kommunale-forvaltninger',
        'klyngesekretaerer',
        'kkr-sekretariat',
        'region-nordjylland',
        'plo-nordjylland',
      ]);
      assert.deepEqual(
        nord.bodies.get('das')!.reportsTo.map((r) => [r.body, r.source?.quote]),
        [['sku', 'DAS har reference til Sundhedskoordinationsudvalget']],
      );
      assert.deepEqual(nord.matters.get('anchoring-group-secretariat')!.roles.secretariat!.bodies, [
        'klyngesekretaerer',
      ]);
      const p2017 = m.periodAt('midt', '2018-01-01')!;
      assert.deepEqual(
        p2017.bodies.get('sekretariatsledelse')!.reportsTo.map((r) => r.body),
        ['formandskab'],
      );
      assert.deepEqual(p2017.matters.get('pool-accounts')!.roles.responsible!.bodies, ['sekretariat']);
      assert.deepEqual(m.periodAt('midt', '2026-01-01')!.matters.get('initiate-joint-work')!.roles['sets-up']!.bodies, [
        'ssg',
      ]);
      assert.deepEqual(m.periodAt('midt', '2015-06-01')!.matters.get('case-support')!.roles.coordinates!.bodies, [
        'sekretariat',
      ]);
    },
  );

  it('refuses a reporting line to an unknown body, and one whose source cites an undeclared document', () => {
    const dir = copyModel();
    try {
      edit(
        dir,
        'nord-2017.yaml',
        '- { body: sku, source: { doc: nord2017,',
        '- { body: skuu, source: { doc: nord2017,',
      );
      edit(dir, 'midt-2017.yaml', '- { body: ssg, source: { doc: memo2017,', '- { body: ssg, source: { doc: memo2071,');
      const { issues } = inspectGovernanceModel(dir);
      assert.ok(
        issues.some(
          (i) => i.file === 'nord-2017.yaml' && /reportsTo/.test(i.path) && /unknown body "skuu"/.test(i.message),
        ),
        JSON.stringify(issues),
      );
      assert.ok(
        issues.some(
          (i) =>
            i.file === 'midt-2017.yaml' &&
            /reportsTo\.ssg\.source/.test(i.path) &&
            /undeclared source document "memo2071"/.test(i.message),
        ),
        JSON.stringify(issues),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a rule that names an unknown body', () => {
    const dir = copyModel();
    try {
      edit(dir, 'midt-2017.yaml', 'bodies: [sekretariatsledelse], source', 'bodies: [sekretariatsledelsen], source');
      const { issues } = inspectGovernanceModel(dir);
      assert.ok(
        issues.some((i) => /unknown body "sekretariatsledelsen"/.test(i.message)),
        JSON.stringify(issues),
      );
      assert.throws(() => loadGovernanceModel(dir), GovernanceModelError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a rule without a source', () => {
    const dir = copyModel();
    try {
      edit(
        dir,
        'nord-2017.yaml',
        /appoints: \{ bodies: \[kommunaldirektoerkreds\], source: \{[^}]*\} \}/,
        'appoints: { bodies: [kommunaldirektoerkreds] }',
      );
      const { issues } = inspectGovernanceModel(dir);
      assert.ok(
        issues.some((i) => i.file === 'nord-2017.yaml' && /source/.test(i.path)),
        JSON.stringify(issues),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses overlapping periods', () => {
    const dir = copyModel();
    try {
      edit(dir, 'midt-2016.yaml', 'validFrom: 2016-09-01', 'validFrom: 2016-03-01');
      const { issues } = inspectGovernanceModel(dir);
      assert.ok(
        issues.some((i) => /overlaps midt-2015/.test(i.message)),
        JSON.stringify(issues),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a source citing an undeclared document', () => {
    const dir = copyModel();
    try {
      edit(
        dir,
        'midt-2015.yaml',
        'quote: "Det politiske niveau (Sundhedskoordinationsudvalget)" }\n',
        'quote: "x", doc: nosuchdoc }\n',
      );
      const { issues } = inspectGovernanceModel(dir);
      assert.ok(issues.length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('governance:check prints the same report and exits non-zero on problems', () => {
    const ok = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/governance-check.ts'], { encoding: 'utf8' });
    assert.match(ok, /OK: every rule names known bodies/);
    const dir = copyModel();
    try {
      edit(dir, 'midt-2016.yaml', 'validFrom: 2016-09-01', 'validFrom: 2016-03-01');
      assert.throws(
        () =>
          execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/governance-check.ts', dir], {
            encoding: 'utf8',
            stdio: 'pipe',
          }),
        (e: { status: number; stdout: string }) => e.status === 1 && /overlaps midt-2015/.test(e.stdout),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Issue 13, defect 3: an impossible date passed start-up and governance:check ("OK").
  it('refuses an impossible date with file:line: field: reason, and governance:check fails on it', () => {
    const dir = copyModel();
    try {
      edit(dir, 'midt-2019.yaml', 'validFrom: 2019-01-01', 'validFrom: 2019-13-45');
      const { issues } = inspectGovernanceModel(dir);
      const bad = issues.find((i) => i.path === 'validFrom');
      assert.ok(bad, JSON.stringify(issues));
      assert.equal(bad.file, 'midt-2019.yaml');
      assert.equal(bad.line, 16);
      assert.match(bad.message, /not a real date/);
      assert.throws(
        () =>
          execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/governance-check.ts', dir], {
            encoding: 'utf8',
            stdio: 'pipe',
          }),
        (e: { status: number; stdout: string }) =>
          e.status === 1 && /midt-2019\.yaml:16: validFrom: not a real date/.test(e.stdout),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
