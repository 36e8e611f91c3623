// The governance model covers the documents: every sentence the finder picks out of docs/sources (a
// body with a power or duty word) is carried by a statement of the model or excluded with a reason,
// and the finder finds every sentence of a list picked by hand from one whole document.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { bodyNames, coverage, DEFAULT_EXCLUSIONS_FILE, type CoverageReport } from '../../src/governance/coverage';
import { createFinder } from '../../src/governance/coverage-finder';
import { inspectGovernanceModel, DEFAULT_MODEL_DIR } from '../../src/governance/load';
import { DEFAULT_SOURCES_DIR, foldForQuote } from '../../src/governance/quotes';
import { splitDocument } from '../../src/governance/coverage-text';

const HAND_PICKED = join(__dirname, 'fixtures', 'powers-003.yaml');
const HandPicked = z
  .object({
    doc: z.string(),
    sentences: z.array(z.object({ part: z.string().min(10), gives: z.string().min(5) }).strict()).min(10),
  })
  .strict();

/** A writable copy of the model and the exclusions, removed again whatever the test does. */
function withCopy(
  change: (modelDir: string, exclusionsFile: string) => void,
  check: (report: CoverageReport, dirs: { modelDir: string; exclusionsFile: string }) => void,
): void {
  const dir = mkdtempSync(join(tmpdir(), 'coverage-'));
  try {
    const modelDir = join(dir, 'data');
    const exclusionsFile = join(dir, 'exclusions.yaml');
    cpSync(DEFAULT_MODEL_DIR, modelDir, { recursive: true });
    cpSync(DEFAULT_EXCLUSIONS_FILE, exclusionsFile);
    change(modelDir, exclusionsFile);
    check(coverage({ modelDir, exclusionsFile }), { modelDir, exclusionsFile });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deletes one matter (by id) from a model file. */
function removeMatter(file: string, id: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`  - id: ${id}\n`);
  const end = text.indexOf('\n  - id: ', start + 1);
  assert.ok(start > 0 && end > start, `no matter ${id} in ${file}`);
  writeFileSync(file, text.slice(0, start) + text.slice(end + 1));
}

const entriesOf = (r: CoverageReport) => r.documents.flatMap((d) => d.entries);
const entryWith = (r: CoverageReport, part: string) =>
  entriesOf(r).find((e) => e.finding.sentence.folded.includes(foldForQuote(part)));

describe('governance coverage', () => {
  it('carries or excludes every power and duty the documents give a body, and no exclusion is stale', () => {
    const report = coverage();
    const missing = entriesOf(report)
      .filter((e) => e.status === 'missing')
      .map((e) => `${e.finding.sentence.doc}:${e.finding.sentence.line} ${e.finding.sentence.text}`);
    assert.deepEqual(missing, []);
    assert.deepEqual(report.problems, []);
    // Every document has statements, and most of them are rules rather than exclusions.
    for (const d of report.documents) {
      const carried = d.entries.filter((e) => e.status === 'carried').length;
      assert.ok(carried >= 0.75 * d.entries.length, `${d.doc}: only ${carried} of ${d.entries.length} carried`);
    }
  });

  it('finds every sentence of the hand-picked list of document 003 (recall 100 %), and reports its precision', () => {
    const list = HandPicked.parse(parseYaml(readFileSync(HAND_PICKED, 'utf8')));
    const doc = splitDocument(list.doc, readFileSync(join(DEFAULT_SOURCES_DIR, list.doc), 'utf8'));
    const find = createFinder(bodyNames(inspectGovernanceModel().periods));
    const found = doc.sentences.filter((s) => find(s));
    const inSentence = (part: string) => (s: { folded: string }) => s.folded.includes(foldForQuote(part));
    for (const e of list.sentences)
      assert.equal(
        doc.sentences.filter(inSentence(e.part)).length,
        1,
        `the list's part "${e.part}" must lie in exactly one sentence of ${list.doc}`,
      );
    const missed = list.sentences.filter((e) => !found.some(inSentence(e.part)));
    const onList = found.filter((s) => list.sentences.some((e) => inSentence(e.part)(s)));
    const precision = onList.length / found.length;
    console.log(
      `      finder on ${list.doc}: recall ` +
        `${list.sentences.length - missed.length}/${list.sentences.length}, ` +
        `precision ${onList.length}/${found.length} = ${(100 * precision).toFixed(1)} %`,
    );
    assert.deepEqual(
      missed.map((e) => e.part),
      [],
    );
  });

  it('reports a power whose rule is removed as missing, even when a body source still quotes it', () => {
    withCopy(
      (modelDir) => removeMatter(join(modelDir, 'nord-2017.yaml'), 'fu-appointment'),
      (report) => {
        const e = entryWith(report, 'Forretningsudvalget udpeges af Kommunaldirektørkredsen.');
        assert.equal(e?.status, 'missing');
        assert.ok(
          e.carriers.some((c) => c.kind === 'body' && c.path === 'bodies.fu'),
          'the body source still overlaps, but says only who sits on FU',
        );
      },
    );
  });

  it('refuses an exclusion that matches no sentence (stale), more sentences than it says, or a carried one', () => {
    withCopy(
      (_m, exclusionsFile) => {
        const extra = [
          '  - { doc: 003_7b45118a8341e3c0.txt, sentence: "Denne sætning står ikke i dokumentet.", ' +
            'category: aim, reason: "a test: this sentence does not exist" }',
          '  - { doc: 003_7b45118a8341e3c0.txt, sentence: "sekretariatsbetjenes", category: aim, ' +
            'reason: "a test: two sentences say this" }',
          '  - { doc: 003_7b45118a8341e3c0.txt, sentence: "Forretningsudvalget udpeges af ' +
            'Kommunaldirektørkredsen", category: aim, reason: "a test: a rule carries this one" }',
        ];
        writeFileSync(exclusionsFile, `${readFileSync(exclusionsFile, 'utf8').trimEnd()}\n${extra.join('\n')}\n`);
      },
      (report) => {
        assert.ok(
          report.problems.some((p) => /står ikke i dokumentet.*stale/.test(p)),
          report.problems.join('\n'),
        );
        assert.ok(
          report.problems.some((p) => /"sekretariatsbetjenes".*matches 2 sentences, not 1/.test(p)),
          report.problems.join('\n'),
        );
        assert.ok(
          report.problems.some(
            (p) =>
              /excluded .*udpeges af Kommunaldirektørkredsen/.test(p) &&
              /but carried by nord-2017\.yaml matters\.fu-appointment/.test(p),
          ),
          report.problems.join('\n'),
        );
      },
    );
  });

  it('refuses an exclusion without a specific reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coverage-exclusions-'));
    try {
      const file = join(dir, 'exclusions.yaml');
      writeFileSync(
        file,
        'exclusions:\n  - { doc: 003_7b45118a8341e3c0.txt, sentence: "Først er i teksten beskrevet", ' +
          'category: aim, reason: "skip" }\n',
      );
      assert.throws(() => coverage({ exclusionsFile: file }), /exclusions\.0\.reason: Too small/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('governance:coverage prints each sentence with its rule and exits non-zero when one is missing', () => {
    const ok = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/governance-coverage.ts'], {
      encoding: 'utf8',
    });
    assert.match(
      ok,
      /CARRIED {2}KKR er oprettet for at drøfte[^\n]*\n\s+nord-2017\.yaml matters\.kkr-common-lines\.roles\.decides/,
    );
    assert.match(ok, /EXCLUDED {1}Først er i teksten beskrevet[^\n]*\n\s+document: /);
    assert.match(ok, /OK: every power or duty/);
    const dir = mkdtempSync(join(tmpdir(), 'coverage-cli-'));
    try {
      cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
      removeMatter(join(dir, 'nord-2017.yaml'), 'cooperation-fora-secretariat');
      assert.throws(
        () =>
          execFileSync(
            process.execPath,
            ['--import', 'tsx', 'src/cli/governance-coverage.ts', '--missing', '--model', dir],
            { encoding: 'utf8', stdio: 'pipe' },
          ),
        (e: { status: number; stdout: string }) =>
          e.status === 1 &&
          /MISSING {2}Disse fora sekretariatsbetjenes typisk af sygehusene\./.test(e.stdout) &&
          /1 sentence\(s\) missing/.test(e.stdout),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
