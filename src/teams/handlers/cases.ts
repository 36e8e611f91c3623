// Cases in chat: "status på SAG-2026-0007" / "hvordan går det med IV-aftalen?" (status card, a
// choice list, or not found with the closest titles), "hvilke sager ligger hos formandskabet?",
// "mine sager", the pool balance, history, and the create / move / comment forms (Action.Execute,
// verbs "case.*"), whose results replace the clicked card in place. Who may create comes from the
// directory (secretariat staff); who may move from the process definitions (see src/cases).
import type { TurnContext } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { amountOf, CaseFormFields, clusterList, withoutEmpty } from './case-form';
import type { Lang, OrgId } from '../../assistant/answer';
import type { DetectedIntent } from '../../assistant/intent';
import { titleIn, type Actor, type Case } from '../../cases/model';
import type { ShownCasePort } from '../../cases/ports';
import { poolBalanceText, type CasesService, type ChangeResult } from '../../cases/service';
import type { DirectoryPort } from '../../directory/person';
import { isSecretariatStaff } from '../../directory/person';
import { caseLabels } from '../views/case-labels';
import { texts } from '../../texts/catalogue';
import { caseCreateCard, caseListCard, caseStatusCard, type StatusCardOptions } from '../views/case-cards';
import type { CaseView } from '../../cases/view';
import type { ActionResult, AskPort, CardAction, FeatureHandler, TurnInfo } from './types';

export interface CasesHandlerDeps {
  cases: CasesService;
  directory: DirectoryPort;
  assistant: AskPort;
  /** Clusters offered on the create form. */
  clusters?: (org: OrgId) => Array<{ id: string; name: { da: string; en: string } }>;
  /** Where the case last shown in each conversation or thread is kept (in the database). */
  shown: ShownCasePort;
  /** The deep link that opens a case in the tab (src/tab/links.ts), when the Teams app id is configured. */
  tabLink?: (caseId: string) => string | undefined;
}

const ShowData = z.object({ caseId: z.string().max(40) }).strict();
const CreateForm = CaseFormFields.extend({
  org: z.string().max(10),
  titleEn: z.string().max(5000).optional(),
  deadline: z.string().max(20).optional(),
  comment: z.string().max(5000).optional(),
}).strict();

export async function actorOf(directory: DirectoryPort, turn: TurnInfo): Promise<Actor> {
  const person = turn.userAadId ? await directory.get(turn.userAadId) : null;
  return {
    aadObjectId: turn.userAadId ?? turn.userId,
    name: person?.name ?? turn.userName ?? turn.userId,
    roles: person?.roles ?? [],
  };
}

