// The concurrency check shared by the race tests and `npm run bench:approvals`: 100 Action.Execute
// invokes fired at once at one approval round (the two co-chairs clicking approve or reject, often
// twice, and outsiders clicking too) over one or more bot endpoints sharing one database. Returns
// every broken invariant as a sentence; an empty list is a clean run.
import { sql } from 'kysely';
import type { Store } from '../../../src/store/open';
import type { ApprovalService } from '../../../src/approvals/service';
import { execute } from '../../fixtures/activities';
import { PEOPLE, seedPoolCase, type WorldPerson } from './world';

export interface RaceOptions {
  store: Store;
  /** Base URLs of the bot processes (each gets a share of the invokes). */
  endpoints: string[];
  serviceUrl: string;
  /** The services whose background card updates must finish before the copies are checked. */
  services: ApprovalService[];
  /** Opens the round (one process posts its cards). */
  open: ApprovalService;
  /** Deterministic mix per run. */
  seed: number;
  invokes?: number;
  /** Conversation ids and the last card each activity got, from the connector stand-in. */
  lastCards(): Map<string, any>;
}

export interface RaceReport {
  violations: string[];
  accepted: number;
  outcome: string;
  ms: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export async function runRace(o: RaceOptions): Promise<RaceReport> {
  const violations: string[] = [];
  const c = await seedPoolCase(o.store, 50_000, `Race ${o.seed}: opfølgende forskningsprojekt`);
  const round = await o.open.openIfDue(c, { aadObjectId: PEOPLE.sara.aadObjectId, name: PEOPLE.sara.name });
  if (!round) return { violations: ['the round did not open'], accepted: 0, outcome: 'none', ms: 0 };
  const random = rng(o.seed);
  const n = o.invokes ?? 100;
  const approvers = [PEOPLE.anne, PEOPLE.bo];
  const outsiders = [PEOPLE.ole, PEOPLE.sara, PEOPLE.dorte];
  const clicks: Array<{ who: WorldPerson; verb: string; comment?: string }> = [];
  for (let i = 0; i < n; i++) {
    // Both approvers click at least once; about 30% of the clicks are theirs.
    const who =
      i < 2
        ? approvers[i]!
        : random() < 0.3
          ? approvers[Math.floor(random() * 2)]!
          : outsiders[Math.floor(random() * outsiders.length)]!;
    const reject = random() < 0.35;
    clicks.push(reject ? { who, verb: 'approval.reject', comment: `Nej (${i})` } : { who, verb: 'approval.approve' });
  }
  const data = { approvalId: round.id, caseId: round.caseId, stepId: round.stepId, version: round.version };
  const started = performance.now();
  const responses = await Promise.all(
    clicks.map(async (click, i) => {
      const url = o.endpoints[i % o.endpoints.length]!;
      const body = execute({
        serviceUrl: o.serviceUrl,
        user: click.who,
        verb: click.verb,
        data: click.comment ? { ...data, comment: click.comment } : data,
      });
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { click, status: res.status, text, i };
    }),
  );
  const ms = performance.now() - started;

  const accepted = responses.filter((r) => /Din stemme er registreret/.test(r.text));
  for (const r of responses) {
    if (r.status !== 200) violations.push(`invoke ${r.i} (${r.click.who.name}) answered HTTP ${r.status}`);
    const isApprover = approvers.includes(r.click.who);
    if (!isApprover && !/ikke blandt dem/.test(r.text)) violations.push(`outsider ${r.click.who.name} was not refused`);
    // An approver gets one of the expected answers; anything else (a turn error) is a lost click.
    if (
      isApprover &&
      !/Din stemme er registreret|Din stemme var allerede registreret|Kortet var forældet|allerede afgjort/.test(r.text)
    )
      violations.push(`invoke ${r.i} (${r.click.who.name}) got an unexpected answer: ${r.text.slice(0, 200)}`);
  }
  const votes = (
    await sql<{
      voter_aad_id: string;
      choice: string;
    }>`select voter_aad_id, choice from approval_votes where approval_id = ${round.id} order by seq`.execute(o.store.db)
  ).rows;
  if (votes.length !== accepted.length)
    violations.push(`${accepted.length} votes were answered as accepted but ${votes.length} are recorded`);
  const key = (aad: string, choice: string) => `${aad}:${choice}`;
  const recorded = votes.map((v) => key(v.voter_aad_id, v.choice)).sort();
  const answered = accepted.map((r) => key(r.click.who.aadObjectId, r.click.verb.replace('approval.', ''))).sort();
  if (JSON.stringify(recorded) !== JSON.stringify(answered))
    violations.push(`recorded votes ${recorded.join(',')} differ from accepted answers ${answered.join(',')}`);
  if (votes.some((v) => !approvers.some((p) => p.aadObjectId === v.voter_aad_id)))
    violations.push('a vote by someone without a seat was recorded');

  const status = (
    await sql<{
      status: string;
      version: number;
    }>`select status, version from approvals where id = ${round.id}`.execute(o.store.db)
  ).rows[0]!;
  if (status.status === 'open') violations.push('no outcome: the round is still open');
  if (status.version !== votes.length + 1)
    violations.push(`round version ${status.version} after ${votes.length} votes`);
  const events = (
    await sql<{ kind: string }>`select kind from case_events where case_id = ${c.id}`.execute(o.store.db)
  ).rows.map((e) => e.kind);
  const decided = events.filter((k) => k === 'approval_decided').length;
  // minus the move that brought it here
  const moves = events.filter((k) => k === 'moved' || k === 'closed' || k === 'sent_back').length - 1;
  if (decided !== 1) violations.push(`${decided} outcomes recorded`);
  if (moves !== 1) violations.push(`the case moved ${moves} times after the vote`);
  if (events.filter((k) => k === 'vote').length !== votes.length)
    violations.push('the history does not hold every vote once');

  for (const s of o.services) await s.idle();
  // Another process's card updates are not ours to await: wait until the database says every
  // copy shows the latest version (each process records a copy as rendered after its PUT).
  for (const until = Date.now() + 10_000; ; ) {
    const behind = (
      await sql<{
        n: number;
      }>`select count(*)::int as n from approval_copies where approval_id = ${round.id} and rendered_version <
        ${status.version}`.execute(o.store.db)
    ).rows[0]!.n;
    if (behind === 0) break;
    if (Date.now() > until) {
      violations.push(`${behind} copies were not updated to the final version`);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const copies = (
    await sql<{
      conversation_id: string;
      activity_id: string;
    }>`select conversation_id, activity_id from approval_copies where approval_id = ${round.id}`.execute(o.store.db)
  ).rows;
  const last = o.lastCards();
  for (const copy of copies) {
    const card = last.get(`${copy.conversation_id}|${copy.activity_id}`);
    const json = JSON.stringify(card ?? {});
    if (!card || card.refresh !== undefined || !/(Godkendt|Afvist) · /.test(json))
      violations.push(`the copy in ${copy.conversation_id} does not show the outcome`);
  }
  return { violations, accepted: accepted.length, outcome: status.status, ms };
}

/**
 * The last card each posted activity shows, from the stand-in's record of PUTs (every copy is
 * updated after a vote, so the last PUT is what people see).
 */
export function lastCardsFrom(
  calls: ReadonlyArray<{
    route: string;
    params: { conversationId?: string; activityId?: string };
    body: any;
    status: number;
  }>,
): Map<string, any> {
  const out = new Map<string, any>();
  for (const c of calls) {
    const card = c.body?.attachments?.[0]?.content;
    if (c.route === 'updateActivity' && c.status < 300 && card)
      out.set(`${c.params.conversationId}|${c.params.activityId}`, card);
  }
  return out;
}
