// Every quote in the governance model occurs in the document it cites; only whitespace, line-end
// hyphenation, Markdown markup and footnote marks may differ.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MODEL_DIR, inspectGovernanceModel } from '../../src/governance/load';
import { foldForQuote, quoteOccurs } from '../../src/governance/quotes';

const QUOTE = 'Sundhedsaftalesekretariatet fører regnskab med puljen og indstiller til udgiftsafholdelse.';

function withModelCopy(change: (dir: string) => void): ReturnType<typeof inspectGovernanceModel> {
  const dir = mkdtempSync(join(tmpdir(), 'model-quotes-'));
  try {
    cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
    change(dir);
    return inspectGovernanceModel(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('governance model quotes', () => {
  it('finds every quote of the model in the document it cites', () => {
    const { issues } = inspectGovernanceModel();
    assert.deepEqual(
      issues.filter((i) => /quote|not in/.test(i.message)),
      [],
    );
  });

  it('catches a one-letter typo in a quote, naming the file and the place', () => {
    const { issues } = withModelCopy((dir) => {
      const file = join(dir, 'midt-2017.yaml');
      const text = readFileSync(file, 'utf8');
      assert.ok(text.includes(QUOTE));
      writeFileSync(file, text.replace(QUOTE, QUOTE.replace('regnskab', 'regnksab')));
    });
    const found = issues.filter((i) => i.file === 'midt-2017.yaml' && /quote not found in 000_/.test(i.message));
    assert.equal(found.length, 1, JSON.stringify(issues));
    assert.match(found[0]!.path, /^matters\[\d+\]\.roles\.recommends\.source$/);
  });

  it('catches a quote attributed to the wrong document', () => {
    const { issues } = withModelCopy((dir) => {
      const file = join(dir, 'midt-2017.yaml');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          `doc: memo2017, section: "Beredskabspuljen", quote: "${QUOTE}"`,
          `doc: org2016, section: "Beredskabspuljen", quote: "${QUOTE}"`,
        ),
      );
    });
    assert.ok(
      issues.some((i) => /quote not found in 001_/.test(i.message)),
      JSON.stringify(issues),
    );
  });

  it('forgives line breaks, hyphenation at a line end, Markdown markup and footnote marks', () => {
    const doc = foldForQuote(
      '- **Klyngerne**¹ har en central rolle\ni forhold til udvikling af KOSU-\nsekretariatet.\n\n  1. Er ' +
        'øverste\n   organ.',
    );
    assert.ok(quoteOccurs('Klyngerne har en central rolle i forhold til udvikling af KOSU-sekretariatet.', doc));
    assert.ok(quoteOccurs('Klyngerne har en central rolle ... Er øverste organ.', doc), 'an ellipsis leaves text out');
    assert.ok(!quoteOccurs('Er øverste organ. ... Klyngerne har', doc), 'the parts must occur in order');
    assert.ok(!quoteOccurs('Klyngerne har en central rolle i forhold til udvikling af KOSU-sekretariater.', doc));
  });

  it('rejects any change of a letter, whatever the spacing (property)', () => {
    const text = 'Sundhedsstyregruppen godkender kommissorier for midlertidige arbejdsgrupper og følger op på dem.';
    const doc = foldForQuote(text);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 1 }), fc.constantFrom('x', 'q', 'æ', 'Z'), (i, ch) => {
        if (/[\s-]/.test(text[i]!) || text[i] === ch) return;
        const changed = text.slice(0, i) + ch + text.slice(i + 1);
        assert.ok(!quoteOccurs(changed, doc), changed);
        assert.ok(quoteOccurs(text.replace(/ /g, '\n  '), doc));
      }),
    );
  });
});
