// The message extension (issue 12): from the compose box find a case (`findCase`) or the documented
// answer to "who decides?" (`whoDecides`) and drop its card into the conversation; unfurl links to a
// case in the tab; turn a message into a case (`caseFromMessage`: a dialog prefilled from the
// message, the case created through core.cases like "ny sag" in chat, its card posted in the thread).
// Teams wants an answer within 5 s and at most 25 results; bad input gets a 4xx with a reason or a
// helpful empty result, never a 500. Inserted cards refresh themselves (verbs "ext.*").
import type { InvokeResponse, TurnContext } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import type { Lang, OrgId } from '../../assistant/answer';
import { isSecretariatStaff } from '../../directory/person';
import type { DirectoryPort } from '../../directory/person';
import type { CasesService } from '../../cases/service';
import { foldQuery } from '../../cases/search';
import { foldText } from '../../engine/normalize';
import { caseDeepLink, caseIdFromLink, tabCaseUrl } from '../../tab/links';
import { texts } from '../../texts/catalogue';
import { caseLabels } from '../views/case-labels';
import {
  EXT_VERBS,
  answerResult,
  caseFromMessageCard,
  anonymousCaseResult,
  caseResult,
  sharedAnswerCard,
  sharedCaseCard,
  type CreateFormValues,
  type ExtensionAttachment,
} from '../views/message-extension';
import { decodeEntity } from '../turn';
import { actorOf } from './cases';
import { amountOf, CaseFormFields, clusterList, withoutEmpty } from './case-form';
import type { ActionResult, AskPort, CardAction, FeatureHandler, TurnInfo } from './types';

export interface MessageExtensionDeps {
  cases: CasesService;
  directory: DirectoryPort;
  assistant: AskPort;
  clusters?: (org: OrgId) => Array<{ id: string; name: { da: string; en: string } }>;
  /** The bot's public host (BOT_DOMAIN): tab links on it unfurl, and cards link to the tab there. */
  botDomain?: string;
  /** The Teams app id (TEAMS_APP_ID): deep links to our tab unfurl too. */
  teamsAppId?: string;
}

/** The manifest's command ids (manifest/manifest.json `composeExtensions[0].commands`). */
export const COMMANDS = { findCase: 'findCase', whoDecides: 'whoDecides', caseFromMessage: 'caseFromMessage' } as const;
/** Teams shows at most 25 results. */
export const MAX_RESULTS = 25;
const MAX_TEXT = 500;

const Parameter = z.object({ name: z.string().max(64), value: z.unknown() });
const QueryValue = z.object({
  commandId: z.string().min(1).max(64),
  parameters: z.array(Parameter).max(5).optional(),
  queryOptions: z
    .object({
      skip: z.coerce.number().int().min(0).max(10_000).optional(),
      count: z.coerce.number().int().min(0).max(1000).optional(),
    })
    .optional(),
});
const LinkValue = z.object({ url: z.string().min(1).max(2048) });
const MessagePayload = z
  .object({
    subject: z.string().max(1000).nullish(),
    body: z.object({ content: z.string().max(100_000).nullish(), contentType: z.string().max(20).nullish() }).nullish(),
  })
  .nullish()
  .catch(undefined);
const TaskValue = z.object({ commandId: z.string().min(1).max(64), messagePayload: MessagePayload });
const SubmitValue = TaskValue.extend({ data: z.record(z.string(), z.unknown()).nullish() });
const CreateForm = CaseFormFields.extend({
  org: z.string().max(10).optional(),
  description: z.string().max(5000).optional(),
});
const CaseRefresh = z.object({ caseId: z.string().min(1).max(40) });
const AnswerRefresh = z.object({ question: z.string().min(1).max(MAX_TEXT), org: z.enum(['midt', 'nord']) });

const ok = (body: unknown): InvokeResponse => ({ status: 200, body });
const results = (attachments: ExtensionAttachment[]): InvokeResponse =>
  ok({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments } });
