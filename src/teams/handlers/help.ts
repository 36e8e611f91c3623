// "hjælp" / "help": the help card, in the language the assistant hears in the request.
import { helpCard } from '../views/help';
import type { AskPort, FeatureHandler } from './types';

export function helpHandler(deps: { assistant: AskPort }): FeatureHandler {
  return {
    name: 'help',
    intents: ['help'],
    async onMessage(ctx, turn) {
      const answer = await deps.assistant.ask(turn.text, { org: turn.org, lang: turn.langHint, conversationId: turn.conversationId });
      await ctx.sendActivity({ attachments: [helpCard(answer.lang)] });
    },
  };
}
