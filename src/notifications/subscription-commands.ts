// What a channel asks for in "abonnér på klynge Horsens (kun beslutninger og frister) (ugentligt)"
// / "subscribe to cluster Vest weekly digest", and the replies, in Danish and English.
import { texts } from '../texts/catalogue';
import type { Lang, OrgId } from '../assistant/answer';
import { foldText } from '../engine/normalize';
import { clustersOf, findCluster, type Cluster, type ClusterConfig } from './clusters';
import { EVENT_KINDS, KIND_LABEL, KIND_WORDS, type EventKind } from './events';
import type { DeliveryMode, FailedNotification, Subscription } from './ports';

export type SubscribeRequest =
  | { kind: 'ok'; clusters: Cluster[]; kinds: EventKind[]; mode: DeliveryMode }
  | { kind: 'no_cluster'; known: Cluster[] }
  | { kind: 'unknown_cluster'; text: string; known: Cluster[] };

const DIGEST = /\b(ugentlig\w*|weekly|digest|ugeoversigt|oversigt|summary|en gang om ugen|once a week)\b/;
const ALL = /\b(alle|all|every|hver)\b/;
// 'r', 'rne': what intent detection leaves of "klynger"/"klyngerne" after taking "klynge".
const NOISE = new Set([
  'r',
  'rne',
  'og',
  'and',
  'kun',
  'only',
  'om',
  'about',
  'for',
  'med',
  'with',
  'paa',
  'on',
  'to',
  'som',
  'as',
  'a',
  'en',
  'et',
  'i',
  'in',
  'klynge',
  'klyngen',
  'klynger',
  'klyngerne',
  'cluster',
  'clusters',
  'the',
]);

/** Reads the cluster(s), the event kinds and the delivery mode from the rest of the command. */
export function parseSubscribe(config: ClusterConfig, org: OrgId, text: string): SubscribeRequest {
  const t = foldText(text);
  const known = clustersOf(config, org);
  const kinds = EVENT_KINDS.filter((k) => KIND_WORDS[k].test(t));
  const mode: DeliveryMode = DIGEST.test(t) ? 'digest' : 'immediate';
  let rest = t;
  for (const k of EVENT_KINDS) rest = rest.replace(new RegExp(KIND_WORDS[k].source, 'g'), ' ');
  rest = rest.replace(new RegExp(DIGEST.source, 'g'), ' ');
  const words = rest.split(/\s+/).filter((w) => w && !NOISE.has(w));
  const chosen = { kinds: kinds.length > 0 ? kinds : [...EVENT_KINDS], mode };
  if (ALL.test(t) && words.every((w) => ALL.test(w))) return { kind: 'ok', clusters: known, ...chosen };
  if (words.length === 0) return { kind: 'no_cluster', known };
  const found = new Map<string, Cluster>();
  // Names can be one word ("Vest", "Ringkøbing-Skjern") or two ("Hospitalsenhed Midt").
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? findCluster(config, org, `${words[i]} ${words[i + 1]}`) : null;
    if (two?.kind === 'found') {
      found.set(two.cluster.id, two.cluster);
      i++;
      continue;
    }
    const one = findCluster(config, org, words[i]!);
    if (one.kind === 'found') found.set(one.cluster.id, one.cluster);
    else if (!ALL.test(words[i]!)) return { kind: 'unknown_cluster', text: words[i]!, known };
  }
  return found.size > 0 ? { kind: 'ok', clusters: [...found.values()], ...chosen } : { kind: 'no_cluster', known };
}

function list(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${texts(lang).and} ${items[items.length - 1]}`;
}

function kindsText(kinds: EventKind[], lang: Lang): string {
  if (kinds.length === EVENT_KINDS.length) return texts(lang).subscriptions.allEvents;
  return list(
    kinds.map((k) => KIND_LABEL[k][lang].toLowerCase()),
    lang,
  );
}

function modeText(mode: DeliveryMode, lang: Lang): string {
  return texts(lang).subscriptions.mode[mode];
}

export function knownClustersText(known: Cluster[], lang: Lang): string {
  return list(
    known.map((c) => `**${c.name[lang]}** (${c.municipalities.join(', ')})`),
    lang,
  );
}

export function subscribedText(clusters: Cluster[], kinds: EventKind[], mode: DeliveryMode, lang: Lang): string {
  const names = list(
    clusters.map((c) => c.name[lang]),
    lang,
  );
  return texts(lang).subscriptions.subscribed(
    names,
    kindsText(kinds, lang),
    modeText(mode, lang),
    clusters[0]?.id ?? '',
  );
}

export function subscribeHelpText(r: Exclude<SubscribeRequest, { kind: 'ok' }>, lang: Lang): string {
  const t = texts(lang).subscriptions;
  const clusters = knownClustersText(r.known, lang);
  return r.kind === 'unknown_cluster' ? t.unknownCluster(r.text, clusters) : t.whichCluster(clusters);
}

export function subscriptionsText(subs: Subscription[], config: ClusterConfig, lang: Lang): string {
  const t = texts(lang).subscriptions;
  if (subs.length === 0) return t.none;
  const lines = subs.map((s) => {
    const name = clustersOf(config, s.org).find((c) => c.id === s.clusterId)?.name[lang] ?? s.clusterId;
    const state = s.active ? '' : t.stopped(s.deactivatedReason ?? '');
    return `- ${name}: ${kindsText(s.kinds, lang)}, ${modeText(s.mode, lang)}${state}`;
  });
  return `${t.heading}\n${lines.join('\n')}`;
}

export function failedText(failed: FailedNotification[], lang: Lang): string {
  const t = texts(lang).subscriptions;
  if (failed.length === 0) return t.noFailed;
  const lines = failed.map((f) => {
    const what = f.kind === 'digest' ? t.digest : `${KIND_LABEL[f.kind][lang]} ${f.caseId ?? ''}`;
    const state = f.status === 'deactivated' ? t.channelRemoved : t.attempts(f.attempts);
    return `- #${f.id} ${what} → ${f.conversationId} (${state}): ${f.lastError ?? ''}`;
  });
  return [t.failedHeading(failed.length), ...lines].join('\n');
}
