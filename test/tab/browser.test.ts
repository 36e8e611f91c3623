// The tab in Debian's chromium (playwright-core), in browser mode against the real API on loopback:
// the case table renders, filters and searches, a case opens, a co-chair votes (and the card copies
// are updated at the Bot Connector stand-in), a non-member is refused, the pool chart and the
// organisation diagram show with the "Hvem beslutter?" answer; both languages, the dark and
// high-contrast themes; axe-core finds no serious or critical violation; no request leaves loopback.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildTab } from '../../src/cli/build-tab';
import { createTestDatabase, type TestDatabase } from '../store/helpers/databases';
import { PEOPLE } from '../approvals/helpers/world';
import { CHROMIUM_FLAGS, startTabWorld, type TabWorld } from './tab-world';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

describe('the tab in chromium (browser mode, local demo)', function () {
  this.timeout(120_000);
  let db: TestDatabase | undefined;
  let world: TabWorld;
  let browser: Browser | undefined;
  let page: Page;
  const blocked: string[] = [];
  const cspErrors: string[] = [];

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    await buildTab();
    db = await createTestDatabase('pglite');
    world = await startTabWorld(db.store);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    await world?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost') return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
  });
  afterEach(async () => {
    await page?.context().close();
  });

  async function open(path: string, as = PEOPLE.sara.aadObjectId, ready = '') {
    const sep = path.includes('?') ? '&' : '?';
    await page.goto(`${world.url}/tab/${path}${sep}as=${as}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(ready ? `body[data-ready="${ready}"]` : 'body[data-ready]', { timeout: 15_000 });
  }

  async function axe(label: string): Promise<void> {
    await page.evaluate(`${AXE}\n;void 0`);
    const result = (await page.evaluate(
      "axe.run(document, { resultTypes: ['violations'] })" +
        '.then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))',
    )) as Array<{ id: string; impact: string; nodes: number }>;
    const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], `${label}: ${JSON.stringify(bad)}`);
  }

  it('renders the cases in Danish, filters and searches them, and opens a case', async () => {
    await open('', PEOPLE.sara.aadObjectId, 'cases');
    assert.equal(await page.getAttribute('html', 'lang'), 'da');
    assert.match((await page.textContent('.demo'))!, /Lokal demo/);
    await page.waitForSelector('table.cases tbody tr');
    assert.equal(await page.locator('table.cases tbody tr').count(), 7);
    assert.match((await page.textContent('#case-count'))!, /1-7 af 7 sager/);
    await page.selectOption('#f-process', 'contingency-pool');
    await page.waitForFunction(() => /af [1-6] sager/.test(document.querySelector('#case-count')?.textContent ?? ''));
    const processes = await page.locator('table.cases tbody td:nth-child(3)').allTextContents();
    assert.ok(processes.length >= 1 && processes.every((p) => /beredskabspulje/i.test(p)), processes.join('|'));
    await page.selectOption('#f-process', '');
    await page.waitForFunction(() => document.querySelectorAll('table.cases tbody tr').length === 7);
    await page.fill('#case-search', 'hjerterehab');
    // Fuzzy: the closest title first (near matches may follow it).
    await page.waitForFunction(
      (id) => document.querySelector('table.cases tbody tr')?.getAttribute('data-case') === id,
      world.poolCase.id,
    );
    await axe('cases (da, light)');
    await page.click(`a[href^="/tab/cases/${world.poolCase.id}"]`);
    await page.waitForSelector('.stepper li[aria-current="step"]');
    assert.match((await page.textContent('h1'))!, new RegExp(world.poolCase.id));
    assert.ok((await page.locator('.history li').count()) >= 3);
    assert.match((await page.textContent('main'))!, /Projektbeskrivelse/);
    await axe('case page (da, light)');
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      await open('', PEOPLE.sara.aadObjectId, 'cases');
      await page.waitForSelector('table.cases tbody tr');
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      await page.screenshot({
        path: join(ROOT, 'docs', 'tab-screenshot.png'),
        clip: { x: 0, y: 0, width: 1280, height: 560 },
      });
    }
  });

  it('lets a co-chair approve in English and dark theme, and the card copies in chat are updated', async () => {
    await open('approvals?lang=en&theme=dark', PEOPLE.anne.aadObjectId, 'approvals');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    assert.match((await page.textContent('h1'))!, /My approvals/);
    await axe('approvals (en, dark)');
    await page.click('article.approval button:has-text("Reject")');
    assert.match((await page.textContent('.status'))!, /comment/i, 'reject needs a comment, as on the card');
    world.standin.reset();
    await page.click('article.approval button:has-text("Approve")');
    await page.waitForSelector('.status.ok');
    await world.core.approvals.idle();
    const updates = world.standin.calls.filter((c) => c.route === 'updateActivity');
    assert.ok(updates.length >= 2, `card copies updated at the stand-in (${updates.length})`);
  });

  it('refuses a non-member who tries to vote from the page', async () => {
    await open('approvals', PEOPLE.ole.aadObjectId, 'approvals');
    assert.match((await page.textContent('main'))!, /Der venter ingen godkendelser/);
    const r = world.round;
    const status = await page.evaluate(
      async ({ id, body, as }) =>
        (
          await fetch(`/api/tab/approvals/${id}/vote`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Tab-Demo-User': as },
            body: JSON.stringify(body),
          })
        ).status,
      {
        id: r.id,
        body: { caseId: r.caseId, stepId: r.stepId, version: r.version + 1, choice: 'approve' },
        as: PEOPLE.ole.aadObjectId,
      },
    );
    assert.equal(status, 403);
  });

  it('shows the pool chart and the organisation diagram with the "Hvem beslutter?" answer', async () => {
    await open('pool?year=2026&theme=contrast', PEOPLE.sara.aadObjectId, 'pool');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'contrast');
    assert.equal(await page.locator('svg.pool-chart rect').count(), 3);
    assert.match((await page.getAttribute('svg.pool-chart', 'aria-label'))!, /500\.000 kr\./);
    assert.match((await page.textContent('.expenses'))!, /150\.000 kr\./);
    await axe('pool (da, contrast)');
    await open('organisation?org=nord&theme=contrast', PEOPLE.sara.aadObjectId, 'organisation');
    assert.ok((await page.locator('.org-tree .body').count()) > 3);
    await open('organisation?lang=en', PEOPLE.sara.aadObjectId, 'organisation');
    await page.selectOption('#org-period', 'midt-2015');
    await page.waitForFunction(() => /2015/.test(document.querySelector('h1')?.textContent ?? ''));
    assert.ok((await page.locator('.org-tree .body').count()) > 3);
    await page.fill('#ask-q', 'who decides on the contingency pool?');
    await page.click('form.ask button');
    await page.waitForSelector('#ask-answer .answer');
    // The same engine as the card: the answer for the period's first day, word for word.
    const period = world.core.model.periodsOf('midt').find((p) => p.id === 'midt-2015')!;
    const expected = await world.core.assistant.ask('who decides on the contingency pool?', {
      org: 'midt',
      lang: 'en',
      date: period.validFrom,
    });
    assert.equal((await page.textContent('#ask-answer .answer'))!.trim(), expected.text.trim());
    await axe('organisation (en, light)');
  });

  it('kept every request on loopback and broke no Content-Security-Policy rule', () => {
    assert.deepEqual(blocked, []);
    assert.deepEqual(cspErrors, []);
  });
});
