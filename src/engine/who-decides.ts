// The who-decides engine: deterministic, offline, explainable. A trained classifier (a linear SVM
// over word and character n-grams, trained on labelled questions and on the model's own phrases)
// scores which statement of the governance model a question rests on; the period the question is
// about resolves that statement to its bodies, route, conditions and source. A fitted confidence
// decides between answering, offering the period that describes the matter, asking back between
// real alternatives, and refusing.
import { wordsPattern } from './normalize';
import type { GovernanceModel } from '../governance/load';
import type { Answer, AnswerChoice, AskOptions, Lang, OrgId } from '../assistant/answer';
import { decide, type Outcome, type Ranked } from './decide';
import type { TrainedEngine } from './model-file';
import { detectLang } from './question';
import { QuestionReader, type QuestionReading } from './reader';
import {
  describeAnswer,
  describeBody,
  describeReportsTo,
  choiceLabel,
  choiceQuery,
  clarifyText,
  notInPeriodText,
  noPeriodText,
  otherRegionText,
  outOfScopeText,
  bodyRef,
} from './render';
import { StatementCatalogue } from './statements';
import { trainedEngineFor } from './trained';

/** Longer questions are read up to here (a 10,000-character paste is still answered). */
export const MAX_QUESTION_CHARS = 2000;
/** How many recent answers are kept. */
const RECENT_ANSWERS = 2000;

/** Other Danish regions and countries the documents do not cover: a question about them is out of scope. */
const OTHER_REGIONS = wordsPattern(
  [
    'region (hovedstaden',
    'sjaelland',
    'syddanmark)',
    'hovedstaden',
    'syddanmark',
    'capital region',
    'region of southern denmark',
    'southern denmark',
    'region zealand',
    'zealand',
    'sjaelland',
    'fyn',
    'funen',
    'bornholm',
    'greenland',
    'groenland',
    'faeroe\w*',
    'sweden',
    'sverige',
    'norway',
    'norge',
    'germany',
    'tyskland',
  ],
  '',
);

export interface EngineOptions {
  org: OrgId;
  today: () => string;
}

export interface AskOptionsWithHint extends AskOptions {
  /** The language to answer in when the text does not tell (the Teams locale). */
  langHint?: Lang;
}

export class WhoDecidesEngine {
  private readonly catalogue: StatementCatalogue;
  private readonly reader: QuestionReader;
  readonly trained: TrainedEngine;

  constructor(
    private readonly model: GovernanceModel,
    private readonly defaults: EngineOptions,
    trained?: TrainedEngine,
  ) {
    this.catalogue = new StatementCatalogue(model.periods);
    this.reader = new QuestionReader(model, this.catalogue);
    this.trained = trained ?? trainedEngineFor(model);
  }

  ask(question: string, opts: AskOptionsWithHint = {}): Answer {
    // The engine is deterministic in (question, org, date, language): staff ask the same questions
    // again and again, so recent answers are kept (a copy is handed out, the cache stays intact).
    const key = [
      opts.org ?? '',
      opts.date ?? this.defaults.today(),
      opts.lang ?? '',
      opts.langHint ?? '',
      question,
    ].join('|');
    const hit = this.recent.get(key);
    if (hit) return structuredClone(hit);
    const answer = this.compute(question, opts);
    if (this.recent.size >= RECENT_ANSWERS) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(key, answer);
    return structuredClone(answer);
  }

  private readonly recent = new Map<string, Answer>();

  /** The answer computed afresh, without the cache of recent answers (what the benchmark measures). */
  compute(question: string, opts: AskOptionsWithHint = {}): Answer {
    const text = question.length > MAX_QUESTION_CHARS ? question.slice(0, MAX_QUESTION_CHARS) : question;
    const lang = opts.lang ?? detectLang(text, opts.langHint);
    const r = this.read(text, opts);
    const { org, date } = r.choice;
    const base = { intent: 'who_decides' as const, org, date, lang, sources: [], deciders: [] };
    if (OTHER_REGIONS.test(r.folded))
      return { ...base, status: 'out_of_scope', confidence: 0, text: otherRegionText(lang) };
    if (r.choice.periods.length === 0)
      return { ...base, status: 'out_of_scope', confidence: 0, text: noPeriodText(org, date, lang, this.model) };
    const outcome = decide(r.reading, this.trained.calibrator, this.trained.thresholds);
    return this.render(outcome, r, lang);
  }

