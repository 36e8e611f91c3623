// The who-decides engine: deterministic, offline, explainable. A question is analysed (folding,
// typo and compound repair, body aliases, stems, synonyms), scored against every matter of the period
// in force (BM25 + phrase bonus), and the role it asks about picks the bodies from the matter's route.
// It answers only above a calibrated confidence; close calls become a question back; the rest is out
// of scope.
import type { GovernanceModel, ResolvedPeriod } from '../governance/load';
import type { Matter, Role } from '../governance/schema';
import type { Answer, AnswerChoice, AskOptions, Lang, OrgId } from '../assistant/answer';
import { analyze } from './analyzer';
import { buildIndex, idf, scoreAll, type ModelIndex, type PeriodIndex, type Scored } from './index';
import { foldText } from './normalize';
import { cueWords, detectLang, detectOrg, detectRole, detectYear } from './question';
import { describeAnswer, outOfScopeText, noPeriodText, clarifyText, choiceLabel, choiceQuery } from './render';

/** Calibrated on the dev questions plus paraphrases (see test/engine); see README for the method. */
export const THRESHOLDS = {
  /** Share of the question's topic weight the best matter must cover to be answered. */
  answerCoverage: 0.5,
  answerConfidence: 0.6,
  /** Below this coverage the question is out of scope (unless clearly about the organisation). */
  clarifyCoverage: 0.3,
  /** A rival with other deciders scoring within this ratio of the best makes the answer a clarify. */
  rivalRatio: 0.88,
};

/** Weight given to a question word the model does not know: as rare as the rarest known word. */
const UNKNOWN_WEIGHT = 2.2;

export interface Candidate {
  period: ResolvedPeriod;
  matter: Matter;
  role: Role;
  deciders: string[];
  score: number;
  coverage: number;
  roleFit: number;
  matched: string[];
}

export interface Evaluation {
  lang: Lang;
  org: OrgId;
  date: string;
  period?: ResolvedPeriod;
  askedRole?: Role;
  candidates: Candidate[];
  unknown: string[];
  repairs: string[];
  topicWeight: number;
}

export class WhoDecidesEngine {
  private readonly index: ModelIndex;

  constructor(
    private readonly model: GovernanceModel,
    private readonly defaults: { org: OrgId; today: () => string },
  ) {
    this.index = buildIndex(model);
  }

  ask(question: string, opts: AskOptions = {}): Answer {
    const ev = this.evaluate(question, opts);
    return this.decide(ev);
  }

  /** Answers for one matter directly (a clicked "Mener du ...?" choice), with the role asked. */
  answerMatter(matterId: string, role: Role | undefined, opts: AskOptions & { lang: Lang }): Answer | undefined {
    const org = opts.org ?? this.defaults.org;
    const date = opts.date ?? this.defaults.today();
    const period = this.model.periodAt(org, date) ?? this.model.periodsOf(org).at(-1);
    const matter = period?.matters.get(matterId);
    if (!period || !matter) return undefined;
    const r = role && matter.roles[role] ? role : matter.primary;
    const cand: Candidate = { period, matter, role: r, deciders: matter.roles[r]!.bodies, score: 1, coverage: 1, roleFit: 1, matched: [] };
    return describeAnswer(cand, { lang: opts.lang, org, date, confidence: 1, explanation: ['chosen by the user'] });
  }

  evaluate(question: string, opts: AskOptions): Evaluation {
    const text = question.length > 2000 ? question.slice(0, 2000) : question;
    const folded = foldText(text);
    const lang = opts.lang ?? detectLang(text);
    const org = detectOrg(folded) ?? opts.org ?? this.defaults.org;
    const year = detectYear(folded);
    const today = this.defaults.today();
    let date = opts.date ?? today;
    let periods: ResolvedPeriod[];
    if (year !== undefined && !opts.date) {
      periods = this.model.periodsInYear(org, year);
      date = year === Number(today.slice(0, 4)) ? today : `${year}-12-31`;
    } else {
      const p = this.model.periodAt(org, date);
      periods = p ? [p] : [];
    }
    const cue = detectRole(folded);
    const cueSet = cueWords(folded);
    // The cue words ("beslutter", "approves") say which role; they are not part of the topic.
    const topicText = folded
      .split(' ')
      .filter((w) => !cueSet.has(w) && !(year !== undefined && w === String(year)))
      .join(' ');

    const candidates: Candidate[] = [];
    let unknown: string[] = [];
    let repairs: string[] = [];
    let topicWeight = 0;
    let usedPeriod: ResolvedPeriod | undefined = periods[0];
    let bestScore = -1;
    for (const period of periods) {
      const pidx = this.index.periods.get(period.id)!;
      const a = analyze(topicText, this.index.vocab, pidx.aliases, true);
      const weight = a.tokens.reduce((s, t) => s + idf(pidx, t), 0) + a.unknown.length * UNKNOWN_WEIGHT;
      const scored = scoreAll(pidx, a.tokens);
      const cands = scored.slice(0, 8).map((s) => toCandidate(pidx, s, cue?.role, weight));
      const top = cands[0]?.score ?? 0;
      // Several periods in one year: the later one wins unless an earlier one matches clearly better.
      if (top > bestScore * 1.15 || bestScore < 0) {
        bestScore = top;
        usedPeriod = period;
        candidates.splice(0, candidates.length, ...cands);
        unknown = a.unknown;
        repairs = a.repairs;
        topicWeight = weight;
      }
    }
    if (usedPeriod && year !== undefined && !opts.date) {
      // Report the date the answer stands on: the end of the year or of the period, whichever is first.
      if (usedPeriod.validTo && usedPeriod.validTo < date) date = usedPeriod.validTo;
    }
    return { lang, org, date, period: usedPeriod, askedRole: cue?.role, candidates, unknown, repairs, topicWeight };
  }

