// From the classifier's scores to an outcome: answer with the best statement of the period asked
// about, offer the period that has the matter, ask back between real alternatives, or refuse.
// The same function decides in the engine and in cross-validation, so the figures measured on
// held-out folds are the figures of this code.
import type { ResolvedPeriod } from '../governance/load';
import { probability, type Calibrator } from './calibrate';
import { REFUSE, sameSet, type Statement, type StatementCatalogue } from './statements';

export interface Thresholds {
  /** Answer when the fitted chance of being right reaches this. */
  answer: number;
  /** Below `answer` but from this, with rivals within `clarifyGap` of the best score, ask back. */
  clarify: number;
  clarifyGap: number;
}

export interface Ranked {
  key: string;
  score: number;
  statement: Statement;
  period: ResolvedPeriod;
}

export interface Reading {
  /** Statements of the asked period(s), best first; one entry per key (the latest period that has it). */
  inPeriod: Ranked[];
  /** The best statement of the organisation's other periods, if it scores above every statement of the asked period. */
  elsewhere?: Ranked;
  refuse: number;
  /** Share of the question's words never seen in training. */
  unseen: number;
  /** How strongly the question's words point at a statement's topic (evidence.ts), 0..1. */
  evidence: (key: string) => number;
}

/** Orders the classes' scores into the reading of one question. */
export function readScores(
  classes: string[],
  scores: Float64Array,
  asked: ResolvedPeriod[],
  others: ResolvedPeriod[],
  catalogue: StatementCatalogue,
  unseen: number,
  evidence: (key: string) => number,
): Reading {
  const inPeriod: Ranked[] = [];
  let refuse = -Infinity;
  let elsewhere: Ranked | undefined;
  classes.forEach((key, i) => {
    const score = scores[i]!;
    if (key === REFUSE || key.startsWith(`${REFUSE}:`)) {
      refuse = Math.max(refuse, score);
      return;
    }
    for (const period of asked) {
      const statement = catalogue.get(period, key);
      if (statement) {
        inPeriod.push({ key, score, statement, period });
        return;
      }
    }
    if (elsewhere && elsewhere.score >= score) return;
    // Nearest other period first: the latest one before, else the earliest after.
    for (const period of others) {
      const statement = catalogue.get(period, key);
      if (statement) {
        elsewhere = { key, score, statement, period };
        return;
      }
    }
  });
  inPeriod.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  const best = inPeriod[0]?.score ?? -Infinity;
  return { inPeriod, refuse, unseen, evidence, ...(elsewhere && elsewhere.score > best ? { elsewhere } : {}) };
}

/** The best-scoring statement of the list whose bodies differ from the first one's. */
function rivalOf(list: Ranked[]): Ranked | undefined {
  const top = list[0];
  return top ? list.find((r) => !sameSet(r.statement.bodies, top.statement.bodies)) : undefined;
}

/** What the calibrator reads: the best score, the refusal score and the margins to both, unseen words, evidence. */
export function calibratorInput(
  best: Ranked,
  rival: Ranked | undefined,
  r: Pick<Reading, 'refuse' | 'unseen' | 'evidence'>,
): number[] {
  const s1 = best.score;
  const s2 = rival?.score ?? s1 - 1.5;
  const ref = Number.isFinite(r.refuse) ? r.refuse : -1.5;
  return [s1, ref, s1 - ref, s1 - s2, r.unseen, Math.min(s1 - ref, s1 - s2), r.evidence(best.key)];
}

/**
 * An answer needs evidence of a governance matter: at least one specific word of the question that
 * points at the statement's topic (evidence.ts). A question made of generic words only ("aftale",
 * "hvem beslutter?") is asked back or refused, however well it scores.
 */
export function hasEvidence(r: Reading, key: string): boolean {
  return r.evidence(key) > 0;
}

export type Outcome =
  | { kind: 'answer'; best: Ranked; p: number }
  | { kind: 'other-period'; best: Ranked; p: number }
  | { kind: 'clarify'; choices: Ranked[]; p: number }
  | { kind: 'refuse'; p: number };

export function decide(r: Reading, cal: Calibrator, th: Thresholds): Outcome {
  const best = r.inPeriod[0];
  if (r.elsewhere && r.elsewhere.score > r.refuse) {
    // The matter is not described in the period asked about, but another period describes it.
    // Its rival is the best statement of the period asked about.
    const p = probability(cal, calibratorInput(r.elsewhere, best, r));
    if (p >= th.answer && hasEvidence(r, r.elsewhere.key)) return { kind: 'other-period', best: r.elsewhere, p };
  }
  if (!best) return { kind: 'refuse', p: 0 };
  const rival = rivalOf(r.inPeriod);
  const p = probability(cal, calibratorInput(best, rival, r));
  if (p >= th.answer && best.score > r.refuse && hasEvidence(r, best.key)) return { kind: 'answer', best, p };
  if (p >= th.clarify && rival && best.score - rival.score <= th.clarifyGap && rival.score > r.refuse) {
    const choices: Ranked[] = [];
    for (const c of r.inPeriod) {
      if (best.score - c.score > th.clarifyGap || choices.length >= 3) break;
      if (!choices.some((x) => sameSet(x.statement.bodies, c.statement.bodies))) choices.push(c);
    }
    if (choices.length >= 2) return { kind: 'clarify', choices, p };
  }
  return { kind: 'refuse', p };
}
