// The whole product in the real local client: the bot (src/main.ts, as `npm run bot` starts it) and
// the Microsoft 365 Agents Playground, started together by the same launcher as `npm start` (inside
// a loopback-only network namespace where we are root on Linux), questions sent through the
// Playground, the answer card received on its WebSocket and rendered in its web UI by Debian's
// chromium, screenshot kept in test-artifacts/ (and in docs/ with UPDATE_DOCS_SCREENSHOT=1).
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Answer } from '../../src/assistant/answer';
import { WhoDecidesEngine } from '../../src/engine/who-decides';
import { loadGovernanceModel } from '../../src/governance/load';
import type { PlaygroundConfig } from '../../src/playground/config';
import type { LocalStack } from '../../src/playground/launch';
import { ADAPTIVE_CARD, cardText, type PlaygroundClient, type PlaygroundEvent } from '../fixtures/playground-client';
import { startPlaygroundStack, type PlaygroundStack } from '../fixtures/playground-stack';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

const PERSONAL_QUESTION = 'Hvem beslutter om vi må bruge penge fra beredskabspuljen?';
const CHANNEL_QUESTION = 'hvem godkender en ny fælles samarbejdsaftale?';

/**
 * What the bot should say, from the same engine and model the bot runs (in either language: the
 * Playground always reports locale en-US).
 */
function expectedAnswers(question: string): Answer[] {
  const today = () => new Date().toISOString().slice(0, 10);
  const engine = new WhoDecidesEngine(loadGovernanceModel(), { org: 'midt', today });
  return (['da', 'en'] as const).map((lang) => engine.ask(question, { lang }));
}

/** The one Adaptive Card a bot message carries. */
function onlyCard(event: PlaygroundEvent): unknown {
  const cards = (event.message?.attachments ?? []).filter((a) => a.contentType === ADAPTIVE_CARD);
  assert.equal(cards.length, 1, `expected one Adaptive Card, got ${JSON.stringify(event.message).slice(0, 500)}`);
  return cards[0]!.content;
}

function assertAnswerCard(card: unknown, question: string): void {
  const text = cardText(card);
  const answers = expectedAnswers(question);
  for (const a of answers)
    assert.equal(
      a.status,
      'answered',
      `the engine does not answer "${question}" (${a.status}); pick a question it answers`,
    );
  const shown = answers.find((a) => a.detail!.bodies.every((b) => text.includes(b.name)));
  assert.ok(
    shown,
    `the card does not name the deciding body ` +
      `(${answers.map((a) => a.detail!.bodies.map((b) => b.name).join(' + ')).join(' / ')}):\n${text}`,
  );
  assert.ok(shown.deciders.length > 0);
  assert.ok(text.includes(shown.sources[0]!.title), `the card does not cite its source "${shown.sources[0]!.title}"`);
}

/** The Action.Execute buttons of a card, wherever they sit. */
function executeActions(card: unknown): Array<{ verb: string; data?: Record<string, unknown> }> {
  const found: Array<{ verb: string; data?: Record<string, unknown> }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && typeof o.verb === 'string')
      found.push({ verb: o.verb, data: o.data as Record<string, unknown> | undefined });
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

const isBotCard = (conversationId: string, after: number, botId: string) => (e: PlaygroundEvent) =>
  e.action === 'createMessage' &&
  e.actionConversationId === conversationId &&
  e.message !== undefined &&
  e.message.from.id === botId &&
  e.message.timestamp >= after &&
  e.message.attachments.some((a) => a.contentType === ADAPTIVE_CARD);

/** A bot card answering `question` (opening the web UI may also bring a welcome card). */
const isAnswerCard =
  (question: string, conversationId: string, after: number, botId: string) => (e: PlaygroundEvent) => {
    if (!isBotCard(conversationId, after, botId)(e)) return false;
    const card = e.message!.attachments.find((a) => a.contentType === ADAPTIVE_CARD)!.content;
    return expectedAnswers(question).some((a) => cardText(card).includes(a.detail!.matterTitle));
  };

