import assert from 'node:assert/strict';
import fc from 'fast-check';
import { caseDeepLink, caseIdFromLink, caseIdFromSubEntity, tabCaseUrl } from '../../src/tab/links';

const ours = { botDomain: 'bot.example.org', teamsAppId: '11111111-2222-3333-4444-555555555555' };

describe('tab links', () => {
  it('reads back the case of the tab page and of the Teams deep link', () => {
    assert.equal(caseIdFromLink(tabCaseUrl(ours.botDomain, 'SAG-2026-0001'), ours), 'SAG-2026-0001');
    assert.equal(caseIdFromLink(caseDeepLink(ours.teamsAppId, 'SAG-2026-0042', ours.botDomain), ours), 'SAG-2026-0042');
    assert.equal(caseIdFromSubEntity('case:SAG-2025-0007'), 'SAG-2025-0007');
  });

  it('refuses links of other hosts, other apps, other pages and malformed ones', () => {
    for (const link of [
      'https://evil.example.org/tab/cases/SAG-2026-0001',
      'http://bot.example.org/tab/cases/SAG-2026-0001',
      'https://bot.example.org/tab/cases/DROP%20TABLE',
      'https://bot.example.org/tab/cases/SAG-2026-0001/extra',
      'https://bot.example.org/tab/cases/%E0%A4%A',
      caseDeepLink('99999999-2222-3333-4444-555555555555', 'SAG-2026-0001'),
      'https://teams.microsoft.com/l/entity/11111111-2222-3333-4444-555555555555/cases?context=%7Bnot-json',
      'not a url',
    ]) {
      assert.equal(caseIdFromLink(link, ours), null, link);
    }
    assert.equal(caseIdFromSubEntity(undefined), null);
    assert.equal(caseIdFromSubEntity('case:../../etc'), null);
  });

  it('never throws on any input (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = caseIdFromLink(s, ours);
        assert.ok(r === null || /^SAG-\d{4}-\d{4,6}$/.test(r));
      }),
    );
  });
});
