// The data the notification and digest cards (cards/notification.json,
// cards/notification-digest.json) are expanded with. Kept here, away from botbuilder, so the
// wording is tested without a bot; src/teams renders it.
import type { Lang } from '../common/ids';
import { texts } from '../texts/catalogue';
import type { Cluster } from './clusters';
import { formatDate, KIND_LABEL, meaningFor, type NotificationEvent } from './events';

export interface NotificationCardData {
  /** The idempotency key: the card's container id, so a recipient (or a test) can tell copies apart. */
  ref: string;
  headline: string;
  caseId: string;
  caseTitle: string;
  meaning: string;
  facts: Array<{ title: string; value: string }>;
  deadlineLabel: string;
  deadline: string;
  deadlineColor: 'Default' | 'Warning' | 'Attention';
  statusButton: string;
}

function deadlineColor(deadline: string | null, today: string): NotificationCardData['deadlineColor'] {
  if (!deadline) return 'Default';
  if (deadline < today) return 'Attention';
  const days = (Date.parse(deadline) - Date.parse(today)) / 86_400_000;
  return days <= 7 ? 'Warning' : 'Default';
}

export function notificationCardData(
  event: NotificationEvent,
  cluster: Cluster | undefined,
  lang: Lang,
  ref: string,
  today: string,
): NotificationCardData {
  const w = texts(lang).notifications.words;
  const facts: NotificationCardData['facts'] = [];
  if (cluster) facts.push({ title: w.cluster, value: cluster.name[lang] });
  if (event.step) facts.push({ title: w.step, value: event.step[lang] });
  const overdue = event.deadline !== null && event.deadline < today;
  return {
    ref,
    headline: KIND_LABEL[event.kind][lang] + (cluster ? ` · ${cluster.name[lang]}` : ''),
    caseId: event.caseId,
    caseTitle: event.caseTitle,
    meaning: meaningFor(event, cluster, lang),
    facts,
    deadlineLabel: w.deadline,
    deadline: event.deadline ? formatDate(event.deadline, lang) + (overdue ? ` (${w.overdue})` : '') : '',
    deadlineColor: deadlineColor(event.deadline, today),
    statusButton: w.status,
  };
}

export interface DigestCardData {
  ref: string;
  heading: string;
  period: string;
  emptyText: string;
  items: Array<{ kindLabel: string; caseId: string; caseTitle: string; meaning: string }>;
  more: string;
}

/** Cards have a size limit; a digest shows the newest items and says how many it left out. */
export const DIGEST_MAX_ITEMS = 15;

export function digestCardData(
  events: readonly NotificationEvent[],
  cluster: Cluster | undefined,
  lang: Lang,
  ref: string,
  from: string,
  to: string,
): DigestCardData {
  const t = texts(lang).notifications;
  const who = cluster ? cluster.name[lang] : t.theClusters;
  const newest = [...events].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1));
  const shown = newest.slice(0, DIGEST_MAX_ITEMS);
  const left = newest.length - shown.length;
  return {
    ref,
    heading: t.digestHeading(who),
    period: `${formatDate(from, lang)} – ${formatDate(to, lang)}`,
    emptyText: t.digestEmpty,
    items: shown.map((e) => ({
      kindLabel: KIND_LABEL[e.kind][lang],
      caseId: e.caseId,
      caseTitle: e.caseTitle,
      meaning: meaningFor(e, cluster, lang),
    })),
    more: left > 0 ? t.more(left) : '',
  };
}
