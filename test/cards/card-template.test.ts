import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import fc from 'fast-check';
import { compileCardTemplate, NeedsLibrary } from '../../src/teams/card-template';
import { CARDS_DIR, expandCard, expandCardWithLibrary } from '../../src/teams/cards';
import { answerCardData, clarifyCardData, outOfScopeCardData } from '../../src/teams/views/answer';
import { labels } from '../../src/teams/cards';
import { EXAMPLES, HELP_COMMANDS } from '../../src/teams/strings';
import { answeredSample, clarifySample } from '../fixtures/answers';

const templates = readdirSync(CARDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    name: f.replace(/\.json$/, ''),
    json: JSON.parse(readFileSync(join(CARDS_DIR, f), 'utf8')) as unknown,
  }));

/** Identifiers a template binds to, so random data hits its paths. */
function identifiers(json: unknown): string[] {
  const out = new Set<string>();
  for (const m of JSON.stringify(json).matchAll(/\$\{([^}]*)\}/g))
    for (const id of m[1]!.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) out.add(id[0]);
  out.delete('count');
  return [...out];
}

function dataArbitrary(keys: string[]) {
  const text = fc.oneof(
    fc.string(),
    fc.constantFrom('', 'Sundhedsstyregruppen', 'æøå ÆØÅ', '${labels.x}', 'a "quoted" \\ `tick`', '•'),
  );
  const leaf = fc.oneof(
    { weight: 6, arbitrary: text },
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.double({ noNaN: true }),
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      leaf,
      tie('object'),
      fc.array(fc.oneof(tie('object'), text), { maxLength: 4 }),
    ),
    object: fc.dictionary(fc.constantFrom(...keys), tie('value'), { maxKeys: keys.length }),
  }));
  return fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length });
}

describe('cards: compiled templates expand exactly like adaptivecards-templating', () => {
  const mine = ['who-decides-answer', 'clarify', 'out-of-scope', 'help', 'welcome'];

  it('the bot’s own templates compile to the fast path', () => {
    for (const name of mine) assert.ok(compileCardTemplate(templates.find((t) => t.name === name)!.json), name);
  });

  it('every compiled template gives the library’s result for the views’ data', () => {
    const cases: Array<[string, object]> = [];
    for (const lang of ['da', 'en'] as const) {
      const a = answeredSample({ lang });
      cases.push(['who-decides-answer', answerCardData(a, a.detail!)]);
      const low = answeredSample({ lang, confidence: 0.4, sources: [] });
      cases.push([
        'who-decides-answer',
        answerCardData(low, { ...low.detail!, route: [], conditions: [], notes: ['n'] }),
      ]);
      cases.push(['clarify', clarifyCardData(clarifySample({ lang }))]);
      cases.push(['out-of-scope', outOfScopeCardData('Uden for', lang)]);
      cases.push([
        'help',
        { labels: labels(lang), intro: '', examples: EXAMPLES[lang], commands: HELP_COMMANDS[lang] },
      ]);
      cases.push(['help', { labels: labels(lang), intro: 'x', examples: EXAMPLES[lang], commands: ['a', 'b'] }]);
      cases.push(['welcome', { labels: labels(lang), examples: EXAMPLES[lang], showChannelTip: lang === 'da' }]);
    }
    for (const [name, data] of cases) {
      const fast = compileCardTemplate(templates.find((t) => t.name === name)!.json)!(data);
      assert.deepEqual(fast, expandCardWithLibrary(name, data), name);
      assert.deepEqual(expandCard(name, data), withoutSchema(fast));
    }
  });

  for (const t of templates) {
    const compiled = compileCardTemplate(t.json);
    if (!compiled) continue;
    it(`${t.name}: on random data the fast path agrees with the library or hands over to it`, () => {
      const library = new ACData.Template(t.json);
      fc.assert(
        fc.property(dataArbitrary(identifiers(t.json).length ? identifiers(t.json) : ['x']), (data) => {
          let expected: unknown;
          let libraryFailed = false;
          try {
            expected = library.expand({ $root: data });
          } catch {
            libraryFailed = true;
          }
          let actual: unknown;
          try {
            actual = compiled(data);
          } catch (err) {
            if (err instanceof NeedsLibrary) return;
            throw err;
          }
          assert.ok(!libraryFailed, 'the library failed where the fast path produced a card');
          assert.deepEqual(actual, expected);
        }),
        { numRuns: 200 },
      );
    });
  }

  const text = fc.oneof(
    fc.string({ minLength: 1 }),
    fc.constantFrom('Sundhedsstyregruppen', 'æøå', '${labels.decides}', 'a "q" \\ `t`', ' '),
  );
  const body = fc.record({
    id: fc.constantFrom('ssg', 'sku', 'klynge'),
    name: text,
    meets: fc.option(text, { nil: undefined }),
  });
  const answerArb = fc.record({
    lang: fc.constantFrom('da' as const, 'en' as const),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    text,
    sources: fc.array(
      fc.record({
        title: text,
        date: fc.constant('2019-01-01'),
        section: text,
        quote: fc.option(text, { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
    bodies: fc.array(body, { minLength: 1, maxLength: 3 }),
    route: fc.array(
      fc.record({
        label: text,
        bodies: fc.array(body, { minLength: 1, maxLength: 2 }),
        note: fc.option(text, { nil: undefined }),
      }),
      { maxLength: 5 },
    ),
    conditions: fc.array(text, { maxLength: 4 }),
    notes: fc.array(text, { maxLength: 2 }),
    choices: fc.array(fc.record({ label: text, query: text }), { maxLength: 4 }),
  });

  it('the bot’s cards for random answers: the fast path takes them and agrees with the library', () => {
    fc.assert(
      fc.property(answerArb, (r) => {
        const base = answeredSample({ lang: r.lang, confidence: r.confidence, text: r.text, sources: r.sources });
        const detail = {
          ...base.detail!,
          bodies: r.bodies,
          conditions: r.conditions,
          notes: r.notes,
          route: r.route.map((x) => ({ ...x, role: 'decides' as const })),
        };
        const views: Array<[string, object]> = [
          ['who-decides-answer', answerCardData(base, detail)],
          [
            'clarify',
            clarifyCardData(clarifySample({ lang: r.lang, choices: r.choices.map((c) => ({ ...c, deciders: [] })) })),
          ],
          ['out-of-scope', outOfScopeCardData(r.text, r.lang)],
        ];
        for (const [name, data] of views) {
          const fast = compileCardTemplate(templates.find((t) => t.name === name)!.json)!(data);
          assert.deepEqual(fast, expandCardWithLibrary(name, data), name);
        }
      }),
      { numRuns: 150 },
    );
  });
});

function withoutSchema(card: unknown): unknown {
  const { $schema: _drop, ...rest } = card as Record<string, unknown>;
  return rest;
}
