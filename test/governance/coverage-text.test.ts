// The sentence splitter undoes what the PDF extraction did to the documents: page headers, a word
// broken over a page break, hard-wrapped lines, a sentence broken by a blank line, list items whose
// subject is in the line before the list, abbreviations with a full stop.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ABBREVIATIONS, splitDocument, type SourceSentence } from '../../src/governance/coverage-text';
import { DEFAULT_SOURCES_DIR, foldForQuote } from '../../src/governance/quotes';

const split = (file: string) => splitDocument(file, readFileSync(join(DEFAULT_SOURCES_DIR, file), 'utf8')).sentences;
const withText = (sentences: SourceSentence[], part: string) => sentences.filter((s) => s.text.includes(part));

describe('splitting the source documents into sentences', () => {
  it('drops the page headers of 000 and rejoins the word they broke ("ud-" ... "møntningen")', () => {
    const s = split('000_bb28a1012b475ab0.txt');
    assert.equal(withText(s, 'agiliteten i udmøntningen af sundhedsaftalen og på en forøget effektivitet').length, 1);
    assert.equal(
      s.filter((x) => x.text === 'Sundhedsaftalesekretariatet i Midt').length,
      1,
      'the title once, the page headers not at all',
    );
    assert.ok(!s.some((x) => /^-+$/.test(x.text)));
  });

  it('gives a list item the sentence that introduces the list', () => {
    const s = split('000_bb28a1012b475ab0.txt');
    const [item] = withText(s, 'Refererer til Sundhedsstyregruppen og er Sundhedsstyregruppens stabsfunktion.');
    assert.equal(item?.lead[0], 'Sundhedsaftalesekretariatet:');
    const [nested] = withText(s, 'Er øverste administrative besluttende organ');
    assert.equal(nested?.lead[0], 'Sundhedsstyregruppens rolle:', 'a nested item takes the item above it');
  });

  it('joins hard-wrapped lines and ends a sentence at a short line without a full stop (002)', () => {
    const s = split('002_a38e46ea66c80bad.txt');
    const [a] = withText(s, 'For udviklingsindsatser aftalt i sundhedsaftalen har temagruppen til opgave');
    assert.ok(a?.text.endsWith('indikatorer for en efterfølgende implementering'), a?.text);
    assert.ok(s[s.indexOf(a!) + 1]!.text.startsWith('Temagrupperne skal dermed understøtte'));
    assert.equal(
      withText(
        s,
        'Sundhedsstyregruppen forbereder sager til Sundhedskoordinationsudvalget og fungerer ' +
          'endvidere som bestyrelse for Folkesundhed i Midten.',
      ).length,
      1,
    );
  });

  it('rejoins a sentence that a blank line broke, which looked like a heading (004)', () => {
    const s = split('004_971f6928243d89e5.txt');
    const [a] = withText(
      s,
      'Sundhedsstyrelsen sætter på baggrund af de politiske mål administrativ strategisk retning',
    );
    assert.ok(a && !a.heading && a.text.endsWith('implementering af sundhedsaftalen.'), a?.text);
    assert.ok(
      !s.some((x) => /\t\d+$/.test(x.text) || x.text === '1. Visioner 5'),
      'the table of contents is page furniture',
    );
  });

  it('does not end a sentence at an abbreviation (ift., hhv., bl.a., mio. kr., pr.)', () => {
    const s = splitDocument(
      'x.txt',
      'Sekretariatet har kompetence ift. Sundhedsaftalen og betjener bl.a. hhv. Sundhedsstyregruppen ' +
        'og SKU. Det reserverer 0,5 mio. kr. årligt pr. 1. juli. Næste sætning.',
    ).sentences;
    assert.deepEqual(
      s.map((x) => x.text),
      [
        'Sekretariatet har kompetence ift. Sundhedsaftalen og betjener bl.a. hhv. Sundhedsstyregruppen og SKU.',
        'Det reserverer 0,5 mio. kr. årligt pr. 1. juli.',
        'Næste sætning.',
      ],
    );
  });

  it('locates every sentence in the folded text, in order and without gaps', () => {
    for (const file of ['000_bb28a1012b475ab0.txt', '004_971f6928243d89e5.txt']) {
      const d = splitDocument(file, readFileSync(join(DEFAULT_SOURCES_DIR, file), 'utf8'));
      assert.equal(d.sentences.map((x) => x.folded).join(''), d.folded);
      d.sentences.forEach((x) => assert.equal(d.folded.slice(x.start, x.end), foldForQuote(x.text)));
    }
  });

  it('gives back sentences wrapped over lines at any space, whole (property)', () => {
    // A word that is an abbreviation ("pr", "fx") is rightly not a sentence end, so none is generated.
    const word = fc.stringMatching(/^[a-zæøå]{2,9}$/).filter((w) => !ABBREVIATIONS.has(w));
    const sentence = fc
      .tuple(fc.stringMatching(/^[A-ZÆØÅ][a-zæøå]{2,9}$/), fc.array(word, { minLength: 2, maxLength: 12 }))
      .map(([first, rest]) => `${first} ${rest.join(' ')}.`);
    fc.assert(
      fc.property(
        fc.array(fc.array(sentence, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 25, max: 90 }),
        (paragraphs, width) => {
          const wrap = (p: string) => {
            const lines: string[] = [];
            let line = '';
            for (const w of p.split(' ')) {
              if (line && line.length + w.length + 1 > width) {
                lines.push(line);
                line = w;
              } else line = line ? `${line} ${w}` : w;
            }
            return [...lines, line].join('\n');
          };
          const text = paragraphs.map((p) => wrap(p.join(' '))).join('\n\n');
          assert.deepEqual(
            splitDocument('x.txt', text)
              .sentences.filter((x) => !x.heading)
              .map((x) => x.text),
            paragraphs.flat(),
          );
        },
      ),
    );
  });
});
