// Approvals in Teams: the card buttons (Action.Execute, verbs "approval.*"), and the chat lines
// "mine godkendelser", "forsinkede godkendelser" and "stedfortræder ...". ("historik SAG-..." is
// the cases feature's: one history, with the approval events among the case's own.)
// Who clicks is activity.from.aadObjectId; card data only says which round, step and version the
// card showed, and is validated here before anything is looked up.
import { MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { DetectedIntent } from '../../assistant/intent';
import { APPROVAL_VERBS } from '../../approvals/card-view';
import { MAX_COMMENT_LENGTH } from '../../approvals/cast-vote';
import type { ApprovalService } from '../../approvals/service';
import { approvalTexts, formatDate, type ApprovalLang } from '../../approvals/texts';
import type { VoteChoice } from '../../approvals/types';
import type { CardData } from '../../approvals/card-view';
import { isSecretariatStaff, type DirectoryPort } from '../../directory/person';
import { cardAttachment } from '../approvals-sender';
import type { ActionResult, CardAction, FeatureHandler, TurnInfo } from './types';

export interface ApprovalHandlerDeps {
  service: ApprovalService;
  directory: Pick<DirectoryPort, 'get'>;
}

const CardRef = z
  .object({
    approvalId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    caseId: z.string().regex(/^SAG-\d{4}-\d{4,6}$/),
    stepId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    version: z.number().int().min(1).max(1_000_000),
    comment: z
      .string()
      .max(MAX_COMMENT_LENGTH * 2)
      .optional(),
  })
  .strict();

const CHOICE_BY_VERB: Record<string, VoteChoice> = {
  [APPROVAL_VERBS.approve]: 'approve',
  [APPROVAL_VERBS.reject]: 'reject',
  [APPROVAL_VERBS.changes]: 'changes',
};

/** The most cards "mine godkendelser" posts at once; the rest are listed by name. */
const MAX_CARDS_IN_LIST = 5;

export function approvalsHandler(deps: ApprovalHandlerDeps): FeatureHandler {
  async function onAction(_ctx: TurnContext, action: CardAction): Promise<ActionResult> {
    const lang: ApprovalLang = action.turn.lang;
    const t = approvalTexts(lang);
    const isVote = action.verb in CHOICE_BY_VERB;
    if (!isVote && action.verb !== APPROVAL_VERBS.refresh) return { kind: 'error', status: 400, message: t.outOfDate };
    const parsed = CardRef.safeParse(action.data);
    if (!parsed.success) {
      // A garbled or forged card: show the real one if the round it names exists, else refuse.
      const id = typeof action.data.approvalId === 'string' ? action.data.approvalId.slice(0, 64) : '';
      const view = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await deps.service.view(id) : null;
      if (!view) return { kind: 'error', status: 400, message: t.notFound };
      return {
        kind: 'card',
        card: cardAttachment(deps.service.render(view, action.turn.userAadId ?? null, lang, t.outOfDate)),
      };
    }
    const ref = parsed.data;
    if (!isVote) {
      const view = await deps.service.view(ref.approvalId);
      if (!view) return { kind: 'error', status: 404, message: t.notFound };
      return {
        kind: 'card',
        card: cardAttachment(deps.service.render(view, action.turn.userAadId ?? null, lang, null)),
      };
    }
    const outcome = await deps.service.vote(
      {
        approvalId: ref.approvalId,
        caseId: ref.caseId,
        stepId: ref.stepId,
        version: ref.version,
        choice: CHOICE_BY_VERB[action.verb]!,
        comment: ref.comment ?? null,
        voterAadId: action.turn.userAadId ?? '',
      },
      lang,
    );
    if (!outcome.card) return { kind: 'error', status: 404, message: outcome.notice };
    return { kind: 'card', card: cardAttachment(outcome.card) };
  }

  async function myApprovals(ctx: TurnContext, turn: TurnInfo): Promise<void> {
    const lang = turn.lang;
    const t = approvalTexts(lang);
    if (!turn.userAadId) return void (await ctx.sendActivity(t.list.whoAreYou));
    const items = await deps.service.waitingFor(turn.userAadId);
    if (items.length === 0) return void (await ctx.sendActivity(t.list.none));
    const lines = items.map((i) => {
      const status = i.myVote ? t.yourVote(t.choice[i.myVote as VoteChoice]).split('.')[0] : t.list.notVoted;
      const deadline = i.approval.deadline ? ` · ${t.labels.deadline}: ${formatDate(i.approval.deadline, lang)}` : '';
      const sub = i.asSubstituteFor ? ` · ${t.onBehalfOf(i.asSubstituteFor)}` : '';
      return `- ${i.approval.caseId} ${i.caseTitle}${deadline}${sub} · ${status}`;
    });
    // Cards with buttons go to the person's own chat only; in a channel the list is enough.
    const personal = turn.conversationType === 'personal';
    const hint = personal ? '' : `\n\n${t.list.voteInPersonal}`;
    await ctx.sendActivity(`${t.list.heading(items.length)}\n\n${lines.join('\n')}${hint}`);
    if (!personal) return;
    for (const i of items.filter((x) => !x.myVote).slice(0, MAX_CARDS_IN_LIST)) {
      const send = async (card: CardData) =>
        (await ctx.sendActivity(MessageFactory.attachment(cardAttachment(card))))?.id ?? '';
      await deps.service.postPersonalCopy(i.approval, turn.userAadId, lang, send, {
        conversationId: turn.conversationId,
        serviceUrl: ctx.activity.serviceUrl,
      });
    }
  }

  async function overdue(ctx: TurnContext, turn: TurnInfo): Promise<void> {
    const lang = turn.lang;
    const t = approvalTexts(lang).list;
    const me = turn.userAadId ? await deps.directory.get(turn.userAadId) : null;
    if (!isSecretariatStaff(me)) return void (await ctx.sendActivity(t.overdueOnlySecretariat));
    const list = await deps.service.overdue(turn.org);
    if (list.length === 0) return void (await ctx.sendActivity(t.noneOverdue));
    const lines = list.map((o) =>
      t.overdueLine(
        o.approval.caseId,
        formatDate(o.deadline, lang),
        o.workingDaysOverdue,
        o.waitingFor.map((p) => p.name).join(', '),
      ),
    );
    await ctx.sendActivity(`${t.overdueHeading(list.length)}\n\n${lines.join('\n')}`);
  }

  return {
    name: 'approvals',
    intents: ['my_approvals', 'overdue_approvals', 'substitute'],
    verbPrefix: 'approval.',
    onAction,
    async onMessage(ctx: TurnContext, turn: TurnInfo, intent: DetectedIntent): Promise<void> {
      switch (intent.kind) {
        case 'my_approvals':
          return myApprovals(ctx, turn);
        case 'overdue_approvals':
          return overdue(ctx, turn);
        case 'substitute': {
          if (!turn.userAadId) return void (await ctx.sendActivity(approvalTexts(turn.lang).list.whoAreYouShort));
          const reply = await deps.service.substitute(
            { aadObjectId: turn.userAadId, name: turn.userName ?? '' },
            turn.org,
            intent.text,
            turn.lang,
          );
          await ctx.sendActivity(reply);
          return;
        }
        default:
          return;
      }
    },
  };
}
