import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
let dataDir: string;

function ask(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('ask CLI (the public contract)', function () {
  this.timeout(60_000);
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ask-cli-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers one question as one line of JSON with the contract fields', () => {
    const r = ask(['--json', 'Hvem indstiller til udgiftsafholdelse fra beredskabspuljen?']);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 1);
    const a = JSON.parse(lines[0]!);
    assert.equal(a.status, 'answered');
    assert.equal(a.intent, 'who_decides');
    assert.deepEqual(a.deciders, ['sekretariat']);
    assert.equal(a.org, 'midt');
    assert.match(a.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(a.confidence > 0 && a.confidence <= 1);
    assert.ok(a.sources.length > 0 && a.sources[0].title && a.sources[0].date && a.sources[0].section);
    assert.equal(typeof a.text, 'string');
  });

  it('honours --org, --date and --lang', () => {
    const a = JSON.parse(
      ask(['--org', 'nord', '--date', '2020-01-01', '--lang', 'en', '--json', 'Hvem udpeger forretningsudvalget?']).out,
    );
    assert.equal(a.org, 'nord');
    assert.equal(a.date, '2020-01-01');
    assert.deepEqual(a.deciders, ['kommunaldirektoerkreds']);
    assert.match(a.text, /Appoints/);
  });

  it('prints a human answer without --json', () => {
    const r = ask(['Hvem godkender samarbejdsaftaler?']);
    assert.equal(r.code, 0);
    assert.match(r.out, /Byrådene/);
    assert.throws(() => JSON.parse(r.out));
  });

  it('--batch prints exactly one JSON line per input line, in order, including bad lines', () => {
    const file = join(dataDir, 'batch.jsonl');
    const input = [
      { q: 'Hvem udpeger Sundhedsdirektørernes Forretningsudvalg?', org: 'nord', extra: 1 },
      { q: 'Hvad er klokken i Tokyo?' },
      'not json',
      { q: 'Who approved a cooperation agreement in 2018?' },
      { nope: 1 },
    ];
    writeFileSync(file, input.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n') + '\n');
    const r = ask(['--json', '--batch', file]);
    assert.equal(r.code, 0, r.err);
    const out = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(out.length, 5);
    assert.deepEqual(out[0].deciders, ['kommunaldirektoerkreds']);
    assert.notEqual(out[1].status, 'answered');
    assert.notEqual(out[2].status, 'answered');
    assert.deepEqual(out[3].deciders, ['sku']);
    assert.notEqual(out[4].status, 'answered');
  });

  it('--batch takes null as "not given" and names the field of a line that is really wrong', () => {
    const file = join(dataDir, 'nulls.jsonl');
    const lines = [
      { q: 'Hvem godkender samarbejdsaftaler?', org: null, date: null, lang: null },
      { q: 'Hvem udpeger forretningsudvalget?', org: 'nord', date: null },
      { q: 'Hvem godkender samarbejdsaftaler?', date: '2019-13-45' },
      { q: 'Hvem godkender samarbejdsaftaler?', org: 'syd' },
      { q: 42 },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n[1, 2]\n');
    const r = ask(['--json', '--batch', file]);
    assert.equal(r.code, 0, r.err);
    const out = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(out.length, 6);
    assert.equal(out[0].org, 'midt', 'null org is the default organisation');
    assert.equal(out[0].status, 'answered');
    assert.deepEqual(out[0].deciders, ['kommunalbestyrelser', 'regionsraad']);
    assert.equal(out[0].lang, 'da');
    assert.deepEqual(out[1].deciders, ['kommunaldirektoerkreds']);
    assert.match(out[2].text, /line 3: field "date"/);
    assert.match(out[3].text, /line 4: field "org"/);
    assert.match(out[4].text, /line 5: field "q"/);
    assert.match(out[5].text, /line 6: expected a JSON object/);
    for (const a of out.slice(2)) assert.notEqual(a.status, 'answered');
  });

  it('--batch delivers every line to a reader that is slower than the writer', async () => {
    const file = join(dataDir, 'large.jsonl');
    const questions = [
      'Hvem godkender samarbejdsaftaler?',
      'Who approves an expense paid from the 0.5 million DKK pool?',
      'Hvad er klokken i Tokyo?',
    ];
    const n = 1500; // far more than a pipe buffer holds
    writeFileSync(file, Array.from({ length: n }, (_, i) => JSON.stringify({ q: questions[i % 3] })).join('\n') + '\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--json', '--batch', file], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const exited = new Promise<number | null>((res) => child.once('close', (code) => res(code)));
      // Read nothing until the child has filled the pipe and is done computing, then read slowly.
      await new Promise((r) => setTimeout(r, 2500));
      let text = '';
      child.stdout!.setEncoding('utf8');
      for await (const piece of child.stdout!) {
        text += piece;
        await new Promise((r) => setTimeout(r, 2));
      }
      assert.equal(await exited, 0);
      const out = text.split('\n');
      assert.equal(out.pop(), '', 'the output ends with a newline');
      assert.equal(out.length, n);
      out.forEach((l, i) => assert.equal(JSON.parse(l).status === 'answered', i % 3 !== 2, `line ${i + 1}`));
      assert.ok(text.length > 256 * 1024, `the batch wrote ${text.length} bytes, not enough to test a full pipe`);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 2 with the reason on stderr for bad usage', () => {
    for (const [args, reason] of [
      [['--org', 'syd', '--json', 'hvem?'], /unknown --org/],
      [['--date', '2026-13-45', '--json', 'hvem?'], /bad --date/],
      [['--date', 'igår', '--json', 'hvem?'], /bad --date/],
      [['--lang', 'de', '--json', 'hvem?'], /unknown --lang/],
      [['--json'], /no question/],
      [['--frobnicate', 'x'], /unknown option/],
      [['--json', '--batch', '/no/such/file.jsonl'], /cannot read/],
      [['--json', '--batch'], /needs a value/],
    ] as Array<[string[], RegExp]>) {
      const r = ask(args);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}`);
      assert.match(r.err, reason);
      assert.equal(r.out, '');
    }
  });

  it('answers "status på SAG-..." from the same store as the bot, seeded with the demo cases', () => {
    const a = JSON.parse(ask(['--json', 'status på SAG-2026-0001']).out);
    assert.equal(a.intent, 'case_status');
    assert.equal(a.status, 'answered');
    assert.equal(a.case.id, 'SAG-2026-0001');
    for (const k of ['title', 'process', 'step', 'holder']) assert.ok(a.case[k], k);
    const missing = JSON.parse(ask(['--json', 'status på SAG-2099-0999']).out);
    assert.equal(missing.status, 'not_found');
    assert.equal(missing.intent, 'case_status');
  });

  it('works through npm exactly as the contract writes it', () => {
    const r = spawnSync(
      'npm',
      ['run', '--silent', 'ask', '--', '--json', 'Who approves an expense paid from the 0.5 million DKK pool?'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).deciders, ['formandskab']);
  });
});
