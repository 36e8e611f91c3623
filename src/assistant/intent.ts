// Which kind of request a chat line is. Deterministic patterns over the normalised text; the
// who-decides engine is the fallback, so anything not recognised here is treated as a question
// about the organisation (and the engine decides whether it is in scope).
import { foldText } from '../engine/normalize';
import { regex } from '../common/regex';
import type { OrgId } from './answer';

export type DetectedIntent =
  | { kind: 'help' }
  | { kind: 'who_decides' }
  | { kind: 'case_status'; caseId?: string; query?: string }
  | { kind: 'case_list'; holder?: string; mine?: boolean }
  | { kind: 'case_history'; caseId: string }
  | { kind: 'pool_balance'; year?: number }
  | { kind: 'bind_org'; org: OrgId }
  | { kind: 'my_approvals' }
  | { kind: 'overdue_approvals' }
  | { kind: 'substitute'; text: string }
  | { kind: 'subscribe'; cluster: string }
  | { kind: 'unsubscribe'; cluster: string }
  | { kind: 'list_subscriptions' }
  | { kind: 'failed_notifications' }
  | { kind: 'new_case' };

export const CASE_ID_RE = /\bsag[\s-]*(\d{4})[\s-]*(\d{1,4})\b/i;

/** Normalises a case reference such as "sag 2026 7" or "SAG-2026-0007" to "SAG-2026-0007". */
export function parseCaseId(text: string): string | undefined {
  const m = CASE_ID_RE.exec(text);
  if (!m) return undefined;
  return `SAG-${m[1]}-${m[2]!.padStart(4, '0')}`;
}

const ORG_WORDS: Array<[RegExp, OrgId]> = [
  [/\b(nord|nordjylland|north jutland|northern jutland|region nordjylland|nordjyske?)\b/, 'nord'],
  [/\b(midt|midtjylland|central denmark|central jutland|region midtjylland|midtjyske?|rm)\b/, 'midt'],
];

/** Finds an organisation named in the text ("i Nordjylland", "in North Jutland"). */
export function orgInText(folded: string): OrgId | undefined {
  for (const [re, org] of ORG_WORDS) if (re.test(folded)) return org;
  return undefined;
}

const HELP_RE = regex([
  String.raw`^(hjaelp|help|hjelp|hj[ae]lp|\?|hvad kan du( goere)?|what can you do|kommandoer|commands|vejledning|`,
  String.raw`hi|hej|hello|goddag|halloe?j?)[\s!?.]*$`,
]);

// "Where is the final status report sent for information?", "hvor er Triple Aim-gruppen placeret?",
// "where are joint agreements handled?": where a thing goes, sits or is dealt with asks which body,
// not how a case is doing.
const SENT_OR_DECIDED = new RegExp(
  String.raw`\b(sent|sends|send|sendes|sendt|indsendes|indsendt|forwarded|submitted|reported|rapporteres|` +
    String.raw`videresendes|videresendt|forelagt|forelaegges|decided|besluttet|besluttes|approved|godkendt|` +
    String.raw`godkendes|til orientering|for information|handled|placed|placeret|solved|loeses|loest|negotiated|` +
    String.raw`forhandlet|forhandles|discussed|droeftet|droeftes|followed up|fulgt op|foelges op|organised|` +
    String.raw`organized|organiseret|anchored|forankret|behandlet|behandles|held|afholdt|afholdes)\b`,
);

