// "hjælp" / "help": the help card, in the language the assistant hears in the request.
import { helpCard } from '../views/help';
import type { AskPort, FeatureHandler } from './types';

const ENGLISH_HELP = /^\s*(help|what can you do|commands|hi|hello)\b/i;

export function helpHandler(deps: { assistant: AskPort }): FeatureHandler {
  return {
    name: 'help',
    intents: ['help'],
    async onMessage(ctx, turn, intent) {
      const answer = await deps.assistant.ask(turn.text, { org: turn.org, lang: turn.langHint, intent });
      // A one-word request says little about its language; "help" is English whatever the guess.
      const lang = turn.langHint ?? (ENGLISH_HELP.test(turn.text) ? 'en' : answer.lang);
      await ctx.sendActivity({ attachments: [helpCard(lang)] });
    },
  };
}
