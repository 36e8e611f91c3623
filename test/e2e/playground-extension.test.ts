// The message extension end to end in the Microsoft 365 Agents Playground 0.2.28: the bot as
// `npm start` runs it, and the Playground's invoke API (what its compose-box extension and message
// actions call) forwarding composeExtension invokes: both search commands, link unfurling, and
// "create case from message" — the dialog, a refusal, the created case and its card in the channel.
import assert from 'node:assert/strict';
import { WhoDecidesEngine } from '../../src/engine/who-decides';
import { loadGovernanceModel } from '../../src/governance/load';
import type { PlaygroundConfig } from '../../src/playground/config';
import type { LocalStack } from '../../src/playground/launch';
import { ADAPTIVE_CARD, cardText, type PlaygroundClient } from '../fixtures/playground-client';
import { startPlaygroundStack, type PlaygroundStack } from '../fixtures/playground-stack';

const QUESTION = 'Hvem beslutter om vi må bruge penge fra beredskabspuljen?';

describe('end to end: the message extension in the Microsoft 365 Agents Playground', function () {
  this.timeout(120_000);
  let e2e: PlaygroundStack | undefined;
  let tenant: PlaygroundConfig;
  let stack: LocalStack | undefined;
  let client: PlaygroundClient | undefined;

  before(async () => {
    e2e = await startPlaygroundStack('e2e-extension-');
    ({ tenant, stack, client } = e2e);
  });

  after(async function () {
    this.timeout(30_000);
    await e2e?.stop();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && stack)
      process.stderr.write(`\n--- bot and Playground output ---\n${stack.output().slice(-8000)}\n`);
  });

  /** An invoke as the Playground's UI sends it, answered with the bot's task / composeExtension. */
  async function invoke(name: string, value: unknown, fromId = tenant.currentUser.id, conversationId?: string) {
    const res = await fetch(`${stack!.url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name,
        value,
        from: { id: fromId },
        conversation: { id: conversationId ?? tenant.team.channels[0]!.id },
      }),
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text) as { task?: any; composeExtension?: any };
  }

  const query = (commandId: string, name: string, value: string) =>
    invoke('composeExtension/query', {
      commandId,
      parameters: [{ name, value }],
      queryOptions: { skip: 0, count: 25 },
    });

  it('findCase: the IV agreement by a part of its title, with a preview and the case card', async () => {
    const r = await query('findCase', 'query', 'IV-aftalen');
    assert.equal(r.composeExtension.type, 'result');
    const [first] = r.composeExtension.attachments;
    assert.match(first.preview.content.title, /^SAG-2026-0001 · /);
    assert.equal(first.contentType, ADAPTIVE_CARD);
    assert.equal(first.content.refresh.action.verb, 'ext.case');
    const empty = await query('findCase', 'query', '');
    assert.equal(empty.composeExtension.type, 'message');
  });

  it("whoDecides: the engine's answer card for the question", async () => {
    const r = await query('whoDecides', 'question', QUESTION);
    assert.equal(r.composeExtension.type, 'result');
    const text = cardText(r.composeExtension.attachments[0].content);
    const engine = new WhoDecidesEngine(loadGovernanceModel(), {
      org: 'midt',
      today: () => new Date().toISOString().slice(0, 10),
    });
    const answers = (['da', 'en'] as const).map((lang) => engine.ask(QUESTION, { lang }));
    assert.ok(
      answers.some((a) => a.status === 'answered' && a.detail!.bodies.every((b) => text.includes(b.name))),
      text,
    );
  });

  it('caseFromMessage: a dialog for secretariat staff, a refusal for others, the case created and posted', async () => {
    const channel = tenant.team.channels[0]!.id;
    const messagePayload = {
      id: '1764590000001',
      body: { contentType: 'html', content: '<p>Vi mangler en aftale om hjemmedialyse.</p>' },
    };
    const dialog = await invoke('composeExtension/fetchTask', { commandId: 'caseFromMessage', messagePayload });
    assert.equal(dialog.task.type, 'continue');
    const inputs = dialog.task.value.card.content.body.filter((e: any) => e.id);
    assert.equal(inputs.find((e: any) => e.id === 'description').value, 'Vi mangler en aftale om hjemmedialyse.');

    // Anders Holm is in the chairmanship, not the secretariat.
    const anders = tenant.users.find((u) => u.name === 'Anders Holm')!;
    const refused = await invoke(
      'composeExtension/fetchTask',
      { commandId: 'caseFromMessage', messagePayload },
      anders.id,
    );
    assert.equal(refused.task.type, 'message');
    assert.match(refused.task.value, /secretariat/i);

    const before = Date.now() - 1000;
    const done = await invoke('composeExtension/submitAction', {
      commandId: 'caseFromMessage',
      messagePayload,
      data: { org: 'midt', title: 'Aftale om hjemmedialyse', processId: 'type-a', description: 'Fra kanalen.' },
    });
    assert.equal(done.task.type, 'message', JSON.stringify(done));
    const id = /SAG-\d{4}-\d{4}/.exec(done.task.value)?.[0];
    assert.ok(id, done.task.value);
    const posted = await client!.waitFor(
      (e) =>
        e.action === 'createMessage' &&
        e.actionConversationId.startsWith(channel) &&
        e.message !== undefined &&
        e.message.timestamp >= before &&
        e.message.attachments.some((a) => a.contentType === ADAPTIVE_CARD && cardText(a.content).includes(id)),
      `the card of ${id} in the channel`,
    );
    assert.match(cardText(posted.message!.attachments[0]!.content), /Aftale om hjemmedialyse/);
    const found = await query('findCase', 'query', id);
    assert.match(found.composeExtension.attachments[0].preview.content.title, new RegExp(`^${id} · Aftale om`));
  });
});
