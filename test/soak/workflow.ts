// The soak's case workflow, sent as Teams sends it: channels subscribe their clusters (chat
// command), the secretariat creates cases and moves them to a step decided by vote (card actions),
// and each round gets concurrent Action.Execute votes from its body's members (twice each, as
// double clicks and re-sent invokes do) and from one person without a seat, over whichever bot
// instances are up. The connector ledger counts at the Bot Connector stand-in what the bots posted;
// `verify` compares it, at the end, with what the database holds (outbox, votes, outcomes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { type RawBuilder, sql } from 'kysely';
import { parse as parseYaml } from 'yaml';
import { EVENT_KINDS } from '../../src/notifications/events';
import type { Store } from '../../src/store/open';
import * as A from '../fixtures/activities';
import type { RecordedCall } from '../fixtures/connector-standin';

const ROOT = join(__dirname, '..', '..');

/** A person of the demo directory, as Teams names them in an activity. */
interface Person extends A.User {
  roles: string[];
}

/** The demo directory the bot loads in local mode (env/directory.local.yaml), by lower-case first name. */
function demoPeople(): Map<string, Person> {
  const file = parseYaml(readFileSync(join(ROOT, 'env', 'directory.local.yaml'), 'utf8')) as {
    people: Array<{ name: string; aadObjectId: string; roles: string[] }>;
  };
  return new Map(
    file.people.map((p) => {
      const first = p.name.split(' ')[0]!.toLowerCase();
      return [first, { id: `29:soak-${first}`, name: p.name, aadObjectId: p.aadObjectId, roles: p.roles }];
    }),
  );
}

/** Where each deciding body works (APPROVAL_BODY_CONVERSATIONS of env/.env.local): its cards go there. */
function bodyConversations(): Map<string, string> {
  const env = parseEnv(readFileSync(join(ROOT, 'env', '.env.local'), 'utf8'));
  return new Map(
    (env.APPROVAL_BODY_CONVERSATIONS ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
}

/** The two processes of the governance model whose middle step is decided by a body's vote. */
const PROCESSES = [
  { id: 'formandskab-decision', step: 'chair-decision', body: 'formandskab' },
  { id: 'secretariat-decision', step: 'management-decision', body: 'sekretariatsledelse' },
] as const;

/** Which clusters each channel subscribes to, and which clusters the soak's cases concern, in turn. */
const CHANNEL_CLUSTERS = [['horsens'], ['randers'], ['aarhus'], ['horsens', 'randers']];
const CHANNEL_COMMANDS = ['klynge Horsens', 'klynge Randers', 'klynge Aarhus', 'klynge Horsens og Randers'];
const CASE_CLUSTERS = [['horsens'], ['randers', 'aarhus'], ['vest'], ['horsens', 'aarhus']];

const NOTIFICATION_KEY = new RegExp(`^SAG-\\d{4}-\\d+:(${EVENT_KINDS.join('|')}):[^|]*\\|.+$`);

/** Approval card references found anywhere in a card's JSON (the buttons' data). */
function approvalRefs(node: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) for (const n of node) approvalRefs(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.approvalId === 'string' && typeof o.caseId === 'string' && typeof o.stepId === 'string') out.push(o);
    for (const v of Object.values(o)) approvalRefs(v, out);
  }
  return out;
}

export interface RoundRef {
  approvalId: string;
  caseId: string;
  stepId: string;
  version: number;
}

/** What the bots posted that the stand-in accepted (2xx), counted as Teams would have shown it. */
export class ConnectorLedger {
  /** Per notification idempotency key (event id | conversation id), the copies accepted. */
  readonly notifications = new Map<string, number>();
  /** Per case, the first approval card seen (body chat or personal chat). */
  readonly rounds = new Map<string, RoundRef>();
  lastNotificationAt = 0;