describe('end to end: the bot in the Microsoft 365 Agents Playground', function () {
  this.timeout(120_000);
  let e2e: PlaygroundStack | undefined;
  let tenant: PlaygroundConfig;
  let stack: LocalStack | undefined;
  let client: PlaygroundClient | undefined;
  let browser: Browser | undefined;
  let page: Page;

  before(async () => {
    // Never skipped: a machine without chromium fails this test and says how to fix it.
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); the end-to-end test needs it`,
      );
    e2e = await startPlaygroundStack('e2e-playground-');
    ({ tenant, stack, client } = e2e);
    // Chromium must share the bot's network: inside the namespace, enter it with nsenter.
    let executablePath = CHROMIUM;
    if (stack.isolated) {
      executablePath = join(e2e.work, 'chromium-in-namespace');
      writeFileSync(
        executablePath,
        `#!/bin/sh\nexec nsenter --net=/proc/${stack.namespacePid}/ns/net ${CHROMIUM} "$@"\n`,
      );
      chmodSync(executablePath, 0o755);
    }
    browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
    await page.goto(`${stack.innerPlaygroundUrl}/`, { waitUntil: 'domcontentloaded' });
    // The UI connecting installs the bot (conversationUpdate): its welcome card is the sign it is live.
    await client.waitFor(
      isBotCard(tenant.personalChat.id, 0, tenant.bot.id),
      'the welcome card in the personal chat',
      30_000,
    );
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close().catch(() => undefined);
    await e2e?.stop();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && stack)
      process.stderr.write(`\n--- bot and Playground output ---\n${stack.output().slice(-8000)}\n`);
  });

  it('answers a who-decides question in the personal chat with the answer card', async () => {
    const sent = await client!.post(tenant.personalChat.id, {
      from: { id: tenant.currentUser.id },
      text: PERSONAL_QUESTION,
      textFormat: 'plain',
    });
    const reply = await client!.waitFor(
      isBotCard(tenant.personalChat.id, sent.timestamp, tenant.bot.id),
      'the answer card in the personal chat',
    );
    assertAnswerCard(onlyCard(reply), PERSONAL_QUESTION);
  });

  it('answers an @mention in the team channel, in the thread of the question', async () => {
    const channel = tenant.team.channels[0]!;
    const at = `<at>${tenant.bot.name}</at>`;
    const sent = await client!.post(channel.id, {
      from: { id: tenant.currentUser.id },
      text: `${at} ${CHANNEL_QUESTION}`,
      textFormat: 'xml',
      mentions: [{ mentioned: { id: tenant.bot.id }, text: at }],
    });
    assert.ok(
      sent.postConversationId?.startsWith(channel.id),
      `a channel post starts a thread: ${JSON.stringify(sent)}`,
    );
    const reply = await client!.waitFor(
      isBotCard(sent.postConversationId!, sent.timestamp, tenant.bot.id),
      'the answer card in the channel thread',
    );
    assertAnswerCard(onlyCard(reply), CHANNEL_QUESTION);
  });

  it(
    'answers a card button clicked by another member of the group chat (Action.Execute through the invoke ' + 'API)',
    async () => {
      const chat = tenant.groupChat.id;
      const at = `<at>${tenant.bot.name}</at>`;
      const sent = await client!.post(chat, {
        from: { id: tenant.currentUser.id },
        text: `${at} hjælp`,
        textFormat: 'xml',
        mentions: [{ mentioned: { id: tenant.bot.id }, text: at }],
      });
      const help = await client!.waitFor(
        isBotCard(chat, sent.timestamp, tenant.bot.id),
        'the help card in the group chat',
      );
      const button = executeActions(onlyCard(help)).find((a) => typeof a.data?.query === 'string');
      assert.ok(button, 'the help card offers example questions as Action.Execute buttons');
      const clicker = tenant.users[0]!;
      const res = await fetch(`${stack!.url}/_conversation/v1/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: button.verb, data: button.data }, trigger: 'manual' },
          from: { id: clicker.id },
          conversation: { id: chat },
          replyToId: help.message!.messageId,
        }),
      });
      const body = await res.text();
      assert.equal(res.status, 200, body);
      const response = JSON.parse(body) as { type?: string; value?: unknown };
      assert.equal(response.type, ADAPTIVE_CARD, `the click is answered with a card: ${body.slice(0, 300)}`);
      assertAnswerCard(response.value, button.data!.query as string);
    },
  );

  it('renders the answer card in the Playground web UI (screenshot in test-artifacts/answer-card.png)', async () => {
    const startedAt = Date.now() - 1000;
    const compose = page.locator('[contenteditable="true"][role="textbox"]');
    await compose.click();
    await page.keyboard.type(PERSONAL_QUESTION);
    await page.keyboard.press('Enter');
    const reply = await client!.waitFor(
      isAnswerCard(PERSONAL_QUESTION, tenant.personalChat.id, startedAt, tenant.bot.id),
      'the answer card to the question typed in the web UI',
    );
    assertAnswerCard(onlyCard(reply), PERSONAL_QUESTION);

    const heading = cardText(onlyCard(reply)).split('\n')[0]!;
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: heading }).last();
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    // The user's message as the chat shows it (header and text), not the log panel's copy.
    const question = page
      .locator('div:has(> [aria-label="Message header"])')
      .filter({ hasText: PERSONAL_QUESTION })
      .last();
    await question.waitFor({ state: 'visible', timeout: 15_000 });
    await page.evaluate(() => document.fonts.ready);
    const [q, c] = [await question.boundingBox(), await card.boundingBox()];
    assert.ok(q && c, 'the question and the card are on screen');
    const left = Math.min(q.x, c.x) - 60;
    const top = Math.min(q.y, c.y) - 16;
    const clip = {
      x: Math.max(0, left),
      y: Math.max(0, top),
      width: Math.max(q.x + q.width, c.x + c.width) - left + 24,
      height: Math.max(q.y + q.height, c.y + c.height) - top + 16,
    };
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    const artifact = join(ROOT, 'test-artifacts', 'answer-card.png');
    await page.screenshot({ path: artifact, clip });
    // The README's copy is refreshed on request only, so a test run leaves the checkout clean.
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') copyFileSync(artifact, join(ROOT, 'docs', 'answer-card.png'));
    assert.ok(clip.height > 200, `the screenshot is suspiciously small: ${JSON.stringify(clip)}`);
  });
});
