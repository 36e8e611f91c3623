import { strict as assert } from 'node:assert';
import { expandCard, MAX_CARD_BYTES } from '../../src/teams/cards';
import { EXAMPLES } from '../../src/teams/strings';
import { answerCard, answerCardData, clarifyCardData, outOfScopeCardData } from '../../src/teams/views/answer';
import { helpCard, welcomeCard } from '../../src/teams/views/help';
import { answeredSample, clarifySample, outOfScopeSample } from '../fixtures/answers';
import { cardActions, cardBytes, cardParseErrors, unexpandedExpressions } from '../fixtures/card-check';

function assertGoodCard(card: unknown): string {
  assert.deepEqual(cardParseErrors(card), []);
  assert.deepEqual(unexpandedExpressions(card), []);
  assert.ok(cardBytes(card) < MAX_CARD_BYTES, `${cardBytes(card)} bytes`);
  return JSON.stringify(card);
}

describe('cards: who decides, clarify, out of scope, help, welcome', () => {
  for (const lang of ['da', 'en'] as const) {
    it(
      `answer card (${lang}) shows the deciding body, the route, conditions, meetings and the source with its ` +
        `quote`,
      () => {
        const a = answeredSample({ lang });
        const json = assertGoodCard(answerCard(a)!.content);
        const da = lang === 'da';
        assert.ok(json.includes(a.detail!.bodies[0]!.name), 'the deciding body');
        for (const line of a.detail!.route) assert.ok(json.includes(line.label), line.label);
        assert.deepEqual(
          a.detail!.route.map((r) => r.role),
          ['recommends', 'decides', 'responsible'],
        );
        assert.ok(
          json.includes(da ? 'Sekretariatet fører regnskab med puljen.' : "The secretariat keeps the pool's accounts."),
          'a route note',
        );
        assert.ok(
          json.includes(da ? 'Puljen kan kun afholde udgifter' : 'The pool pays only for development tasks'),
          'the condition',
        );
        assert.ok(json.includes(da ? 'ca. 4 gange om året' : 'about 4 times a year'), 'how often the body meets');
        assert.match(json, /2017-05-02/);
        assert.match(json, /Beredskabspuljen/);
        assert.match(json, /har reserveret 0,5 mio\. kr\. årligt/);
        assert.ok(json.includes(da ? 'Region Midtjylland' : 'Central Denmark Region'));
        assert.ok(!json.includes(da ? 'Sikkerhed' : 'Confidence'), 'no confidence line when confident');
        assert.ok(json.includes('2019-01-01'), 'the period the answer is from');
      },
    );

    it(`answer card (${lang}) warns when confidence is low and shows the notes (e.g. the 2019 wording)`, () => {
      const a = answeredSample({ lang, confidence: 0.55 });
      a.detail!.notes = ['Teksten fra 2019 skriver "Sundhedsstyrelsen", men mener Sundhedsstyregruppen.'];
      const json = assertGoodCard(answerCard(a)!.content);
      assert.ok(json.includes(lang === 'da' ? 'Sikkerhed: 55 %' : 'Confidence: 55 %'));
      assert.match(json, /mener Sundhedsstyregruppen/);
    });

    it(`clarify card (${lang}) has one Action.Execute "ask.choice" button per choice carrying its query`, () => {
      const card = answerCard(clarifySample({ lang }))!.content;
      assertGoodCard(card);
      const actions = cardActions(card);
      assert.equal(actions.length, 2);
      for (const [i, c] of clarifySample().choices!.entries()) {
        assert.equal(actions[i].type, 'Action.Execute');
        assert.equal(actions[i].verb, 'ask.choice');
        assert.equal(actions[i].title, c.label);
        assert.ok(
          JSON.stringify(card).includes(`➜ ${c.label}`),
          'the whole label is shown, not only a truncated button title',
        );
        assert.equal(actions[i].data.query, c.query);
        assert.equal(actions[i].data.org, 'midt');
      }
      assert.match(JSON.stringify(card), lang === 'da' ? /Mener du/ : /Do you mean/);
    });

    it(`out-of-scope card (${lang}) says so in one line and lists what the bot can answer`, () => {
      const card = answerCard(outOfScopeSample({ lang }))!.content as any;
      const json = assertGoodCard(card);
      assert.equal(card.body[0].text, outOfScopeSample().text);
      assert.ok(json.includes(lang === 'da' ? 'Jeg kan svare på' : 'I can answer'));
      assert.ok(cardActions(card).length >= 1);
    });

    it(`help and welcome cards (${lang}) offer every example question as a button`, () => {
      for (const card of [helpCard(lang).content, welcomeCard(lang, 'channel').content]) {
        assertGoodCard(card);
        const queries = cardActions(card).map((a) => a.data.query);
        assert.deepEqual(queries, EXAMPLES[lang]);
      }
    });
  }

  it('welcome card mentions @mentioning only outside personal chat', () => {
    assert.match(JSON.stringify(welcomeCard('da', 'channel').content), /skriv @/);
    assert.doesNotMatch(JSON.stringify(welcomeCard('da', 'personal').content), /skriv @/);
  });

  it('text from users or documents is shown literally, never evaluated as a template expression', () => {
    const a = answeredSample();
    a.detail!.matterTitle = 'Spørgsmål om ${labels.decides} og ${1+1}';
    a.detail!.conditions = ['${conditions}'];
    const card = answerCard(a)!.content;
    assert.deepEqual(cardParseErrors(card), []);
    const json = JSON.stringify(card);
    assert.ok(json.includes('Spørgsmål om ${labels.decides} og ${1+1}'));
    assert.ok(json.includes('• ${conditions}'));
    const oos = JSON.stringify(answerCard(outOfScopeSample({ text: 'hvad med ${labels.canAnswer}?' }))!.content);
    assert.ok(oos.includes('hvad med ${labels.canAnswer}?'));
  });

  it('an answer without a route, conditions or sources still renders without empty sections', () => {
    const a = answeredSample({ sources: [] });
    a.detail = {
      ...a.detail!,
      route: [],
      conditions: [],
      notes: [],
      bodies: [{ id: 'ssg', name: 'Sundhedsstyregruppen' }],
    };
    const card = expandCard('who-decides-answer', answerCardData(a, a.detail)) as any;
    assertGoodCard(card);
    assert.doesNotMatch(JSON.stringify(card), /Sagens vej|Det afhænger af|Kilde:|Mødes/);
  });

  it('a long answer with many conditions stays well under the Teams message limit', () => {
    const a = answeredSample();
    a.detail!.conditions = Array.from({ length: 12 }, (_, i) => `Betingelse ${i}: ${'lang tekst '.repeat(30)}`);
    a.sources = Array.from({ length: 4 }, () => ({ ...answeredSample().sources[0]!, quote: 'q'.repeat(400) }));
    assertGoodCard(answerCard(a)!.content);
  });

  it('clarify shows at most three choices', () => {
    const many = clarifySample();
    many.choices = Array.from({ length: 5 }, (_, i) => ({ deciders: ['ssg'], label: `Valg ${i}`, query: `q${i}` }));
    assert.equal(clarifyCardData(many).choices.length, 3);
    assert.equal(outOfScopeCardData('x', 'en').examples.length, 2);
  });
});
