// Invokes are routed by name like chat intents and card verbs: one owner each, checked at start-up.
import { strict as assert } from 'node:assert';
import pino from 'pino';
import { RoutingError, TeamsBot } from '../../src/teams/bot';
import { createHandlers } from '../../src/teams/handlers';
import type { FeatureHandler } from '../../src/teams/handlers/types';
import { answeredSample, recordingAssistant } from '../fixtures/answers';

const logger = pino({ level: 'silent' });

describe('invoke routing', () => {
  it('starts with the message extension wired, and refuses a second owner of one of its invokes', () => {
    const handlers = createHandlers({
      assistant: recordingAssistant(() => answeredSample()),
      logger,
      messageExtension: { cases: {} as never, directory: {} as never },
    });
    assert.ok(handlers.some((h) => h.invokeNames?.includes('composeExtension/query')));
    assert.ok(new TeamsBot({ handlers, defaultOrg: 'midt', logger }));
    const thief: FeatureHandler = {
      name: 'other-search',
      invokeNames: ['composeExtension/query'],
      onInvoke: async () => ({ status: 200 }),
    };
    assert.throws(
      () => new TeamsBot({ handlers: [...handlers, thief], defaultOrg: 'midt', logger }),
      (e: unknown) =>
        e instanceof RoutingError && /"composeExtension\/query".*"message-extension".*"other-search"/.test(e.message),
    );
  });
});
