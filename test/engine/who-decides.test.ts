import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadGovernanceModel } from '../../src/governance/load';
import { WhoDecidesEngine } from '../../src/engine/who-decides';
import { readTrainingFiles } from '../../src/engine/dataset';

const model = loadGovernanceModel();
const engine = new WhoDecidesEngine(model, { org: 'midt', today: () => '2026-11-26' });
const ask = (q: string, opts: { org?: 'midt' | 'nord'; date?: string } = {}) => engine.ask(q, opts);
const allBodyIds = new Set(model.periods.flatMap((p) => [...p.bodies.keys()]));

describe('who-decides engine', () => {
  it(
    'answers with the contract fields: deciders, org, date, confidence, sources, text, route and an ' + 'explanation',
    () => {
      const a = ask('Hvem beslutter om vi må bruge penge fra beredskabspuljen?');
      assert.equal(a.status, 'answered');
      assert.equal(a.intent, 'who_decides');
      assert.deepEqual(a.deciders, ['formandskab']);
      assert.equal(a.org, 'midt');
      assert.equal(a.date, '2026-11-26');
      assert.equal(a.lang, 'da');
      assert.ok(a.confidence > 0 && a.confidence <= 1);
      assert.ok(a.sources.length > 0 && a.sources.every((s) => s.title && s.date && s.section && s.quote));
      assert.match(a.text, /Kilde:/);
      const d = a.detail!;
      assert.equal(d.matterId, 'contingency-pool-expense');
      assert.ok(
        d.route.some((r) => r.role === 'recommends'),
        'the route shows who recommends',
      );
      assert.equal(a.choices, undefined);
    },
  );

  it('explains which statement answered, in which period, and the words that decided it', () => {
    const a = ask('Hvem beslutter om vi må bruge penge fra beredskabspuljen?');
    const text = a.detail!.explanation.join('\n');
    assert.match(text, /statement: m:contingency-pool-expense#decides \(midt-2019, chosen by today\)/);
    assert.match(text, /words: .*beredskabspuljen/);
    assert.match(text, /evidence: "[^"]+" points at this topic/);
    assert.match(text, /confidence: \d\.\d\d \(fitted on held-out folds/);
  });

  it('is deterministic: the same question gives the same answer, from this engine and from a second one', () => {
    const q = 'Hvem indstiller til udgiftsafholdelse fra beredskabspuljen?';
    const other = new WhoDecidesEngine(model, { org: 'midt', today: () => '2026-11-26' });
    assert.deepEqual(engine.compute(q), engine.compute(q));
    assert.deepEqual(other.compute(q), engine.compute(q));
  });

  it('selects the period from a year in the question, the date option, and a body only one period had', () => {
    const y = ask('Hvem traf beslutning om sundhedsfaglige forhold i 2015?');
    assert.equal(y.status, 'answered');
    assert.equal(y.detail!.period.id, 'midt-2015');
    assert.equal(y.date, '2015-12-31');
    assert.deepEqual(y.deciders, ['temagruppe']);
    // Cooperation agreements: the coordination committee decided them until 2018, the councils since 2019.
    assert.deepEqual(ask('Hvem godkender samarbejdsaftaler?', { date: '2016-10-01' }).deciders, ['sku']);
    assert.deepEqual(ask('Who approved a cooperation agreement in 2018?').deciders, ['sku']);
    assert.deepEqual([...ask('Hvem godkender samarbejdsaftaler?').deciders].sort(), [
      'kommunalbestyrelser',
      'regionsraad',
    ]);
    const body = engine.read('Hvad var temagruppernes opgave?');
    assert.equal(body.choice.via, 'body');
    assert.deepEqual(
      body.choice.periods.map((p) => p.id),
      ['midt-2015'],
    );
  });

  it('selects the organisation from the text: a region named, or a body only Nordjylland has', () => {
    const a = ask('Hvem forhandler med PLO om lægernes deltagelse i projekter i Nordjylland?');
    assert.equal(a.org, 'nord');
    assert.deepEqual(a.deciders, ['forhandlingsgruppe']);
    const fu = ask('hvem udpeger FU?');
    assert.equal(fu.org, 'nord');
    assert.deepEqual(fu.deciders, ['kommunaldirektoerkreds']);
  });

  it('answers "whom does X recommend to?" with the body that receives it, and "who recommends?" with X', () => {
    const asked = { date: '2016-10-01' };
    assert.deepEqual(ask('Hvem indstiller Sundhedsstyregruppen samarbejdsaftaler til?', asked).deciders, ['sku']);
    // Read with less confidence in English: asked back, with the receiving body first among the choices.
    const en = ask('To whom does the steering group recommend cooperation agreements?', asked);
    assert.notDeepEqual(en.deciders, ['ssg']);
    assert.deepEqual(en.status === 'answered' ? en.deciders : en.choices?.[0]?.deciders, ['sku']);
    assert.deepEqual(ask('Hvem indstiller samarbejdsaftaler til godkendelse?', asked).deciders, ['ssg']);
  });

  it('asked about a period whose documents do not describe the matter, says so and offers the period that does', () => {
    const a = ask('Hvem godkender kommissorier for arbejdsgrupper i 2015?');
    assert.equal(a.status, 'clarify');
    assert.match(a.text, /beskriver det ikke/);
    assert.equal(a.choices!.length, 1);
    const choice = a.choices![0]!;
    assert.match(choice.label, /2016|2017|2019/);
    assert.match(choice.query, / i (2016|2017|2019)\?$/);
    const picked = ask(choice.query);
    assert.equal(picked.status, 'answered');
    assert.deepEqual(picked.deciders, choice.deciders);
    assert.notEqual(picked.detail!.period.id, 'midt-2015');
  });

  it('never answers a question made of generic words only', () => {
    for (const q of [
      'hvem beslutter?',
      'aftale',
      'kommune',
      'hospital',
      'hvem beslutter om hospitalet?',
      'who decides about the municipality?',
      'hvem har ansvaret?',
      'Who is responsible?',
    ]) {
      assert.notEqual(ask(q).status, 'answered', q);
    }
  });

  it('never answers the weather, the canteen, the army budget or another region', () => {
    for (const q of [
      'Hvad er klokken i Tokyo?',
      'Hvem beslutter hvad der er i kantinen i morgen?',
      'Who decides the budget of the Danish army?',
      'Hvornår har Mette ferie?',
      'Hvem godkender samarbejdsaftaler i Region Syddanmark?',
    ]) {
      assert.notEqual(ask(q).status, 'answered', q);
    }
  });

  it('asks back only with two or more choices that each answer with other bodies', () => {
    // Every question of the training files, read by the engine: no question back has fewer than two
    // real choices (the "other period" offer is the one question back with a single choice).
    for (const q of readTrainingFiles()) {
      const a = ask(q.q, { ...(q.org ? { org: q.org } : {}), ...(q.date ? { date: q.date } : {}) });
      if (a.status !== 'clarify' || /beskriver det ikke|does not describe it/.test(a.text)) continue;
      assert.ok(a.choices!.length >= 2 && a.choices!.length <= 3, `${q.id}: ${a.choices!.length} choices`);
      const sets = a.choices!.map((c) => [...c.deciders].sort().join('+'));
      assert.equal(new Set(sets).size, sets.length, `${q.id}: two choices with the same bodies`);
      for (const c of a.choices!) assert.ok(c.label.length > 0 && c.query.length > 0 && c.deciders.length > 0);
    }
  });

  it('answers who sits on a body with its composition and source', () => {
    const a = ask('Hvem sidder i Sundhedsstyregruppen?');
    assert.equal(a.status, 'answered');
    assert.deepEqual(a.deciders, ['ssg']);
    assert.equal(a.detail!.matterId, 'composition:ssg');
    assert.ok(a.sources[0]!.quote);
    assert.deepEqual(ask('Who appoints the members of a temporary working group?').deciders, ['sekretariat']);
  });

  it('answers which body the members of another body come from, as its own role', () => {
    const nord = ask('Fra hvilket udvalg kommer de fire sundhedsdirektører i SKU?', { org: 'nord' });
    assert.equal(nord.status, 'answered');
    assert.deepEqual(nord.deciders, ['fu']);
    assert.equal(nord.detail!.role, 'supplies-members');
    assert.match(nord.text, /Medlemmerne kommer fra|stiller medlemmerne til/);
    const staff = ask('Where did the consultants of the joint secretariat come from in 2015?');
    assert.deepEqual([...staff.deciders].sort(), ['kkr', 'kosu-sekretariat', 'naere-sundhedstilbud']);
    // Who sits on a body is still the body itself.
    assert.deepEqual(ask('Hvem sidder i Sundhedskoordinationsudvalget?', { org: 'nord' }).deciders, ['sku']);
  });

  it('leaves out the bodies a question already names after "ud over" / "besides"', () => {
    const nord = { org: 'nord' as const };
    const all = ask('Hvem deltager fra kommunal side i den administrative forhandlingsgruppe?', nord);
    assert.deepEqual([...all.deciders].sort(), ['praksisplanudvalg', 'sundhedssekretariat']);
    const rest = ask(
      'Udover Praksisplanudvalgets direktører, hvem kommer så kommunernes folk i forhandlingsgruppen fra?',
      nord,
    );
    assert.equal(rest.status, 'answered');
    assert.deepEqual(rest.deciders, ['sundhedssekretariat']);
    assert.ok(rest.detail!.bodies.every((b) => b.id === 'sundhedssekretariat'));
    // A clause naming no body of the answer changes nothing.
    assert.deepEqual(ask('Hvem beslutter ud over rammen for beredskabspuljen?').deciders, ['formandskab']);
  });

  it('understands typos, ASCII spellings and abbreviations', () => {
    assert.deepEqual(ask('hvem godkneder udgifter fra beredskabspuljen').deciders, ['formandskab']);
    assert.deepEqual(ask('hvem tager sig af foedeplanen?').deciders, ['foedeplanudvalg']);
    assert.deepEqual(ask('Hvem er det oeverste administrative styringsorgan i Nordjylland?').deciders, ['das']);
  });

  it('says the 2019 text means the steering group where it writes Sundhedsstyrelsen', () => {
    const a = ask('Who launches development tasks and delegates them to clusters?');
    assert.deepEqual(a.deciders, ['ssg']);
    assert.ok(a.detail!.notes.some((n) => /Sundhedsstyrelsen/.test(n)));
  });

  it('never throws and always returns a well-formed answer, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.lorem({ maxCount: 30 })),
        fc.constantFrom('midt', 'nord'),
        (q, org) => {
          const a = engine.ask(q, { org: org as 'midt' | 'nord' });
          assert.ok(['answered', 'clarify', 'out_of_scope'].includes(a.status));
          assert.ok(a.confidence >= 0 && a.confidence <= 1);
          for (const d of a.deciders) assert.ok(allBodyIds.has(d), d);
          if (a.status === 'answered') assert.ok(a.sources.length > 0 && a.deciders.length > 0);
          else assert.deepEqual(a.deciders, []);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('copes with a 10,000-character question', () => {
    const a = ask(`Hvem beslutter ${'bla '.repeat(2500)}`);
    assert.ok(['answered', 'clarify', 'out_of_scope'].includes(a.status));
  });
});