  /** How the engine reads a question (period, scores), for explanations and tests. */
  read(question: string, opts: AskOptions = {}): QuestionReading {
    return this.reader.read(this.trained.classifier, question, opts, {
      org: opts.org ?? this.defaults.org,
      today: this.defaults.today(),
    });
  }

  private render(o: Outcome, r: QuestionReading, lang: Lang): Answer {
    const { org, date } = r.choice;
    const base = { intent: 'who_decides' as const, org, date, lang, sources: [], deciders: [] };
    const confidence = round(o.p);
    if (o.kind === 'answer') {
      const answerDate = o.best.period.validTo && o.best.period.validTo < date ? o.best.period.validTo : date;
      const ctx = { lang, org, date: answerDate, confidence, explanation: this.explain(o.best, r, o.p) };
      const s = o.best.statement;
      const answer =
        s.kind === 'role'
          ? describeAnswer({ period: o.best.period, matter: s.matter, role: s.role, bodies: s.bodies }, ctx)
          : s.kind === 'body'
            ? describeBody(o.best.period, s.body.id, ctx)
            : describeReportsTo(o.best.period, s.body.id, ctx);
      if (answer) return answer;
    }
    if (o.kind === 'other-period') {
      const asked = r.choice.periods[0]!;
      const there = o.best.period;
      const c = this.choice(o.best, lang);
      const choice: AnswerChoice = {
        ...c,
        label: `${there.title[lang]}: ${c.label}`,
        query: `${c.query.replace(/\?$/, '')} ${lang === 'da' ? 'i' : 'in'} ${there.validFrom.slice(0, 4)}?`,
      };
      return {
        ...base,
        status: 'clarify',
        confidence,
        choices: [choice],
        text: notInPeriodText(lang, asked.title[lang], choice),
      };
    }
    if (o.kind === 'clarify') {
      const choices = o.choices.map((c) => this.choice(c, lang));
      return { ...base, status: 'clarify', confidence, choices, text: clarifyText(lang, choices) };
    }
    return { ...base, status: 'out_of_scope', confidence, text: outOfScopeText(lang) };
  }

  private choice(c: Ranked, lang: Lang): AnswerChoice {
    const s = c.statement;
    if (s.kind === 'role') {
      const ra = { period: c.period, matter: s.matter, role: s.role, bodies: s.bodies };
      return { deciders: s.bodies, label: choiceLabel(ra, lang), query: choiceQuery(ra, lang) };
    }
    const name = bodyRef(c.period, s.body.id, lang).name;
    if (s.kind === 'body')
      return {
        deciders: s.bodies,
        label: `${lang === 'da' ? 'Sammensætning' : 'Composition'}: ${name}`,
        query: lang === 'da' ? `Hvem sidder i ${name}?` : `Who sits on ${name}?`,
      };
    const to = s.bodies.map((id) => bodyRef(c.period, id, lang).name).join(', ');
    return {
      deciders: s.bodies,
      label: `${name} → ${to}`,
      query: lang === 'da' ? `Hvem refererer ${name} til?` : `Who does ${name} report to?`,
    };
  }

  /** Which statement, in which period and why: the words that raised its score most. */
  private explain(best: Ranked, r: QuestionReading, p: number): string[] {
    const words = this.trained.classifier.contributingWords(r.vector, best.key).map((e) => e.feature);
    const ev = this.trained.classifier.evidence.of(r.folded, best.key);
    const via = {
      date: 'the date asked about',
      year: `the year ${r.choice.year}`,
      body: 'a body only this period has',
      today: 'today',
    }[r.choice.via];
    return [
      `statement: ${best.key} (${best.period.id}, chosen by ${via})`,
      `role: ${best.statement.kind === 'role' ? best.statement.role : best.statement.kind}`,
      `words: ${words.length > 0 ? words.join(', ') : '(character n-grams only)'}`,
      `evidence: ${ev.word ? `"${ev.word}" points at this topic (${ev.value.toFixed(2)})` : 'none'}`,
      `confidence: ${p.toFixed(2)} (fitted on held-out folds; answers from ${this.trained.thresholds.answer})`,
    ];
  }
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}