export function casesHandler(deps: CasesHandlerDeps): FeatureHandler {
  const { cases } = deps;
  const { shown } = deps;
  const lines = (list: Case[], lang: Lang) => list.map((c) => cases.brief(c, lang));
  const statusCard = (v: CaseView, options: StatusCardOptions = {}) =>
    caseStatusCard(v, { ...options, tabLink: deps.tabLink?.(v.id) });

  async function statusReply(
    ctx: TurnContext,
    turn: TurnInfo,
    intent: Extract<DetectedIntent, { kind: 'case_status' }>,
  ): Promise<void> {
    const lang = turn.lang;
    const l = caseLabels(lang);
    // "Hvem beslutter SAG-…?" is a who-decides question about the case: the assistant answers it.
    if (intent.caseId && intent.query) {
      const answer = await deps.assistant.ask(turn.text, { org: turn.org, lang: turn.langHint });
      await ctx.sendActivity(answer.text);
    }
    const found = await cases.find(
      intent.caseId ? { caseId: intent.caseId } : { query: intent.query ?? turn.text },
      intent.caseId ? {} : { org: turn.org },
    );
    switch (found.kind) {
      case 'found':
        await ctx.sendActivity(MessageFactory.attachment(statusCard(await cases.view(found.case, lang))));
        await shown.remember(turn.conversationId, found.case.id);
        return;
      case 'choices':
        await ctx.sendActivity(
          MessageFactory.attachment(
            caseListCard(
              l.choicesHeading,
              l.choicesIntro,
              lines(
                found.hits.map((h) => h.case),
                lang,
              ),
              lang,
            ),
          ),
        );
        return;
      case 'not_found': {
        const what = (intent.caseId ?? intent.query ?? '').slice(0, 80);
        const text = l.notFoundText(what);
        if (found.closest.length === 0) await ctx.sendActivity(text);
        else
          await ctx.sendActivity(
            MessageFactory.attachment(
              caseListCard(
                l.notFoundHeading,
                `${text} ${l.closestIntro}`,
                lines(
                  found.closest.map((h) => h.case),
                  lang,
                ),
                lang,
              ),
            ),
          );
        return;
      }
      case 'invalid':
        await ctx.sendActivity(found.message[lang]);
        return;
    }
  }

  async function listReply(
    ctx: TurnContext,
    turn: TurnInfo,
    intent: Extract<DetectedIntent, { kind: 'case_list' }>,
  ): Promise<void> {
    const l = caseLabels(turn.lang);
    if (intent.mine) {
      const mine = await cases.listMine(await actorOf(deps.directory, turn), turn.org);
      await ctx.sendActivity(
        mine.length
          ? MessageFactory.attachment(caseListCard(l.mineHeading, null, lines(mine, turn.lang), turn.lang))
          : l.noCases,
      );
      return;
    }
    const r = await cases.listByHolder(turn.org, intent.holder ?? '');
    if (r.kind === 'unknown_body') return void (await ctx.sendActivity(l.unknownBody(r.text)));
    const heading = l.listHeading(cases.bodyName(turn.org, r.holder, turn.lang));
    await ctx.sendActivity(
      r.cases.length
        ? MessageFactory.attachment(caseListCard(heading, null, lines(r.cases, turn.lang), turn.lang))
        : `${heading}: ${l.noCases}`,
    );
  }

  function createCard(turn: TurnInfo, org: OrgId, options: Parameters<typeof caseCreateCard>[4] = {}) {
    const processes = cases.processesFor(org).map((p) => ({ id: p.id, name: p.name[turn.lang] }));
    const clusters = (deps.clusters?.(org) ?? []).map((c) => ({ id: c.id, name: c.name[turn.lang] }));
    return caseCreateCard(turn.lang, org, processes, clusters, options);
  }

  /** A change's result as the card that replaces the clicked one. */
  async function changeCard(
    r: ChangeResult,
    lang: Lang,
    caseId: string | undefined,
    success: string,
  ): Promise<ActionResult> {
    const l = caseLabels(lang);
    switch (r.kind) {
      case 'ok':
        return { kind: 'card', card: statusCard(r.view, { notice: { text: success, style: 'good' } }) };
      case 'stale':
        return { kind: 'card', card: statusCard(r.view, { notice: { text: r.message[lang], style: 'warning' } }) };
      case 'not_found':
        return { kind: 'error', status: 404, message: l.notFound(r.caseId) };
      case 'invalid':
      case 'not_allowed':
      case 'refused': {
        const text = r.kind === 'invalid' ? `${l.invalid} ${r.problems.join('; ')}` : r.message[lang];
        const current = caseId ? await cases.find({ caseId }) : undefined;
        if (current?.kind === 'found')
          return {
            kind: 'card',
            card: statusCard(await cases.view(current.case, lang), { notice: { text, style: 'attention' } }),
          };
        return { kind: 'error', status: r.kind === 'not_allowed' ? 403 : 400, message: text };
      }
    }
  }

  return {
    name: 'cases',
    intents: ['case_status', 'case_list', 'case_history', 'pool_balance', 'new_case'],
    async onMessage(ctx, turn, intent) {
      const l = caseLabels(turn.lang);
      switch (intent.kind) {
        case 'case_status':
          return statusReply(ctx, turn, intent);
        case 'case_list':
          return listReply(ctx, turn, intent);
        case 'case_history': {
          const found = await cases.find({ caseId: intent.caseId });
          if (found.kind !== 'found') return void (await ctx.sendActivity(l.notFound(intent.caseId)));
          const events = await cases.historyLines(found.case, turn.lang);
          const title = titleIn(found.case, turn.lang);
          const text = [
            `**${texts(turn.lang).history.heading(found.case.id, title)}**`,
            ...events.map((e) => `- ${e}`),
          ].join('\n');
          return void (await ctx.sendActivity(MessageFactory.text(text)));
        }
        case 'pool_balance': {
          const r = await cases.poolBalance(turn.org, intent.year);
          const text = r.kind === 'balance' ? poolBalanceText(r.balance, turn.lang) : texts(turn.lang).cases.noPool;
          return void (await ctx.sendActivity(text));
        }
        case 'new_case': {
          const actor = await actorOf(deps.directory, turn);
          if (!isSecretariatStaff(actor)) return void (await ctx.sendActivity(l.onlySecretariat));
          return void (await ctx.sendActivity(MessageFactory.attachment(createCard(turn, turn.org))));
        }
        default:
          return;
      }
    },
    verbPrefix: 'case.',
    async onAction(_ctx, action: CardAction): Promise<ActionResult> {
      const { turn } = action;
      const lang = turn.lang;
      const l = caseLabels(lang);
      const data = withoutEmpty(action.data);
      switch (action.verb) {
        case 'case.show': {
          const d = ShowData.safeParse(data);
          if (!d.success) return { kind: 'error', status: 400, message: `${l.invalid} caseId` };
          const found = await cases.find({ caseId: d.data.caseId });
          if (found.kind !== 'found')
            return { kind: 'error', status: 404, message: l.notFound(d.data.caseId.slice(0, 40)) };
          await shown.remember(turn.conversationId, found.case.id);
          return { kind: 'card', card: statusCard(await cases.view(found.case, lang)) };
        }
        case 'case.move': {
          const r = await cases.move(await actorOf(deps.directory, turn), data, lang);
          return changeCard(r, lang, typeof data.caseId === 'string' ? data.caseId : undefined, l.changed);
        }
        case 'case.comment': {
          // The comment form's input is "commentText" (a card cannot hold two inputs with one id).
          const { commentText, ...rest } = data;
          const r = await cases.comment(await actorOf(deps.directory, turn), { ...rest, comment: commentText }, lang);
          return changeCard(r, lang, typeof data.caseId === 'string' ? data.caseId : undefined, l.changed);
        }
        case 'case.create': {
          const form = CreateForm.safeParse(data);
          if (!form.success)
            return {
              kind: 'error',
              status: 400,
              message: `${l.invalid} ${form.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`,
            };
          const f = form.data;
          const org = (f.org === 'nord' ? 'nord' : 'midt') as OrgId;
          const command = withoutEmpty({
            title: f.title,
            titleEn: f.titleEn,
            org: f.org,
            processId: f.processId,
            clusters: clusterList(f.clusters),
            amountDkk: amountOf(f.amountDkk),
            deadlines: f.deadline ? [{ label: l.deadlineLabel, date: f.deadline }] : undefined,
            comment: f.comment,
          });
          const r = await cases.create(await actorOf(deps.directory, turn), command);
          if (r.kind === 'ok')
            return {
              kind: 'card',
              card: statusCard(await cases.view(r.case, lang), {
                notice: { text: l.created(r.case.id), style: 'good' },
              }),
            };
          if (r.kind === 'not_allowed') return { kind: 'error', status: 403, message: r.message[lang] };
          const problems = r.kind === 'invalid' ? r.problems : r.kind === 'refused' ? [r.message[lang]] : [];
          return {
            kind: 'card',
            card: createCard(turn, org, {
              problems,
              values: {
                title: f.title?.slice(0, 200),
                titleEn: f.titleEn?.slice(0, 200),
                processId: f.processId,
                clusters: f.clusters,
                comment: f.comment?.slice(0, 2000),
              },
            }),
          };
        }
        default:
          return { kind: 'error', status: 400, message: `${l.invalid} ${action.verb.slice(0, 40)}` };
      }
    },
  };
}