export function detectIntent(raw: string): DetectedIntent {
  const t = foldText(raw).trim();
  if (t.length === 0 || HELP_RE.test(t)) return { kind: 'help' };

  const caseId = parseCaseId(t);

  if (/\b(historik|history|audit( trail)?|log)\b/.test(t) && caseId) return { kind: 'case_history', caseId };

  const bind = regex([
    String.raw`^(?:brug|skift til|use|switch to|vaelg|bind(?: til)?|set org(?:anisation|anization)?(?: to)?)`,
    String.raw`\s+(?<o>.+?)[\s.!]*$`,
  ]).exec(t);
  if (bind?.groups?.o) {
    const org = orgInText(bind.groups.o);
    if (org) return { kind: 'bind_org', org };
  }

  if (/\b(mislykkede?|fejlede?|failed)\s+(notifikationer|notifications|beskeder|messages)\b/.test(t))
    return { kind: 'failed_notifications' };
  if (
    regex([
      String.raw`\b(hvad|hvilke klynger)\b.*\babonner\w*\b.*\b(kanal|kanalen)\b`,
      String.raw`|\bwhat (is|does) (this|the) channel subscribed`,
      String.raw`|\b(list|show) subscriptions\b|\bmine abonnementer\b|\babonnementer\b|\bsubscriptions\b`,
    ]).test(t)
  )
    return { kind: 'list_subscriptions' };
  const unsub = regex([
    String.raw`^(?:afmeld|frameld|unsubscribe|stop abonnement)(?: fra| from)?(?: (?:paa|on|to))?`,
    String.raw`(?: (?:klynge\w*|clusters?))?(?:\s+|$)(?<c>.*)$`,
  ]).exec(t);
  if (unsub) return { kind: 'unsubscribe', cluster: unsub.groups?.c?.trim() ?? '' };
  const sub =
    /^(?:abonner|subscribe|tilmeld|follow)\w*(?: (?:paa|on|to))?(?: (?:klynge\w*|clusters?))?(?:\s+|$)(?<c>.*)$/.exec(
      t,
    );
  if (sub) return { kind: 'subscribe', cluster: sub.groups?.c?.trim() ?? '' };

  if (/\b(stedfortraeder|substitute|deputy|vikar)\b/.test(t)) return { kind: 'substitute', text: raw.trim() };
  if (
    regex([
      String.raw`\b(mine|my)\s+(godkendelser|approvals|afstemninger|votes)\b`,
      String.raw`|\bwhat (is )?waiting for me\b|\bhvad venter paa mig\b`,
    ]).test(t)
  )
    return { kind: 'my_approvals' };
  if (/\b(forsinkede|overskredne|overdue|late)\s+(godkendelser|approvals)\b/.test(t))
    return { kind: 'overdue_approvals' };
  if (/^(ny sag|opret( en)? sag|new case|create( a)? case)\b/.test(t)) return { kind: 'new_case' };

  if (
    /\bberedskabspulje\w*|\bcontingency pool\b|\bemergency pool\b|\bpuljen\b/.test(t) &&
    /\b(tilbage|rest|restbeloeb|saldo|balance|left|remaining|hvor meget|how much)\b/.test(t)
  ) {
    const y = /\b(20\d\d)\b/.exec(t);
    return y ? { kind: 'pool_balance', year: Number(y[1]) } : { kind: 'pool_balance' };
  }

  if (/\b(mine|my)\s+(sager|cases)\b/.test(t)) return { kind: 'case_list', mine: true };
  const holder = regex([
    String.raw`\b(hvilke|which|what)\s+(sager|cases)\b.*?`,
    String.raw`\b(?:hos|med|with|held by|at|waiting (?:on|for))\s+(?<who>.+?)[\s?.!]*$`,
  ]).exec(t);
  if (holder?.groups?.who) return { kind: 'case_list', holder: holder.groups.who.trim() };

  // "Who decides" asked about a case: answered for the case's current step.
  const asksWho = /\b(hvem|who|whom|hvilke(t|n)?|which)\b/.test(t);
  if (caseId && !asksWho) return { kind: 'case_status', caseId };
  if (caseId && asksWho) return { kind: 'case_status', caseId, query: raw.trim() };

  const status = regex([
    String.raw`^(?:status(?: paa| on| for)?|hvordan gaar det med|hvordan staar det til med|hvor langt er|hvor er`,
    String.raw`|how is|hows|what is the status of|whats the status of|where (?:is|are)|how far is|how far along is`,
    String.raw`|status of)\s+(?<what>.+?)[\s?.!]*$`,
  ]).exec(t);
  const what = status?.groups?.what?.replace(/^(the|den|det|de)\s+/, '');
  if (what && !/\b(hvem|who)\b/.test(what) && !SENT_OR_DECIDED.test(what))
    return { kind: 'case_status', query: what.trim() };

  return { kind: 'who_decides' };
}
