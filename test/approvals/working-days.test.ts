import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  addDays,
  addWorkingDays,
  danishHolidays,
  easterSunday,
  holidayOn,
  isWorkingDay,
  localDate,
  localHour,
  workingDaysBetween,
} from '../../src/approvals/working-days';

describe('approvals/working-days', () => {
  it('computes Easter Sunday for known years', () => {
    const known: Record<number, string> = {
      2000: '2000-04-23',
      2008: '2008-03-23',
      2019: '2019-04-21',
      2023: '2023-04-09',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
    };
    for (const [year, date] of Object.entries(known)) assert.equal(easterSunday(Number(year)), date, year);
  });

  it('lists the Danish public holidays of 2026', () => {
    assert.deepEqual(
      danishHolidays(2026).map((h) => `${h.date} ${h.name.da}`),
      [
        '2026-01-01 Nytårsdag',
        '2026-04-02 Skærtorsdag',
        '2026-04-03 Langfredag',
        '2026-04-05 Påskedag',
        '2026-04-06 2. påskedag',
        '2026-05-14 Kristi himmelfartsdag',
        '2026-05-24 Pinsedag',
        '2026-05-25 2. pinsedag',
        '2026-12-25 Juledag',
        '2026-12-26 2. juledag',
      ],
    );
  });

  it('keeps store bededag up to 2023 and drops it from 2024', () => {
    assert.equal(holidayOn('2023-05-05')?.name.da, 'Store bededag');
    assert.equal(isWorkingDay('2023-05-05'), false);
    // The fourth Friday after Easter 2024 is an ordinary working day after the abolition.
    assert.equal(addDays(easterSunday(2024), 26), '2024-04-26');
    assert.equal(holidayOn('2024-04-26'), undefined);
    assert.equal(isWorkingDay('2024-04-26'), true);
    assert.ok(danishHolidays(2016).some((h) => h.name.en === 'General Prayer Day'));
    assert.ok(!danishHolidays(2030).some((h) => h.name.en === 'General Prayer Day'));
  });

  it('treats weekends and holidays as non-working and grundlovsdag and christmas eve as working', () => {
    assert.equal(isWorkingDay('2026-11-28'), false); // Saturday
    assert.equal(isWorkingDay('2026-11-29'), false); // Sunday
    assert.equal(isWorkingDay('2026-11-30'), true);
    assert.equal(isWorkingDay('2026-12-25'), false);
    assert.equal(isWorkingDay('2026-06-05'), true);
    assert.equal(isWorkingDay('2026-12-24'), true);
  });

  it('adds working days across weekends and Easter', () => {
    assert.equal(addWorkingDays('2026-11-26', 0), '2026-11-26');
    assert.equal(addWorkingDays('2026-11-26', 1), '2026-11-27'); // Thu -> Fri
    assert.equal(addWorkingDays('2026-11-27', 1), '2026-11-30'); // Fri -> Mon
    assert.equal(addWorkingDays('2026-04-01', 1), '2026-04-07'); // Wed before Easter -> Tue after 2. påskedag
    assert.equal(addWorkingDays('2026-12-23', 2), '2026-12-28'); // 24th is a working day; 25th is Friday, 26th Saturday
    assert.throws(() => addWorkingDays('2026-11-26', -1));
  });

  it('counts working days between dates as the inverse of adding them', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2015-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 40 }),
        (d, n) => {
          const start = d.toISOString().slice(0, 10);
          const end = addWorkingDays(start, n);
          assert.equal(workingDaysBetween(start, end), n);
          if (n > 0) assert.ok(isWorkingDay(end));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads dates and hours in Copenhagen time, summer and winter', () => {
    assert.equal(localDate(new Date('2026-11-26T23:30:00Z')), '2026-11-27'); // CET, UTC+1
    assert.equal(localHour(new Date('2026-11-26T07:00:00Z')), 8);
    assert.equal(localDate(new Date('2026-06-30T22:30:00Z')), '2026-07-01'); // CEST, UTC+2
    assert.equal(localHour(new Date('2026-06-30T06:00:00Z')), 8);
  });
});
