// Approvals in Teams: the card buttons (Action.Execute, verbs "approval.*"), and the chat lines
// "mine godkendelser", "forsinkede godkendelser", "stedfortræder ..." and "historik SAG-...".
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
    comment: z.string().max(MAX_COMMENT_LENGTH * 2).optional(),
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
      return { kind: 'card', card: cardAttachment(deps.service.render(view, action.turn.userAadId ?? null, lang, t.outOfDate)) };
    }
    const ref = parsed.data;
    if (!isVote) {
      const view = await deps.service.view(ref.approvalId);
      if (!view) return { kind: 'error', status: 404, message: t.notFound };
      return { kind: 'card', card: cardAttachment(deps.service.render(view, action.turn.userAadId ?? null, lang, null)) };
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
    if (!turn.userAadId) {
      await ctx.sendActivity(lang === 'da' ? 'Jeg kan ikke se, hvem du er, så jeg kan ikke finde dine godkendelser.' : 'I cannot tell who you are, so I cannot find your approvals.');
      return;
    }
    const items = await deps.service.waitingFor(turn.userAadId);
    if (items.length === 0) {
      await ctx.sendActivity(lang === 'da' ? 'Der venter ingen godkendelser på dig.' : 'No approvals are waiting for you.');
      return;
    }
    const lines = items.map((i) => {
      const status = i.myVote ? t.yourVote(t.choice[i.myVote as VoteChoice]).split('.')[0] : lang === 'da' ? 'ikke stemt' : 'not voted';
      const deadline = i.approval.deadline ? ` · ${t.labels.deadline}: ${formatDate(i.approval.deadline, lang)}` : '';
      const sub = i.asSubstituteFor ? ` · ${t.onBehalfOf(i.asSubstituteFor)}` : '';
      return `- ${i.approval.caseId} ${i.caseTitle}${deadline}${sub} · ${status}`;
    });
    const head = lang === 'da' ? `Godkendelser der venter på dig (${items.length}):` : `Approvals waiting for you (${items.length}):`;
    // Cards with buttons go to the person's own chat only; in a channel the list is enough.
    const personal = turn.conversationType === 'personal';
    const hint = personal ? '' : lang === 'da' ? '\n\nSkriv "mine godkendelser" til mig i en personlig chat for at stemme.' : '\n\nWrite "my approvals" to me in a personal chat to vote.';
    await ctx.sendActivity(`${head}\n\n${lines.join('\n')}${hint}`);
    if (!personal) return;
    for (const i of items.filter((x) => !x.myVote).slice(0, MAX_CARDS_IN_LIST)) {
      await deps.service.postPersonalCopy(i.approval, turn.userAadId, lang, async (card) => (await ctx.sendActivity(MessageFactory.attachment(cardAttachment(card))))?.id ?? '', {
        conversationId: turn.conversationId,
        serviceUrl: ctx.activity.serviceUrl,
      });
    }
  }

  async function overdue(ctx: TurnContext, turn: TurnInfo): Promise<void> {
    const lang = turn.lang;
    const me = turn.userAadId ? await deps.directory.get(turn.userAadId) : null;
    if (!isSecretariatStaff(me)) {
      await ctx.sendActivity(lang === 'da' ? 'Listen over forsinkede godkendelser er for sekretariatet.' : 'The list of overdue approvals is for the secretariat.');
      return;
    }
    const list = await deps.service.overdue(turn.org);
    if (list.length === 0) {
      await ctx.sendActivity(lang === 'da' ? 'Ingen godkendelser er over fristen.' : 'No approvals are past their deadline.');
      return;
    }
    const lines = list.map((o) =>
      lang === 'da'
        ? `- ${o.approval.caseId}: frist ${formatDate(o.deadline, 'da')}, ${o.workingDaysOverdue} arbejdsdag(e) over; venter på ${o.waitingFor.map((p) => p.name).join(', ')}`
        : `- ${o.approval.caseId}: deadline ${formatDate(o.deadline, 'en')}, ${o.workingDaysOverdue} working day(s) over; waiting for ${o.waitingFor.map((p) => p.name).join(', ')}`,
    );
    await ctx.sendActivity(`${lang === 'da' ? 'Forsinkede godkendelser' : 'Overdue approvals'} (${list.length}):\n\n${lines.join('\n')}`);
  }

  async function history(ctx: TurnContext, turn: TurnInfo, caseId: string): Promise<void> {
    const lang = turn.lang;
    const h = await deps.service.history(caseId, lang);
    if (!h) {
      await ctx.sendActivity(lang === 'da' ? `Jeg fandt ingen sag ${caseId}.` : `I found no case ${caseId}.`);
      return;
    }
    const c = h.case;
    await ctx.sendActivity(`${lang === 'da' ? 'Historik for' : 'History of'} ${c.id} "${lang === 'en' ? (c.titleEn ?? c.title) : c.title}":\n\n${h.lines.map((l) => `- ${l}`).join('\n')}`);
  }

  return {
    name: 'approvals',
    intents: ['my_approvals', 'overdue_approvals', 'substitute', 'case_history'],
    verbPrefix: 'approval.',
    onAction,
    async onMessage(ctx: TurnContext, turn: TurnInfo, intent: DetectedIntent): Promise<void> {
      switch (intent.kind) {
        case 'my_approvals':
          return myApprovals(ctx, turn);
        case 'overdue_approvals':
          return overdue(ctx, turn);
        case 'case_history':
          return history(ctx, turn, intent.caseId);
        case 'substitute': {
          if (!turn.userAadId) {
            await ctx.sendActivity(turn.lang === 'da' ? 'Jeg kan ikke se, hvem du er.' : 'I cannot tell who you are.');
            return;
          }
          const reply = await deps.service.substitute({ aadObjectId: turn.userAadId, name: turn.userName ?? '' }, turn.org, intent.text, turn.lang);
          await ctx.sendActivity(reply);
          return;
        }
        default:
          return;
      }
    },
  };
}
