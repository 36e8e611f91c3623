// `npm run bench:approvals`: Action.Execute invoke latency through the HTTP endpoint (real restify
// + CloudAdapter + TeamsBot, store on PGlite and on PostgreSQL, card updates PUT to the Bot
// Connector stand-in in the background), then the race runs (100 concurrent invokes at one round:
// PGlite, PostgreSQL, and two bot processes on one PostgreSQL). Last line: one JSON object.
// Env: BENCH_ROUNDS (approval rounds timed per database, default 60), BENCH_RACE_RUNS (per setup, default 3).
import { performance } from 'node:perf_hooks';
import { composeForTest, newClock, PEOPLE, seedPeople, seedPoolCase } from '../approvals/helpers/world';
import { lastCardsFrom, runRace } from '../approvals/helpers/race';
import { spawnSecondBot } from '../approvals/helpers/spawn-bot';
import { execute } from '../fixtures/activities';
import { answeredSample, recordingAssistant } from '../fixtures/answers';
import { startBotHarness } from '../fixtures/bot-harness';
import { createTestDatabase, type TestDatabase } from '../store/helpers/databases';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const RACE_RUNS = Number(process.env.BENCH_RACE_RUNS ?? 3);
const WARMUP_ROUNDS = 3;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

async function latency(db: TestDatabase): Promise<{ samples: number[]; problems: number }> {
  const approvals = composeForTest(db.store, newClock());
  const harness = await startBotHarness({
    assistant: recordingAssistant(() => answeredSample()),
    handlers: approvals.handlers,
  });
  harness.standin.record = false;
  await seedPeople(db.store, harness.standin.url);
  const samples: number[] = [];
  let problems = 0;
  const post = async (
    who: (typeof PEOPLE)[keyof typeof PEOPLE],
    verb: string,
    data: Record<string, unknown>,
    expect: RegExp,
    timed: boolean,
  ) => {
    const body = JSON.stringify(execute({ serviceUrl: harness.standin.url, user: who, verb, data }));
    const t0 = performance.now();
    const res = await fetch(`${harness.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (timed) samples.push(ms);
    if (res.status !== 200 || !expect.test(text)) problems++;
  };
  try {
    for (let i = 0; i < ROUNDS + WARMUP_ROUNDS; i++) {
      const c = await seedPoolCase(db.store, 10_000, `Benchmark ${i}: udgift fra beredskabspuljen`);
      const a = (await approvals.service.openIfDue(c, {
        aadObjectId: PEOPLE.sara.aadObjectId,
        name: PEOPLE.sara.name,
      }))!;
      const data = { approvalId: a.id, caseId: a.caseId, stepId: a.stepId, version: a.version };
      const timed = i >= WARMUP_ROUNDS;
      await post(PEOPLE.ole, 'approval.refresh', data, /Kun beslutningstagerne/, timed);
      await post(PEOPLE.anne, 'approval.refresh', data, /approval\.approve/, timed);
      await post(PEOPLE.anne, 'approval.approve', data, /registreret: Godkendt/, timed);
      await post(PEOPLE.anne, 'approval.approve', data, /allerede registreret/, timed);
      await post(PEOPLE.ole, 'approval.approve', data, /ikke blandt dem/, timed);
      await post(PEOPLE.bo, 'approval.reject', data, /Skriv en kommentar/, timed);
      await post(PEOPLE.bo, 'approval.approve', { ...data, comment: 'Enig' }, /Godkendt · /, timed);
      // Pool expenses add up; keep the year's pool from running dry over many rounds.
      if (i % 40 === 39) await db.store.db.updateTable('cases').set({ pool_approved_at: null }).execute();
    }
    await approvals.service.idle();
  } finally {
    await harness.close();
  }
  return { samples, problems };
}

async function races(
  db: TestDatabase,
  twoProcesses: boolean,
  seedBase: number,
): Promise<{ runs: number; violations: string[]; ms: number[] }> {
  const approvals = composeForTest(db.store, newClock());
  const harness = await startBotHarness({
    assistant: recordingAssistant(() => answeredSample()),
    handlers: approvals.handlers,
  });
  await seedPeople(db.store, harness.standin.url);
  const second = twoProcesses ? await spawnSecondBot(db.location) : null;
  const violations: string[] = [];
  const ms: number[] = [];
  try {
    for (let run = 1; run <= RACE_RUNS; run++) {
      harness.standin.reset();
      const r = await runRace({
        store: db.store,
        endpoints: second ? [harness.server.url, second.url] : [harness.server.url],
        serviceUrl: harness.standin.url,
        services: [approvals.service],
        open: approvals.service,
        seed: seedBase + run,
        lastCards: () => lastCardsFrom(harness.standin.calls),
      });
      violations.push(...r.violations.map((v) => `${db.kind}${second ? ' x2' : ''} run ${run}: ${v}`));
      ms.push(r.ms);
    }
  } finally {
    await second?.stop();
    await approvals.service.idle();
    await harness.close();
  }
  return { runs: RACE_RUNS, violations, ms };
}

async function main(): Promise<void> {
  const result: Record<string, number | string> = {};
  const all: number[] = [];
  let problems = 0;
  for (const kind of ['pglite', 'postgres'] as const) {
    const db = await createTestDatabase(kind);
    try {
      const l = await latency(db);
      const sorted = [...l.samples].sort((a, b) => a - b);
      all.push(...l.samples);
      problems += l.problems;
      console.log(
        `invoke latency [${kind}]: n=${sorted.length} p50=${round1(percentile(sorted, 50))} ms ` +
          `p90=${round1(percentile(sorted, 90))} ms p99=${round1(percentile(sorted, 99))} ms ` +
          `max=${round1(sorted.at(-1)!)} ms unexpected=${l.problems}`,
      );
      result[`invoke_p50_ms_${kind}`] = round1(percentile(sorted, 50));
      result[`invoke_p99_ms_${kind}`] = round1(percentile(sorted, 99));
    } finally {
      await db.drop();
    }
  }
  const sortedAll = [...all].sort((a, b) => a - b);

  let raceRuns = 0;
  const raceViolations: string[] = [];
  const raceMs: number[] = [];
  for (const [kind, two] of [
    ['pglite', false],
    ['postgres', false],
    ['postgres', true],
  ] as const) {
    const db = await createTestDatabase(kind);
    try {
      const r = await races(db, two, raceRuns * 1000 + 17);
      raceRuns += r.runs;
      raceViolations.push(...r.violations);
      raceMs.push(...r.ms);
      console.log(
        `race [${kind}${two ? ', two bot processes' : ''}]: runs=${r.runs} violations=${r.violations.length} ` +
          `wall=${r.ms.map((m) => Math.round(m)).join('/')} ms`,
      );
    } finally {
      await db.drop();
    }
  }
  for (const v of raceViolations) console.log(`  violation: ${v}`);

  console.log(
    JSON.stringify({
      invoke_p50_ms: round1(percentile(sortedAll, 50)),
      invoke_p99_ms: round1(percentile(sortedAll, 99)),
      ...result,
      invokes: sortedAll.length,
      invoke_unexpected_answers: problems,
      race_runs: raceRuns,
      race_violations: raceViolations.length,
      race_invokes_per_run: 100,
      race_wall_ms_p50: Math.round(
        percentile(
          [...raceMs].sort((a, b) => a - b),
          50,
        ),
      ),
      target_invoke_p99_ms: 100,
    }),
  );
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
