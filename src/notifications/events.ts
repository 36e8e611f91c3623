// The things that happen to a case that a cluster channel may want to hear about, and what
// each means for a cluster, in Danish and English. The cases service raises these inside the
// transaction of the case change (see outbox port); this module only describes them.
import { z } from 'zod';
import type { Lang, OrgId } from '../common/ids';
import { texts } from '../texts/catalogue';
import type { Cluster } from './clusters';

export const EVENT_KINDS = [
  'case_created',
  'commenting_opened',
  'decision',
  'ready_for_implementation',
  'deadline_approaching',
] as const;
export const EventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKind>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One event, as stored in the outbox payload; validated again when read back. */
export const NotificationEvent = z
  .object({
    /** Unique per event; with the channel it makes the idempotency key of a notification. */
    id: z.string().min(1).max(200),
    org: z.enum(['midt', 'nord']),
    kind: EventKind,
    caseId: z.string().min(1).max(40),
    caseTitle: z.string().min(1).max(300),
    /** Cluster ids concerned; empty means every cluster of the organisation (e.g. a joint agreement). */
    clusters: z.array(z.string()).default([]),
    occurredAt: z.string().min(1),
    deadline: isoDate.nullable().default(null),
    /** Body that decided (display name), for decisions. */
    decidedBy: z.string().max(200).nullable().default(null),
    /** Outcome of a decision in words, e.g. "godkendt"/"approved". */
    outcome: z
      .object({ da: z.string().max(300), en: z.string().max(300) })
      .nullable()
      .default(null),
    /** The date the clusters implement from, for agreements ready for implementation. */
    implementFrom: isoDate.nullable().default(null),
    /** The step the case is at after the change, in both languages. */
    step: z
      .object({ da: z.string().max(200), en: z.string().max(200) })
      .nullable()
      .default(null),
  })
  .strict();
export type NotificationEvent = z.infer<typeof NotificationEvent>;
export type NotificationEventInput = z.input<typeof NotificationEvent>;

export const KIND_LABEL: Record<EventKind, Record<Lang, string>> = {
  case_created: { da: 'Ny sag', en: 'New case' },
  commenting_opened: { da: 'Kommenteringsrunde åbnet', en: 'Commenting round opened' },
  decision: { da: 'Beslutning truffet', en: 'Decision made' },
  ready_for_implementation: { da: 'Klar til implementering', en: 'Ready for implementation' },
  deadline_approaching: { da: 'Frist nærmer sig', en: 'Deadline approaching' },
};

/** Words a user may type to choose event kinds ("kun beslutninger og frister"). Folded text. */
export const KIND_WORDS: Record<EventKind, RegExp> = {
  case_created: /\b(nye sager|ny sag|new cases?|oprettede?)\b/,
  commenting_opened: /\b(kommentering\w*|hoering\w*|commenting|comments?|consultations?)\b/,
  decision: /\b(beslutning\w*|afgoerelse\w*|decisions?|decided)\b/,
  ready_for_implementation: /\b(implementering\w*|implementation|implement|udmoentning)\b/,
  deadline_approaching: /\b(frist\w*|deadlines?)\b/,
};

export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return texts(lang).notifications.date(Number(d), mo!, y!);
}

function daysBetween(fromIso: string, toIso: string): number {
  const a = Date.parse(fromIso.slice(0, 10) + 'T00:00:00Z');
  const b = Date.parse(toIso.slice(0, 10) + 'T00:00:00Z');
  return Math.round((b - a) / 86_400_000);
}

/** "what it means for the cluster", one sentence, in the user's language. */
export function meaningFor(event: NotificationEvent, cluster: Cluster | undefined, lang: Lang): string {
  const t = texts(lang).notifications;
  const who = cluster ? cluster.name[lang] : t.theClusters;
  const deadline = event.deadline ? formatDate(event.deadline, lang) : null;
  switch (event.kind) {
    case 'case_created':
      return lang === 'da'
        ? `En ny sag, der vedrører ${who}. Klyngen kan blive bedt om at bidrage eller udarbejde.`
        : `A new case that concerns ${who}. The cluster may be asked to contribute or to draft.`;
    case 'commenting_opened':
      return lang === 'da'
        ? `${who} kan kommentere udkastet${deadline ? ` senest ${deadline}` : ''}.`
        : `${who} may comment on the draft${deadline ? ` by ${deadline}` : ''}.`;
    case 'decision': {
      const by = event.decidedBy ?? t.responsibleBody;
      const outcome = event.outcome?.[lang];
      return lang === 'da'
        ? `${by} har truffet beslutning${outcome ? `: ${outcome}` : ''}. Se hvad det betyder for ${who} i sagen.`
        : `${by} has decided${outcome ? `: ${outcome}` : ''}. See what it means for ${who} in the case.`;
    }
    case 'ready_for_implementation': {
      const from = event.implementFrom ? formatDate(event.implementFrom, lang) : null;
      return lang === 'da'
        ? `Godkendt af byrådene og regionsrådet: klyngerne implementerer${from ? ` fra ${from}` : ''}.`
        : `Approved by the municipal councils and the regional council: the clusters ` +
            `implement${from ? ` from ${from}` : ''}.`;
    }
    case 'deadline_approaching': {
      const left = event.deadline ? daysBetween(event.occurredAt, event.deadline) : null;
      const inDays = left === null ? '' : t.inDays(left);
      return lang === 'da'
        ? `Fristen${deadline ? ` ${deadline}` : ''} nærmer sig${inDays}. Husk ${who}s bidrag.`
        : `The deadline${deadline ? ` ${deadline}` : ''} is approaching${inDays}. Remember ${who}'s contribution.`;
    }
  }
}

/** Whether an event concerns a given cluster of the organisation. */
export function concernsCluster(event: NotificationEvent, org: OrgId, clusterId: string): boolean {
  return event.org === org && (event.clusters.length === 0 || event.clusters.includes(clusterId));
}