  private decide(ev: Evaluation): Answer {
    const base = { intent: 'who_decides' as const, org: ev.org, date: ev.date, lang: ev.lang, sources: [], deciders: [] };
    if (!ev.period) return { ...base, status: 'out_of_scope', confidence: 0, text: noPeriodText(ev.org, ev.date, ev.lang, this.model) };

    const [best, ...rest] = ev.candidates;
    if (!best || best.coverage < THRESHOLDS.clarifyCoverage) {
      return { ...base, status: 'out_of_scope', confidence: round(best ? best.coverage * 0.5 : 0), text: outOfScopeText(ev.lang) };
    }
    const same = (c: Candidate) => sameSet(c.deciders, best.deciders);
    const rival = rest.find((c) => !same(c));
    const ratio = rival ? rival.score / best.score : 0;
    const confidence = round(
      Math.min(1, 0.25 + 0.5 * best.coverage + 0.35 * (1 - ratio)) * (0.7 + 0.3 * best.roleFit) - (ev.unknown.length > 0 ? 0.05 * ev.unknown.length : 0),
    );

    const answered = best.coverage >= THRESHOLDS.answerCoverage && confidence >= THRESHOLDS.answerConfidence && ratio < THRESHOLDS.rivalRatio;
    if (answered) {
      const explanation = [
        `matter: ${best.matter.id} (${ev.period.id})`,
        `role: ${best.role}${ev.askedRole && ev.askedRole !== best.role ? ` (asked: ${ev.askedRole})` : ''}`,
        `matched: ${best.matched.join(', ')}`,
        ...(ev.repairs.length ? [`spelling: ${ev.repairs.join('; ')}`] : []),
      ];
      return describeAnswer(best, { lang: ev.lang, org: ev.org, date: ev.date, confidence: Math.max(confidence, 0), explanation });
    }

    // Close to several rules: offer the distinct answers (two or three) as choices.
    const choices: AnswerChoice[] = [];
    const seen: string[][] = [];
    for (const c of ev.candidates) {
      if (c.score < best.score * 0.6 || choices.length >= 3) break;
      if (seen.some((s) => sameSet(s, c.deciders) )) continue;
      seen.push(c.deciders);
      choices.push({ deciders: c.deciders, label: choiceLabel(c, ev.lang), query: choiceQuery(c, ev.lang), matter: c.matter.id, role: c.role });
    }
    if (choices.length === 1 && best.coverage >= THRESHOLDS.clarifyCoverage) {
      // One plausible rule but a weak match: ask whether that is what was meant.
      return { ...base, status: 'clarify', confidence: round(confidence), choices, text: clarifyText(ev.lang, choices) };
    }
    return { ...base, status: 'clarify', confidence: round(Math.min(confidence, THRESHOLDS.answerConfidence - 0.01)), choices, text: clarifyText(ev.lang, choices) };
  }
}

function toCandidate(pidx: PeriodIndex, s: Scored, asked: Role | undefined, topicWeight: number): Candidate {
  const m = s.doc.matter;
  let role: Role = m.primary;
  let roleFit = 1;
  if (asked) {
    if (m.roles[asked]) role = asked;
    else if (asked === 'responsible') {
      // "Who handles X" is generic: the matter's primary role answers it.
      roleFit = 0.9;
    } else if (asked === 'decides') {
      // "Who decides about the maternity plan?": the responsible body, if the matter has no decider.
      role = m.roles.responsible ? 'responsible' : m.primary;
      roleFit = m.primary === 'responsible' ? 0.85 : 0.7;
    } else {
      roleFit = 0.55;
    }
  }
  const coverage = topicWeight > 0 ? Math.min(1, s.matchedWeight / topicWeight) : 0;
  return {
    period: pidx.period,
    matter: m,
    role,
    deciders: m.roles[role]!.bodies,
    score: s.score * roleFit,
    coverage,
    roleFit,
    matched: s.matched,
  };
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}
