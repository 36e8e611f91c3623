// The one entry point for questions, shared by chat, CLI and the internal HTTP API: it detects the
// kind of request and answers with the contract's Answer object. Who-decides questions go to the
// engine; case questions to the cases feature through a port (absent when no store is open).
import type { Answer, AskOptions, Lang, OrgId } from './answer';
import { detectIntent, type DetectedIntent } from './intent';
import { MAX_QUESTION_CHARS, type WhoDecidesEngine } from '../engine/who-decides';
import { detectLang } from '../engine/question';
import type { CaseStatusPort } from '../cases/ports';
import { texts } from '../texts/catalogue';

export interface PoolBalancePort {
  balanceText(org: OrgId, year: number, lang: Lang): Promise<string | undefined>;
}

export interface AssistantDeps {
  engine: WhoDecidesEngine;
  defaultOrg: OrgId;
  today: () => string;
  cases?: CaseStatusPort;
  pool?: PoolBalancePort;
}

export interface AskContext extends AskOptions {
  /** Set by a transport that already knows the intent (e.g. the bot after its own dispatch). */
  intent?: DetectedIntent;
  /**
   * The language to answer in when the question's text does not tell (Teams' locale). Unlike
   * `lang`, which forces a language, the text wins: the Agents Playground reports en-US for
   * everyone, and a Danish question deserves a Danish answer.
   */
  langHint?: Lang;
}

export class Assistant {
  constructor(private readonly deps: AssistantDeps) {}

  async ask(question: string, ctx: AskContext = {}): Promise<Answer> {
    const q = question.length > MAX_QUESTION_CHARS ? question.slice(0, MAX_QUESTION_CHARS) : question;
    const lang: Lang = ctx.lang ?? detectLang(q, ctx.langHint);
    const org = ctx.org ?? this.deps.defaultOrg;
    const date = ctx.date ?? this.deps.today();
    const intent = ctx.intent ?? detectIntent(q);
    const base = { org, date, lang, deciders: [] as string[], sources: [], confidence: 1 };

    switch (intent.kind) {
      case 'who_decides':
        return this.deps.engine.ask(q, {
          ...(ctx.org ? { org: ctx.org } : {}),
          ...(ctx.date ? { date: ctx.date } : {}),
          lang,
        });
      case 'help':
        return { ...base, status: 'answered', intent: 'help', text: helpText(lang) };
      case 'case_status':
        return this.caseStatus(intent, { org, date, lang });
      case 'pool_balance': {
        const year = intent.year ?? Number(date.slice(0, 4));
        const text = await this.deps.pool?.balanceText(org, year, lang);
        if (text === undefined)
          return { ...base, status: 'out_of_scope', intent: 'pool_balance', confidence: 0, text: noStoreText(lang) };
        return { ...base, status: 'answered', intent: 'pool_balance', text };
      }
      default:
        // Chat-only requests (approvals, subscriptions, bindings) need a Teams conversation.
        return {
          ...base,
          status: 'out_of_scope',
          intent: 'unknown',
          confidence: 0,
          text: texts(lang).assistant.chatOnly,
        };
    }
  }

  private async caseStatus(
    intent: Extract<DetectedIntent, { kind: 'case_status' }>,
    ctx: { org: OrgId; date: string; lang: Lang },
  ): Promise<Answer> {
    const base = { org: ctx.org, date: ctx.date, lang: ctx.lang, sources: [], deciders: [] as string[] };
    if (!this.deps.cases)
      return { ...base, status: 'out_of_scope', intent: 'case_status', confidence: 0, text: noStoreText(ctx.lang) };
    const found = await this.deps.cases.lookup(
      { caseId: intent.caseId, query: intent.query && !intent.caseId ? intent.query : undefined },
      ctx,
    );
    switch (found.kind) {
      case 'found': {
        const whoAsked = intent.caseId !== undefined && intent.query !== undefined;
        return {
          ...base,
          status: 'answered',
          intent: whoAsked ? 'who_decides' : 'case_status',
          // "Who decides SAG-…?" answers for the case's current step: the body holding it.
          deciders: whoAsked ? [found.summary.holder] : [],
          confidence: 1,
          case: found.summary,
          text: found.text[ctx.lang],
        };
      }
      case 'choices':
        return {
          ...base,
          status: 'clarify',
          intent: 'case_status',
          confidence: 0.5,
          choices: found.choices.map((c) => ({
            deciders: [],
            label: `${c.id} ${c.title}`,
            query: `status på ${c.id}`,
          })),
          text: found.text[ctx.lang],
        };
      case 'not_found':
        return { ...base, status: 'not_found', intent: 'case_status', confidence: 1, text: found.text[ctx.lang] };
    }
  }
}

function noStoreText(lang: Lang): string {
  return texts(lang).assistant.noStore;
}

export function helpText(lang: Lang): string {
  return texts(lang).assistant.help;
}
