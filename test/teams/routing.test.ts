// Routing is explicit: a chat intent or card verbs that two features claim stop the bot at
// start-up with both names, instead of the last registered one silently winning.
import { strict as assert } from 'node:assert';
import pino from 'pino';
import { RoutingError, TeamsBot } from '../../src/teams/bot';
import { createHandlers } from '../../src/teams/handlers';
import type { FeatureHandler } from '../../src/teams/handlers/types';
import { answeredSample, recordingAssistant } from '../fixtures/answers';

const logger = pino({ level: 'silent' });
const base = () => createHandlers({ assistant: recordingAssistant(() => answeredSample()), logger });
const feature = (name: string, over: Partial<FeatureHandler>): FeatureHandler => ({
  name,
  onMessage: async () => undefined,
  onAction: async () => ({ kind: 'message', text: '' }),
  ...over,
});

describe('bot routing', () => {
  it('starts with every handler the bot wires, each intent and verb prefix owned once', () => {
    assert.ok(new TeamsBot({ handlers: base(), defaultOrg: 'midt', logger }));
  });

  it('refuses two features claiming one chat intent', () => {
    const handlers = [
      ...base(),
      feature('history-a', { intents: ['case_history'] }),
      feature('history-b', { intents: ['case_history'] }),
    ];
    assert.throws(
      () => new TeamsBot({ handlers, defaultOrg: 'midt', logger }),
      (e: unknown) => e instanceof RoutingError && /"case_history".*"history-a".*"history-b"/.test(e.message),
    );
  });

  it("refuses card verbs one feature claims inside another feature's prefix", () => {
    const handlers = [
      ...base(),
      feature('cases', { verbPrefix: 'case.' }),
      feature('case-move', { verbPrefix: 'case.move' }),
    ];
    assert.throws(() => new TeamsBot({ handlers, defaultOrg: 'midt', logger }), RoutingError);
  });
});
