// npm run bench:ask — how fast the who-decides engine answers, on one core (this process, one thread).
// The headline figures are computed answers (engine.compute, no cache of recent answers).
// Questions: every labelled question of the project (data/questions and test/engine), each also
// with a typo and in lower-case ASCII. Start-up is the engine's construction from a loaded
// governance model: reading the trained model file and checking it is up to date (run
// `npm run engine:train` first, or the first start trains). Prints figures; the last line is one JSON object.
import { statSync } from 'node:fs';
import { loadGovernanceModel } from '../../src/governance/load';
import { WhoDecidesEngine } from '../../src/engine/who-decides';
import { foldText } from '../../src/engine/normalize';
import { readTrainingFiles } from '../../src/engine/dataset';
import { MODEL_FILE } from '../../src/engine/model-file';

const base: Array<{ q: string; org?: 'midt' | 'nord' }> = readTrainingFiles().map((q) => ({
  q: q.q,
  ...(q.org ? { org: q.org } : {}),
}));
const typo = (q: string) => q.replace(/([a-zæøå])([a-zæøå])([a-zæøå]{3,})/i, '$2$1$3');
const questions = base.flatMap((c) => [c, { ...c, q: typo(c.q) }, { ...c, q: foldText(c.q) }]);

const model = loadGovernanceModel();
const t0 = process.hrtime.bigint();
const engine = new WhoDecidesEngine(model, { org: 'midt', today: () => new Date().toISOString().slice(0, 10) });
const startupMs = Number(process.hrtime.bigint() - t0) / 1e6;
const modelFileMb = Math.round(statSync(MODEL_FILE).size / 1e5) / 10;

// First sight of every question (cold spelling caches, code not yet optimised by the JIT).
const cold: number[] = [];
for (const c of questions) {
  const s = process.hrtime.bigint();
  engine.compute(c.q, c.org ? { org: c.org } : {});
  cold.push(Number(process.hrtime.bigint() - s) / 1e6);
}
cold.sort((a, b) => a - b);
const coldP99 = cold[Math.floor(0.99 * cold.length)]!;
for (let i = 0; i < 3; i++) for (const c of questions) engine.compute(c.q, c.org ? { org: c.org } : {});

const rounds = 3;
const times: number[] = [];
const wall0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const c of questions) {
    const s = process.hrtime.bigint();
    engine.compute(c.q, c.org ? { org: c.org } : {});
    times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
}
const wallMs = Number(process.hrtime.bigint() - wall0) / 1e6;
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
const result = {
  questions: times.length,
  distinct_questions: questions.length,
  startup_ms: Math.round(startupMs),
  questions_per_s: Math.round((times.length / wallMs) * 1000),
  p50_ms: Number(pct(0.5).toFixed(3)),
  p99_ms: Number(pct(0.99).toFixed(3)),
  max_ms: Number(times.at(-1)!.toFixed(3)),
};
console.log(
  `engine start-up (reading the trained model file, ${modelFileMb} MB, and checking it is up to ` +
    `date): ${result.startup_ms} ms`,
);
console.log(
  `${result.questions} answers (${result.distinct_questions} distinct questions x ${rounds}) in ` +
    `${wallMs.toFixed(0)} ms on one thread`,
);
console.log(
  `throughput ${result.questions_per_s} questions/s; p50 ${result.p50_ms} ms; p99 ${result.p99_ms} ` +
    `ms (target < 2 ms); max ${result.max_ms} ms`,
);
// The same questions through ask(), which keeps recent answers (repeated questions are common).
const cached: number[] = [];
for (const c of questions) engine.ask(c.q, c.org ? { org: c.org } : {});
for (const c of questions) {
  const s = process.hrtime.bigint();
  engine.ask(c.q, c.org ? { org: c.org } : {});
  cached.push(Number(process.hrtime.bigint() - s) / 1e6);
}
cached.sort((a, b) => a - b);
console.log(
  `repeated questions through ask() (recent-answer cache): p99 ` +
    `${cached[Math.floor(0.99 * cached.length)]!.toFixed(3)} ms`,
);
console.log(`first sight of each question (cold caches, before JIT warm-up): p99 ${coldP99.toFixed(3)} ms`);
console.log(
  JSON.stringify({
    model_file_mb: modelFileMb,
    questions_per_s: result.questions_per_s,
    p50_ms: result.p50_ms,
    p99_ms: result.p99_ms,
    max_ms: result.max_ms,
    cold_p99_ms: Number(coldP99.toFixed(3)),
    startup_ms: result.startup_ms,
  }),
);