/** A text in place of results: Teams shows it in the results pane (an empty result says nothing). */
const message = (text: string): InvokeResponse => ok({ composeExtension: { type: 'message', text } });
const bad = (status: 400 | 404, text: string): InvokeResponse => ({
  status,
  body: { code: status === 404 ? 'NotFound' : 'BadRequest', message: text },
});
const dialogMessage = (text: string): InvokeResponse => ok({ task: { type: 'message', value: text } });

/** The plain text of a Teams message body (HTML), line breaks kept. */
export function messageText(content: string | null | undefined, contentType?: string | null): string {
  let text = content ?? '';
  if (contentType !== 'text') {
    text = text
      .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, '\n')
      .replace(/<[^>]{0,2000}>/g, '')
      .replace(/&[a-z0-9#]+;/gi, decodeEntity);
  }
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** A title from the message: its subject, else its first line, cut at a word near 100 characters. */
export function titleFrom(subject: string | null | undefined, text: string): string {
  const first = (subject?.trim() || text.split('\n')[0] || '').trim();
  if (first.length <= 100) return first;
  const cut = first.slice(0, 100);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trim()} …`;
}

function param(value: z.infer<typeof QueryValue>, name: string): string | undefined {
  const p = value.parameters?.find((x) => x.name === name);
  if (!p) return undefined;
  return typeof p.value === 'string' || typeof p.value === 'number' ? String(p.value) : '';
}

export function messageExtensionHandler(deps: MessageExtensionDeps): FeatureHandler {
  const { cases } = deps;
  const ours = { botDomain: deps.botDomain, teamsAppId: deps.teamsAppId };

  function openUrl(caseId: string): string | undefined {
    if (deps.teamsAppId) return caseDeepLink(deps.teamsAppId, caseId, deps.botDomain);
    return deps.botDomain ? tabCaseUrl(deps.botDomain, caseId) : undefined;
  }

  function formOptions(org: OrgId, lang: Lang) {
    return {
      processes: cases.processesFor(org).map((p) => ({ id: p.id, name: p.name[lang] })),
      clusters: (deps.clusters?.(org) ?? []).map((c) => ({ id: c.id, name: c.name[lang] })),
    };
  }

  function dialog(turn: TurnInfo, org: OrgId, values: CreateFormValues, problems: string[] = []): InvokeResponse {
    const { processes, clusters } = formOptions(org, turn.lang);
    const card = caseFromMessageCard(turn.lang, org, processes, clusters, values, problems);
    const title = texts(turn.lang).messageExtension.createTitle;
    return ok({ task: { type: 'continue', value: { title, height: 'large', width: 'medium', card } } });
  }

  /** The processes and clusters whose names contain the query ("Horsens", "beredskabspulje"). */
  function facetOf(query: string, org: OrgId): { processIds: string[]; clusterIds: string[] } {
    const q = foldQuery(query);
    if (q.length < 3) return { processIds: [], clusterIds: [] };
    const names = (n: { da: string; en: string }) => [foldText(n.da), foldText(n.en)];
    const hit = (id: string, n: { da: string; en: string }) => id === q || names(n).some((x) => x.includes(q));
    return {
      processIds: cases
        .processesFor(org)
        .filter((p) => hit(p.id, p.name))
        .map((p) => p.id),
      clusterIds: (deps.clusters?.(org) ?? []).filter((c) => hit(c.id, c.name)).map((c) => c.id),
    };
  }

  async function findCase(text: string, skip: number, count: number, turn: TurnInfo): Promise<InvokeResponse> {
    const t = texts(turn.lang).messageExtension;
    const query = text.trim().slice(0, MAX_TEXT);
    if (!query) return message(t.emptyQuery);
    const found = await cases.search(query, { org: turn.org, limit: skip + count, facet: facetOf(query, turn.org) });
    if (found === 'too_short') return message(t.emptyQuery);
    if (found.length === 0 && skip === 0) return message(t.noCase(query.slice(0, 80)));
    const page = found.slice(skip, skip + count);
    return results(await Promise.all(page.map(async (c) => caseResult(await cases.view(c, turn.lang), openUrl(c.id)))));
  }

  async function whoDecides(text: string, skip: number, count: number, turn: TurnInfo): Promise<InvokeResponse> {
    const t = texts(turn.lang).messageExtension;
    const question = text.trim().slice(0, MAX_TEXT);
    if (question.replace(/[^\p{L}\p{N}]/gu, '').length < 3) return message(t.emptyQuestion);
    const answer = await deps.assistant.ask(question, { org: turn.org, lang: turn.langHint });
    // A "did you mean" answer offers its choices as results, each with its own answer card.
    const asked =
      answer.status === 'clarify'
        ? await Promise.all(
            (answer.choices ?? []).slice(0, 3).map(async (c) => ({
              q: c.query,
              a: await deps.assistant.ask(c.query, { org: turn.org, lang: turn.langHint }),
            })),
          )
        : [{ q: question, a: answer }];
    const items = asked.flatMap(({ q, a }) =>
      a.status === 'answered' && a.detail ? [answerResult(a, a.detail, q, a.org)] : [],
    );
    if (items.length === 0) return message(t.noAnswer(question.slice(0, 80)));
    return results(items.slice(skip, skip + count));
  }

  async function query(ctx: TurnContext, turn: TurnInfo): Promise<InvokeResponse> {
    const t = texts(turn.lang).messageExtension;
    const v = QueryValue.safeParse(ctx.activity.value);
    if (!v.success) return bad(400, `${t.badRequest} ${v.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    const skip = v.data.queryOptions?.skip ?? 0;
    const count = Math.min(v.data.queryOptions?.count || MAX_RESULTS, MAX_RESULTS);
    const initial = param(v.data, 'initialRun') === 'true';
    switch (v.data.commandId) {
      case COMMANDS.findCase:
        return findCase(initial ? '' : (param(v.data, 'query') ?? ''), skip, count, turn);
      case COMMANDS.whoDecides:
        return whoDecides(initial ? '' : (param(v.data, 'question') ?? ''), skip, count, turn);
      default:
        return bad(400, t.unknownCommand(v.data.commandId.slice(0, 64)));
    }
  }

  async function queryLink(ctx: TurnContext, turn: TurnInfo): Promise<InvokeResponse> {
    const v = LinkValue.safeParse(ctx.activity.value);
    if (!v.success) return bad(400, texts(turn.lang).messageExtension.badRequest);
    const caseId = caseIdFromLink(v.data.url, ours);
    const found = caseId ? await cases.find({ caseId }) : undefined;
    // A link that is not to one of our cases is not unfurled: an empty result leaves it as it is.
    if (found?.kind !== 'found') return results([]);
    return results([caseResult(await cases.view(found.case, turn.lang), openUrl(found.case.id))]);
  }

  /** Zero-install unfurling: the user is anonymised, so the card says only what the link says. */
  async function anonymousQueryLink(ctx: TurnContext, turn: TurnInfo): Promise<InvokeResponse> {
    const v = LinkValue.safeParse(ctx.activity.value);
    if (!v.success) return bad(400, texts(turn.lang).messageExtension.badRequest);
    const caseId = caseIdFromLink(v.data.url, ours);
    return results(caseId ? [anonymousCaseResult(caseId, turn.lang, openUrl(caseId))] : []);
  }

  async function fetchTask(ctx: TurnContext, turn: TurnInfo): Promise<InvokeResponse> {
    const t = texts(turn.lang).messageExtension;
    const v = TaskValue.safeParse(ctx.activity.value);
    if (!v.success) return bad(400, t.badRequest);
    if (v.data.commandId !== COMMANDS.caseFromMessage) return bad(400, t.unknownCommand(v.data.commandId));
    if (!isSecretariatStaff(await actorOf(deps.directory, turn))) return dialogMessage(t.onlySecretariat);
    const body = v.data.messagePayload?.body;
    const text = messageText(body?.content, body?.contentType);
    return dialog(turn, turn.org, {
      title: titleFrom(v.data.messagePayload?.subject, text),
      description: text.slice(0, 2000),
    });
  }

  async function submitAction(ctx: TurnContext, turn: TurnInfo): Promise<InvokeResponse> {
    const t = texts(turn.lang).messageExtension;
    const l = caseLabels(turn.lang);
    const v = SubmitValue.safeParse(ctx.activity.value);
    if (!v.success) return bad(400, t.badRequest);
    if (v.data.commandId !== COMMANDS.caseFromMessage) return bad(400, t.unknownCommand(v.data.commandId));
    const actor = await actorOf(deps.directory, turn);
    if (!isSecretariatStaff(actor)) return dialogMessage(t.onlySecretariat);
    const form = CreateForm.safeParse(withoutEmpty(v.data.data ?? {}));
    if (!form.success)
      return dialog(
        turn,
        turn.org,
        {},
        form.error.issues.map((i) => i.path.join('.') || i.message),
      );
    const f = form.data;
    const org: OrgId = f.org === 'nord' ? 'nord' : f.org === 'midt' ? 'midt' : turn.org;
    const values: CreateFormValues = {
      title: f.title?.slice(0, 200),
      processId: f.processId,
      clusters: f.clusters,
      description: f.description?.slice(0, 2000),
    };
    const command = withoutEmpty({
      title: f.title,
      org,
      processId: f.processId,
      clusters: clusterList(f.clusters),
      amountDkk: amountOf(f.amountDkk),
      comment: f.description?.slice(0, 2000),
    });
    const r = await cases.create(actor, command);
    if (r.kind === 'not_allowed') return dialogMessage(r.message[turn.lang]);
    if (r.kind !== 'ok') {
      const problems = r.kind === 'invalid' ? r.problems : r.kind === 'refused' ? [r.message[turn.lang]] : [l.invalid];
      return dialog(turn, org, values, problems);
    }
    const view = await cases.view(r.case, turn.lang);
    const notice = { text: t.created(r.case.id, actor.name), style: 'good' as const };
    await ctx.sendActivity(MessageFactory.attachment(sharedCaseCard(view, { notice, openUrl: openUrl(r.case.id) })));
    return dialogMessage(t.createdDialog(r.case.id));
  }

  const invokes: Record<string, (ctx: TurnContext, turn: TurnInfo) => Promise<InvokeResponse>> = {
    'composeExtension/query': query,
    'composeExtension/queryLink': queryLink,
    'composeExtension/anonymousQueryLink': anonymousQueryLink,
    'composeExtension/fetchTask': fetchTask,
    'composeExtension/submitAction': submitAction,
  };

  return {
    name: 'message-extension',
    invokeNames: Object.keys(invokes),
    async onInvoke(ctx, name, turn) {
      return invokes[name]!(ctx, turn);
    },
    verbPrefix: 'ext.',
    async onAction(_ctx, action: CardAction): Promise<ActionResult> {
      const { turn } = action;
      const l = caseLabels(turn.lang);
      if (action.verb === EXT_VERBS.case) {
        const d = CaseRefresh.safeParse(action.data);
        if (!d.success) return { kind: 'error', status: 400, message: `${l.invalid} caseId` };
        const found = await cases.find({ caseId: d.data.caseId });
        if (found.kind !== 'found') return { kind: 'error', status: 404, message: l.notFound(d.data.caseId) };
        const view = await cases.view(found.case, turn.lang);
        return { kind: 'card', card: sharedCaseCard(view, { openUrl: openUrl(found.case.id) }) };
      }
      if (action.verb === EXT_VERBS.answer) {
        const d = AnswerRefresh.safeParse(action.data);
        if (!d.success) return { kind: 'error', status: 400, message: `${l.invalid} question` };
        const a = await deps.assistant.ask(d.data.question, { org: d.data.org, lang: turn.langHint });
        if (a.status !== 'answered' || !a.detail)
          return { kind: 'message', text: texts(turn.lang).messageExtension.noAnswer(d.data.question.slice(0, 80)) };
        return { kind: 'card', card: sharedAnswerCard(a, a.detail, d.data.question, d.data.org) };
      }
      return { kind: 'error', status: 400, message: `${l.invalid} ${action.verb.slice(0, 40)}` };
    },
  };
}
