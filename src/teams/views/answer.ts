// How an Answer of the ask contract looks in Teams: an answer card, a "Mener du ...?" card with
// buttons, or the out-of-scope card. The views only reshape; all wording about the matter comes
// from the engine, the fixed phrases from strings.ts.
import { MessageFactory, type Activity, type Attachment } from 'botbuilder';
import type { Answer, BodyRef, Lang, WhoDecidesDetail } from '../../assistant/answer';
import { labels, renderCard } from '../cards';
import { EXAMPLES, strings } from '../strings';

/** Below this the answer card says plainly that the bot is unsure. */
export const LOW_CONFIDENCE = 0.7;

export function answerActivity(answer: Answer): Partial<Activity> {
  const card = answerCard(answer);
  return card ? MessageFactory.attachment(card) : MessageFactory.text(answer.text);
}

/** The card for an answer, or null when plain text says it best (e.g. a case that does not exist). */
export function answerCard(answer: Answer): Attachment | null {
  switch (answer.status) {
    case 'answered':
      return answer.detail ? renderCard('who-decides-answer', answerCardData(answer, answer.detail)) : null;
    case 'clarify':
      return answer.choices && answer.choices.length > 0 ? renderCard('clarify', clarifyCardData(answer)) : null;
    case 'out_of_scope':
      return renderCard('out-of-scope', outOfScopeCardData(answer.text, answer.lang));
    case 'not_found':
      return null;
  }
}

export function answerCardData(answer: Answer, d: WhoDecidesDetail) {
  const s = strings(answer.lang);
  const validity = d.period.validTo
    ? `${d.period.validFrom} – ${d.period.validTo}`
    : `${s.validFrom} ${d.period.validFrom}`;
  return {
    labels: labels(answer.lang),
    heading: d.matterTitle,
    roleLabel: d.roleLabel,
    decidersText: joinNames(
      d.bodies.map((b) => b.name),
      answer.lang,
    ),
    meetings: d.bodies
      .filter((b): b is BodyRef & { meets: string } => Boolean(b.meets))
      .map((b) => ({ name: b.name, meets: b.meets })),
    route: d.route.map((r) => ({
      label: r.label,
      names:
        joinNames(
          r.bodies.map((b) => b.name),
          answer.lang,
        ) + (r.note ? ` (${r.note})` : ''),
    })),
    conditions: d.conditions,
    notes: d.notes,
    sources: answer.sources.map((src) => ({
      title: src.title,
      date: src.date,
      section: src.section,
      quote: src.quote ?? '',
    })),
    lowConfidence: answer.confidence < LOW_CONFIDENCE,
    confidence: `${Math.round(answer.confidence * 100)} %`,
    scope: `${s.orgs[answer.org]} · ${d.period.title} (${validity}) · ${answer.date}`,
  };
}

export function clarifyCardData(answer: Answer) {
  return {
    labels: labels(answer.lang),
    org: answer.org,
    date: answer.date,
    choices: (answer.choices ?? []).slice(0, 3).map((c) => ({ label: c.label, query: c.query })),
  };
}

export function outOfScopeCardData(text: string, lang: Lang) {
  return { labels: labels(lang), text, scope: strings(lang).scope, examples: EXAMPLES[lang].slice(0, 2) };
}

function joinNames(names: string[], lang: Lang): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${strings(lang).and} ${names[names.length - 1]}`;
}
