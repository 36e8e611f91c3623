import { strict as assert } from 'node:assert';
import { castVote } from '../../src/approvals/cast-vote';
import { ManualClock } from '../../src/common/clock';
import {
  DEFAULT_REMINDER_POLICY,
  deadlineOf,
  dueReminders,
  overdueApprovals,
  reminderDates,
  type ReminderDue,
} from '../../src/approvals/reminders';
import type { Approval } from '../../src/approvals/types';
import { approval, chairMunicipal, chairRegion, command } from './builders';

const policy = {
  ...DEFAULT_REMINDER_POLICY,
  afterWorkingDays: 2,
  repeatEveryWorkingDays: 2,
  maxReminders: 3,
  sendHour: 8,
};

/** Runs the reminder job every hour from the clock's time to `until`, as the bot's job would. */
function runJob(a: Approval, clock: ManualClock, until: string): Array<ReminderDue & { at: string }> {
  const sent = new Map<string, number>();
  const log: Array<ReminderDue & { at: string }> = [];
  while (clock.now() < new Date(until)) {
    for (const r of dueReminders(a, sent, clock.now(), policy)) {
      sent.set(r.seat.aadObjectId, r.seq);
      log.push({ ...r, at: clock.now().toISOString() });
    }
    clock.advanceHours(1);
  }
  return log;
}

describe('approvals/reminders', () => {
  it('schedules reminders after N working days, skipping weekends', () => {
    assert.deepEqual(reminderDates('2026-11-26', policy), ['2026-11-30', '2026-12-02', '2026-12-04']);
  });

  it('skips Christmas Day and the weekend, but not Christmas Eve', () => {
    assert.deepEqual(reminderDates('2026-12-23', { ...policy, maxReminders: 1 }), ['2026-12-28']);
  });

  it('skips Easter and Ascension Day', () => {
    assert.deepEqual(
      reminderDates('2026-04-01', { ...policy, afterWorkingDays: 1, repeatEveryWorkingDays: 1, maxReminders: 2 }),
      ['2026-04-07', '2026-04-08'],
    );
    assert.deepEqual(reminderDates('2026-05-13', { ...policy, afterWorkingDays: 1, maxReminders: 1 }), ['2026-05-15']);
  });

  it('reminds each approver who has not voted, at the send hour in Copenhagen, once per reminder', () => {
    const a0 = approval({ openedAt: '2026-11-26T09:00:00Z' });
    const a = castVote(a0, command(a0, chairRegion, 'approve'), {
      now: new Date('2026-11-26T09:05:00Z'),
      substitutes: [],
      poolRemainingDkk: null,
    }).approval;
    const log = runJob(a, new ManualClock('2026-11-26T09:00:00Z'), '2026-12-10T00:00:00Z');
    assert.deepEqual(
      log.map((r) => `${r.seat.name} #${r.seq} ${r.at}`),
      [
        `${chairMunicipal.name} #1 2026-11-30T07:00:00.000Z`,
        `${chairMunicipal.name} #2 2026-12-02T07:00:00.000Z`,
        `${chairMunicipal.name} #3 2026-12-04T07:00:00.000Z`,
      ],
    );
  });

  it('sends only the latest reminder when the job was down, and nothing once decided', () => {
    const a = approval({ openedAt: '2026-11-26T09:00:00Z' });
    const late = dueReminders(a, new Map(), new Date('2026-12-03T12:00:00Z'), policy);
    assert.deepEqual(
      late.map((r) => [r.seat.name, r.seq]),
      [
        [chairRegion.name, 2],
        [chairMunicipal.name, 2],
      ],
    );
    assert.deepEqual(
      dueReminders(a, new Map([[chairRegion.aadObjectId, 2]]), new Date('2026-12-03T12:00:00Z'), policy).map(
        (r) => r.seat.name,
      ),
      [chairMunicipal.name],
    );
    const decided = castVote(a, command(a, chairRegion, 'reject', 'nej'), {
      now: new Date('2026-11-27T09:00:00Z'),
      substitutes: [],
      poolRemainingDkk: null,
    }).approval;
    assert.equal(decided.status, 'rejected');
    assert.deepEqual(dueReminders(decided, new Map(), new Date('2026-12-03T12:00:00Z'), policy), []);
  });

  it('lists overdue approvals for the secretariat, most overdue first, with who is awaited', () => {
    const a1 = approval({ openedAt: '2026-11-26T09:00:00Z' });
    const voted = castVote(a1, command(a1, chairRegion, 'approve'), {
      now: new Date('2026-11-26T10:00:00Z'),
      substitutes: [],
      poolRemainingDkk: null,
    }).approval;
    const withDeadline = { ...approval({ deadline: '2026-12-01' }), id: 'apv-2', caseId: 'SAG-2026-0009' };
    assert.equal(deadlineOf(voted, policy), '2026-12-03');
    assert.deepEqual(overdueApprovals([voted, withDeadline], new Date('2026-12-01T12:00:00Z'), policy), []);
    const list = overdueApprovals([voted, withDeadline], new Date('2026-12-07T12:00:00Z'), policy);
    assert.deepEqual(
      list.map((o) => [o.approval.caseId, o.deadline, o.workingDaysOverdue, o.waitingFor.map((p) => p.name)]),
      [
        ['SAG-2026-0009', '2026-12-01', 4, [chairRegion.name, chairMunicipal.name]],
        ['SAG-2026-0007', '2026-12-03', 2, [chairMunicipal.name]],
      ],
    );
  });
});
