// The approvals feature's background work for the bot process, and its part of the config. The
// service itself is built once in the core (src/compose/core.ts).
import type { Logger } from 'pino';
import { epochMs, type Clock } from '../common/clock';
import type { ApprovalConfig, ApprovalService } from '../approvals/service';
import type { Config } from '../config';

/** Runs the sweep and the reminders now and then every `intervalMs`; returns a stop function. */
export function startApprovalJobs(
  service: ApprovalService,
  intervalMs: number,
  logger: Logger,
  /** The core's clock: the time each run is stamped with, which /readyz compares with its own now. */
  clock: Pick<Clock, 'now'>,
  /** Called after each run that finished (for /readyz), with the clock's time in milliseconds. */
  onRun: (at: number) => void = () => undefined,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running
      .then(async () => {
        await service.sweep();
        await service.runReminders();
        onRun(epochMs(clock));
      })
      .catch((err) => logger.warn({ err }, 'approval jobs failed'));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await service.idle();
  };
}

/** The approvals part of the validated config. */
export function approvalConfigFrom(c: Config): ApprovalConfig {
  const bodyConversations: Record<string, string> = {};
  for (const pair of (c.APPROVAL_BODY_CONVERSATIONS ?? '').split(',').filter(Boolean)) {
    const i = pair.indexOf('=');
    bodyConversations[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return {
    bodyConversations,
    personalCopies: c.APPROVAL_PERSONAL_COPIES === 'true',
    openPersonalChats: c.APPROVAL_OPEN_PERSONAL_CHATS ? c.APPROVAL_OPEN_PERSONAL_CHATS === 'true' : c.authEnabled,
    reminders: {
      afterWorkingDays: c.APPROVAL_REMINDER_WORKING_DAYS,
      repeatEveryWorkingDays: c.APPROVAL_REMINDER_REPEAT_WORKING_DAYS,
      maxReminders: c.APPROVAL_REMINDER_MAX,
      sendHour: c.APPROVAL_REMINDER_HOUR,
      overdueAfterWorkingDays: c.APPROVAL_OVERDUE_WORKING_DAYS,
    },
    lang: 'da',
  };
}