  observe(call: Omit<RecordedCall, 'status'>): void {
    if (!['sendToConversation', 'replyToActivity', 'updateActivity'].includes(call.route)) return;
    for (const att of call.body?.attachments ?? []) {
      const content = att?.content;
      const ref = content?.body?.[0]?.id;
      if (call.route !== 'updateActivity' && typeof ref === 'string' && NOTIFICATION_KEY.test(ref)) {
        this.notifications.set(ref, (this.notifications.get(ref) ?? 0) + 1);
        this.lastNotificationAt = Date.now();
      }
      for (const r of approvalRefs(content))
        if (!this.rounds.has(r.caseId as string) && typeof r.version === 'number')
          this.rounds.set(r.caseId as string, r as unknown as RoundRef);
    }
  }

  async waitRound(caseId: string, timeoutMs: number): Promise<RoundRef | undefined> {
    for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
      const r = this.rounds.get(caseId);
      if (r) return r;
      await new Promise((res) => setTimeout(res, 100));
    }
    return this.rounds.get(caseId);
  }

  /** Waits until no notification was accepted for `quietMs` (at most `limitMs`). */
  async quiet(quietMs: number, limitMs: number): Promise<number> {
    const t0 = Date.now();
    while (Date.now() - t0 < limitMs && Date.now() - Math.max(this.lastNotificationAt, t0) < quietMs)
      await new Promise((res) => setTimeout(res, 250));
    return Date.now() - t0;
  }
}

/** Records one request's latency and outcome under a kind (the soak's Stats). */
export type Recorder = (kind: string, ms: number, outcome: string) => void;

interface Answer {
  outcome: string;
  text: string;
}

/** One activity to a bot's /api/messages: the status (or 'timeout' / 'refused') and the body. */
export async function post(url: string, activity: Record<string, unknown>): Promise<Answer> {
  try {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(15_000),
    });
    return { outcome: String(res.status), text: await res.text() };
  } catch (err) {
    return { outcome: (err as Error).name === 'TimeoutError' ? 'timeout' : 'refused', text: '' };
  }
}

type VoteAnswer = 'accepted' | 'duplicate' | 'not_member' | 'decided' | 'stale' | 'other' | 'error';

function classify(a: Answer): VoteAnswer {
  if (a.outcome !== '200') return 'error';
  if (/Din stemme er registreret/.test(a.text)) return 'accepted';
  if (/Din stemme var allerede registreret/.test(a.text)) return 'duplicate';
  if (/ikke blandt dem/.test(a.text)) return 'not_member';
  if (/allerede afgjort/.test(a.text)) return 'decided';
  if (/forældet/.test(a.text)) return 'stale';
  return 'other';
}

interface SoakRound {
  caseId: string;
  clusters: string[];
  moved?: boolean;
  round?: RoundRef;
  /** Votes answered as accepted: voter aadObjectId and choice. */
  accepted: Array<{ voter: string; choice: string }>;
  outsider: string;
}

export interface WorkflowReport {
  /** One subscription per (channel, cluster) the soak asked for; `stored` active ones in the database. */
  subscriptions: { channels: number; expected: number; stored: number };
  casesCreated: number;
  rounds: {
    started: number;
    createFailed: number;
    moveFailed: number;
    opened: number;
    /** Moved to the vote, but no card seen within 45 s; `notOpenedInDb` of them have a round in the database. */
    notOpened: number;
    notOpenedInDb: number;
  };
  /** The first answers the soak did not expect (create, move, vote), shortened. */
  unexpectedAnswers: string[];
  votes: { sent: number; answers: Record<string, number> };
  votesLost: number;
  /** Votes in the database whose answer the caller never got as accepted (e.g. the instance died). */
  votesRecordedUnanswered: number;
  nonMemberVotesRecorded: number;
  outcomesPerRound: { rounds: number; exactlyOne: number; none: number; several: number; stillOpen: number };
  notifications: {
    expected: number;
    delivered: number;
    lost: number;
    duplicated: number;
    /**
     * Duplicates beyond the design's allowance: a SIGKILL between the post and its "sent" mark may
     * re-send that one notification, so at most one per conversation per kill.
     */
    duplicatedBeyondAllowance: number;
    /** Delivered although the outbox never held them. */
    unexpected: number;
    outboxByStatus: Record<string, number>;
    /** (case change, subscribed channel) pairs the soak made that have no outbox row. */
    missingFromOutbox: number;
  };
}

