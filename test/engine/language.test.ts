import assert from 'node:assert/strict';
import { Assistant } from '../../src/assistant/assistant';
import { loadGovernanceModel } from '../../src/governance/load';
import { WhoDecidesEngine } from '../../src/engine/who-decides';
import { readLang } from '../../src/engine/question';

const today = () => '2026-11-26';
const assistant = new Assistant({
  engine: new WhoDecidesEngine(loadGovernanceModel(), { org: 'midt', today }),
  defaultOrg: 'midt',
  today,
});

describe('the language of the answer', () => {
  it('is the language of the question, whatever the Teams locale hints', async () => {
    const da = await assistant.ask('Hvem godkender samarbejdsaftaler?', { langHint: 'en' });
    assert.equal(da.lang, 'da');
    assert.match(da.text, /Kilde:/);
    const en = await assistant.ask('Who approves cooperation agreements?', { langHint: 'da' });
    assert.equal(en.lang, 'en');
    assert.match(en.text, /Source:/);
    assert.equal(
      (await assistant.ask('hvem godkender udgifter fra beredskabspuljen', { langHint: 'en' })).lang,
      'da',
      'Danish without æøå is still Danish',
    );
  });

  it('follows the locale only when the text does not tell', async () => {
    assert.equal(readLang('SSG?'), undefined);
    assert.equal((await assistant.ask('SSG?', { langHint: 'en' })).lang, 'en');
    assert.equal((await assistant.ask('SSG?', { langHint: 'da' })).lang, 'da');
    assert.equal((await assistant.ask('SSG?')).lang, 'da', 'Danish when nothing tells');
  });

  it('--lang (lang) forces the language', async () => {
    assert.equal((await assistant.ask('Hvem godkender samarbejdsaftaler?', { lang: 'en' })).lang, 'en');
  });
});
