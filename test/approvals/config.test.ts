import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { approvalConfigFrom } from '../../src/compose/approvals';

const emptyEnvDir = () => mkdtempSync(join(tmpdir(), 'approval-env-'));

describe('approvals/config', () => {
  it(
    'defaults: personal copies on, reminder after 2 working days from 08:00, overdue after 5, no body ' + 'channels',
    () => {
      const c = approvalConfigFrom(loadConfig({ env: {}, envDir: emptyEnvDir() }));
      assert.deepEqual(c.bodyConversations, {});
      assert.equal(c.personalCopies, true);
      assert.deepEqual(c.reminders, {
        afterWorkingDays: 2,
        repeatEveryWorkingDays: 2,
        maxReminders: 3,
        sendHour: 8,
        overdueAfterWorkingDays: 5,
      });
    },
  );

  it('reads where each body works and the reminder schedule', () => {
    const c = approvalConfigFrom(
      loadConfig({
        env: {
          APPROVAL_BODY_CONVERSATIONS: 'formandskab=19:abc@thread.tacv2,sekretariatsledelse=19:meeting_xyz@thread.v2',
          APPROVAL_PERSONAL_COPIES: 'false',
          APPROVAL_REMINDER_WORKING_DAYS: '3',
          APPROVAL_REMINDER_HOUR: '9',
        },
        envDir: emptyEnvDir(),
      }),
    );
    assert.deepEqual(c.bodyConversations, {
      formandskab: '19:abc@thread.tacv2',
      sekretariatsledelse: '19:meeting_xyz@thread.v2',
    });
    assert.equal(c.personalCopies, false);
    assert.equal(c.reminders.afterWorkingDays, 3);
    assert.equal(c.reminders.sendHour, 9);
  });

  it('refuses a malformed body list or schedule at start-up, naming the key', () => {
    for (const [key, value] of [
      ['APPROVAL_BODY_CONVERSATIONS', 'formandskab'],
      ['APPROVAL_BODY_CONVERSATIONS', 'Formandskab=19:x'],
      ['APPROVAL_REMINDER_WORKING_DAYS', '0'],
      ['APPROVAL_REMINDER_HOUR', '24'],
      ['APPROVAL_PERSONAL_COPIES', 'yes'],
    ] as const) {
      try {
        loadConfig({ env: { [key]: value }, envDir: emptyEnvDir() });
        assert.fail(`${key}=${value} was accepted`);
      } catch (err) {
        assert.ok(err instanceof ConfigError, String(err));
        assert.ok(
          err.problems.some((p) => p.startsWith(`${key}:`)),
          err.problems.join('; '),
        );
      }
    }
  });
});