export class Workflow {
  private readonly people = demoPeople();
  private readonly bodies = bodyConversations();
  private readonly channels: Array<{ conversationId: string; clusters: string[] }> = [];
  private readonly rounds: SoakRound[] = [];
  private readonly counts = { started: 0, createFailed: 0, notOpened: 0, moveFailed: 0, votesSent: 0 };
  private readonly answers: Record<string, number> = {};
  private readonly surprises: string[] = [];
  private n = 0;

  constructor(
    private readonly label: string,
    private readonly serviceUrl: string,
    private readonly ledger: ConnectorLedger,
    private readonly record: Recorder,
  ) {}

  private person(first: string): Person {
    const p = this.people.get(first);
    if (!p) throw new Error(`the demo directory has no ${first}`);
    return p;
  }

  /** Makes the bodies' group chat and the approvers' personal chats known, and subscribes the channels. */
  async setup(url: string): Promise<void> {
    const mette = this.person('mette');
    const must = async (what: string, activity: Record<string, unknown>) => {
      const a = await post(url, activity);
      if (a.outcome !== '200') throw new Error(`soak set-up: ${what} answered ${a.outcome}`);
    };
    for (const conversationId of new Set(this.bodies.values()))
      await must(
        'the body chat',
        A.message({ serviceUrl: this.serviceUrl, scope: 'groupChat', conversationId, user: mette, text: 'hjælp' }),
      );
    for (const p of this.people.values())
      if (PROCESSES.some((proc) => p.roles.includes(proc.body)))
        await must(`${p.name}'s chat`, A.message({ serviceUrl: this.serviceUrl, user: p, text: 'hjælp' }));
    for (let i = 0; i < CHANNEL_CLUSTERS.length; i++) {
      const conversationId = `19:soak-${this.label}-channel-${i}@thread.tacv2`;
      const t0 = Date.now();
      const a = await post(
        url,
        A.message({
          serviceUrl: this.serviceUrl,
          scope: 'channel',
          conversationId,
          user: mette,
          text: `abonnér på ${CHANNEL_COMMANDS[i]}`,
        }),
      );
      this.record('subscribe', Date.now() - t0, a.outcome);
      if (a.outcome !== '200') throw new Error(`soak set-up: subscribing ${conversationId} answered ${a.outcome}`);
      this.channels.push({ conversationId, clusters: CHANNEL_CLUSTERS[i]! });
    }
  }

