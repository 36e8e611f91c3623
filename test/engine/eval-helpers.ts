// Scoring of evaluation files as the contract defines it: right when `answered` with a decider set
// equal to one of the expected sets; for out-of-scope questions, right when not `answered`.
import { readFileSync } from 'node:fs';
import type { Answer } from '../../src/assistant/answer';

export interface EvalCase {
  id: string;
  q: string;
  org?: 'midt' | 'nord';
  date?: string;
  expect: string[][] | 'not_answered';
}

export function readEval(path: string): EvalCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EvalCase);
}

export function isRight(c: EvalCase, a: Answer): boolean {
  if (c.expect === 'not_answered') return a.status !== 'answered';
  return (
    a.status === 'answered' &&
    c.expect.some((e) => e.length === a.deciders.length && e.every((x) => a.deciders.includes(x)))
  );
}
