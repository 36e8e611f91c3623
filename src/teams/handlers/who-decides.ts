// "Hvem beslutter ...?": asks the assistant and shows the Answer, and answers the "Mener du ...?"
// and example buttons (verb "ask.choice") by asking the chosen question.
import { z } from 'zod';
import { RealIsoDate } from '../../common/dates';
import { ORG_IDS, type OrgId } from '../../assistant/answer';
import { answerActivity, answerCard } from '../views/answer';
import { helpCard } from '../views/help';
import { strings } from '../strings';
import { MAX_QUERY_CHARS } from '../turn';
import { foldText } from '../../engine/normalize';
import { regex } from '../../common/regex';

/** "hvem beslutter det her?", "who decides this?": a who-decides question about "this" and nothing else. */
const ABOUT_THIS = regex([
  String.raw`^(hvem|who)\s+(beslutter|afgoer|godkender|bestemmer|skal beslutte|skal godkende|tager beslutningen`,
  String.raw`|decides|approves|makes the decision|will decide|has to decide|should decide)(\s+(om|on|about|over))?`,
  String.raw`\s+(det|den|dette|denne|sagen|this|that|it|this one|the case|this case)(\s+(her|nu|sag|now))?\s*$`,
]);

export function asksWhoDecidesThis(text: string): boolean {
  return ABOUT_THIS.test(
    foldText(text)
      .replace(/[?.!]+$/, '')
      .trim(),
  );
}
import type { ActionResult, AskPort, CardAction, FeatureHandler } from './types';

const ChoiceData = z.object({
  query: z.string().trim().min(1).max(MAX_QUERY_CHARS),
  org: z
    .enum(ORG_IDS as [OrgId, ...OrgId[]])
    .optional()
    .catch(undefined),
  date: RealIsoDate.optional().catch(undefined),
});

export interface WhoDecidesDeps {
  assistant: AskPort;
  /**
   * The case last shown in this conversation or thread: "hvem beslutter det her?" / "who decides
   * this?" asked there is answered for that case (the cases feature keeps it).
   */
  shownCase?: (conversationId: string) => Promise<string | undefined>;
}

export function whoDecidesHandler(deps: WhoDecidesDeps): FeatureHandler {
  return {
    name: 'who-decides',
    intents: ['who_decides'],
    async onMessage(ctx, turn, intent) {
      const caseId =
        deps.shownCase && asksWhoDecidesThis(turn.text) ? await deps.shownCase(turn.conversationId) : undefined;
      if (caseId)
        return void (await ctx.sendActivity(
          (
            await deps.assistant.ask(`hvem beslutter ${caseId}?`, { org: turn.org, lang: turn.lang })
          ).text,
        ));
      const answer = await deps.assistant.ask(turn.text, { org: turn.org, langHint: turn.langHint, intent });
      if (turn.truncated) await ctx.sendActivity(strings(answer.lang).truncated(MAX_QUERY_CHARS));
      // The engine may recognise a help request the intent patterns did not ("hvad kan du svare på?").
      if (answer.intent === 'help') await ctx.sendActivity({ attachments: [helpCard(answer.lang)] });
      else await ctx.sendActivity(answerActivity(answer));
    },
    verbPrefix: 'ask.',
    async onAction(_ctx, action: CardAction): Promise<ActionResult> {
      const s = strings(action.turn.lang);
      if (action.verb !== 'ask.choice') return { kind: 'error', status: 400, message: s.unknownAction };
      const data = ChoiceData.safeParse(action.data);
      if (!data.success) return { kind: 'error', status: 400, message: s.badAction };
      const answer = await deps.assistant.ask(data.data.query, {
        org: data.data.org ?? action.turn.org,
        date: data.data.date,
        langHint: action.turn.langHint,
      });
      if (answer.intent === 'help') return { kind: 'card', card: helpCard(answer.lang) };
      const card = answerCard(answer);
      return card ? { kind: 'card', card } : { kind: 'message', text: answer.text };
    },
  };
}