  /** Rounds one after another on `parallel` lanes until `until`. */
  async run(targets: () => string[], until: number, parallel = 2): Promise<void> {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (Date.now() < until) await this.round(this.n++, targets);
      }),
    );
  }

  /**
   * One Action.Execute click, recorded under `kind`. A refused connection never reached a bot, so
   * it is clicked again (on whichever instance is up by then), as a user would; nothing else is.
   */
  private async act(
    kind: string,
    targets: () => string[],
    i: number,
    who: Person,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const list = targets();
      const t0 = Date.now();
      const a = await post(
        list[(i + attempt) % list.length]!,
        A.execute({ serviceUrl: this.serviceUrl, user: who, verb, data }),
      );
      this.record(kind, Date.now() - t0, a.outcome);
      if (a.outcome !== 'refused' || attempt >= 10) return a;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Keeps the first few answers the soak did not expect, for the report. */
  private unexpected(what: string, a: Answer): void {
    if (this.surprises.length < 5) this.surprises.push(`${what}: ${a.outcome} ${a.text.slice(0, 300)}`);
  }

  private async round(i: number, targets: () => string[]): Promise<void> {
    const proc = PROCESSES[i % PROCESSES.length]!;
    const clusters = CASE_CLUSTERS[i % CASE_CLUSTERS.length]!;
    const mette = this.person('mette');
    this.counts.started++;
    const created = await this.act('case_change', targets, i, mette, 'case.create', {
      org: 'midt',
      title: `Soak ${this.label} ${i}: beslutning uden for møde`,
      processId: proc.id,
      clusters: clusters.join(','),
    });
    const caseId = /Sagen (SAG-\d{4}-\d{4,6}) er oprettet/.exec(created.text)?.[1];
    if (!caseId) {
      this.counts.createFailed++;
      this.unexpected('case.create', created);
      return;
    }
    const voters = [...this.people.values()].filter((p) => p.roles.includes(proc.body));
    const outsider = [...this.people.values()].find((p) => !p.roles.includes(proc.body) && p !== mette)!;
    const soakRound: SoakRound = { caseId, clusters, accepted: [], outsider: outsider.aadObjectId };
    this.rounds.push(soakRound);
    const moved = await this.act('case_change', targets, i, mette, 'case.move', {
      caseId,
      version: 1,
      fromStepId: 'preparation',
      toStepId: proc.step,
    });
    if (!/Sagen er opdateret/.test(moved.text)) {
      this.counts.moveFailed++;
      this.unexpected('case.move', moved);
      return;
    }
    soakRound.moved = true;
    // The bots' approval job opens the round (every APPROVAL_JOB_INTERVAL_SECONDS) and posts its cards.
    const round = await this.ledger.waitRound(caseId, 45_000);
    if (!round) {
      this.counts.notOpened++;
      return;
    }
    soakRound.round = round;
    // Every fourth round the second member rejects (with the comment a rejection needs).
    const last = i % 4 === 3 ? { verb: 'approval.reject', comment: `Nej, runde ${i}` } : { verb: 'approval.approve' };
    const clicks = [
      ...voters.flatMap((who, k) => {
        const c = k === voters.length - 1 ? last : { verb: 'approval.approve' };
        return [
          { who, ...c },
          { who, ...c },
        ];
      }),
      { who: outsider, verb: 'approval.approve' },
    ].sort(() => Math.random() - 0.5);
    const ref = { approvalId: round.approvalId, caseId, stepId: round.stepId, version: round.version };
    await Promise.all(
      clicks.map(async (click, k) => {
        const data = 'comment' in click ? { ...ref, comment: click.comment } : ref;
        const a = await this.act('vote', targets, i + k, click.who, click.verb, data);
        this.counts.votesSent++;
        const kind = classify(a);
        this.answers[kind] = (this.answers[kind] ?? 0) + 1;
        if (kind === 'other' || kind === 'error') this.unexpected(click.verb, a);
        if (kind === 'accepted')
          soakRound.accepted.push({ voter: click.who.aadObjectId, choice: click.verb.replace('approval.', '') });
      }),
    );
  }

  /** Compares what was answered and delivered with the database (after the bots were stopped). */
  async verify(store: Store, kills: number): Promise<WorkflowReport> {
    const rows = async <T>(q: RawBuilder<T>): Promise<T[]> => (await q.execute(store.db)).rows;
    // '' keeps an "in (...)" list valid when a phase ended before its first round.
    const list = (ids: string[]) => sql.join([...ids, '']);
    const outbox = await rows(
      sql<{ key: string; status: string }>`select idempotency_key as key, status from notification_outbox`,
    );
    const byStatus: Record<string, number> = {};
    for (const r of outbox) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const keys = new Set(outbox.map((r) => r.key));
    const delivered = this.ledger.notifications;
    let duplicated = 0;
    const perConversation = new Map<string, number>();
    for (const [key, n] of delivered) {
      duplicated += n - 1;
      const conversation = key.slice(key.indexOf('|') + 1);
      perConversation.set(conversation, (perConversation.get(conversation) ?? 0) + n - 1);
    }
    let beyond = 0;
    for (const n of perConversation.values()) beyond += Math.max(0, n - kills);

    const opened = this.rounds.filter((r) => r.round);
    const roundIds = opened.map((r) => r.round!.approvalId);
    const votes = await rows(
      sql<{ approval_id: string; voter_aad_id: string; choice: string }>`
        select approval_id, voter_aad_id, choice from approval_votes where approval_id in (${list(roundIds)})`,
    );
    const voteKey = (approval: string, voter: string, choice: string) => `${approval}|${voter}|${choice}`;
    const recorded = new Set(votes.map((v) => voteKey(v.approval_id, v.voter_aad_id, v.choice)));
    const answered = new Set(
      opened.flatMap((r) => r.accepted.map((v) => voteKey(r.round!.approvalId, v.voter, v.choice))),
    );
    const outsiders = new Map(opened.map((r) => [r.round!.approvalId, r.outsider]));

    const approvals = await rows(
      sql<{ id: string; case_id: string; status: string }>`
        select id, case_id, status from approvals where id in (${list(roundIds)})`,
    );
    // One round per soak case, so the case's approval_decided events are the round's outcomes.
    const decided = await rows(
      sql<{ case_id: string; n: number }>`
        select case_id, count(*)::int as n from case_events
        where kind = 'approval_decided' and case_id in (${list(this.rounds.map((r) => r.caseId))})
        group by case_id`,
    );
    const decidedEvents = new Map(decided.map((e) => [e.case_id, e.n]));
    const outcomes = { rounds: approvals.length, exactlyOne: 0, none: 0, several: 0, stillOpen: 0 };
    for (const a of approvals) {
      const n = decidedEvents.get(a.case_id) ?? 0;
      if (a.status === 'open') outcomes.stillOpen++;
      if (n === 1 && a.status !== 'open') outcomes.exactlyOne++;
      else if (n === 0) outcomes.none++;
      else if (n > 1) outcomes.several++;
    }

    // Each case the soak created raised a case_created row for every channel following one of its clusters.
    let missingFromOutbox = 0;
    for (const r of this.rounds)
      for (const ch of this.channels)
        if (ch.clusters.some((c) => r.clusters.includes(c))) {
          const prefix = `${r.caseId}:case_created:`;
          if (![...keys].some((k) => k.startsWith(prefix) && k.endsWith(`|${ch.conversationId}`))) missingFromOutbox++;
        }

    const late = await rows(
      sql<{ id: string }>`select id from approvals
        where case_id in (${list(this.rounds.filter((r) => r.moved && !r.round).map((r) => r.caseId))})`,
    );
    const [subs] = await rows(
      sql<{ n: number }>`select count(*)::int as n from subscriptions
        where active and conversation_id like ${`19:soak-${this.label}-%`}`,
    );
    return {
      subscriptions: {
        channels: this.channels.length,
        expected: this.channels.reduce((n, c) => n + c.clusters.length, 0),
        stored: subs?.n ?? 0,
      },
      casesCreated: this.rounds.length,
      rounds: {
        started: this.counts.started,
        createFailed: this.counts.createFailed,
        opened: roundIds.length,
        notOpened: this.counts.notOpened,
        notOpenedInDb: late.length,
        moveFailed: this.counts.moveFailed,
      },
      unexpectedAnswers: this.surprises,
      votes: { sent: this.counts.votesSent, answers: this.answers },
      votesLost: [...answered].filter((k) => !recorded.has(k)).length,
      votesRecordedUnanswered: [...recorded].filter((k) => !answered.has(k)).length,
      nonMemberVotesRecorded: votes.filter((v) => outsiders.get(v.approval_id) === v.voter_aad_id).length,
      outcomesPerRound: outcomes,
      notifications: {
        expected: keys.size,
        delivered: delivered.size,
        lost: [...keys].filter((k) => !delivered.has(k)).length,
        duplicated,
        duplicatedBeyondAllowance: beyond,
        unexpected: [...delivered.keys()].filter((k) => !keys.has(k)).length,
        outboxByStatus: byStatus,
        missingFromOutbox,
      },
    };
  }
}
