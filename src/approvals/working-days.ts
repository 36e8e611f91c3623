// The Danish working-day calendar. Reminder and overdue rules count working days, and the
// secretariat works on Danish local dates, so everything here is a calendar date ("YYYY-MM-DD")
// in Europe/Copenhagen, never a UTC instant.

import { copenhagenDate } from '../common/clock';
import type { IsoDate } from '../common/ids';

export type { IsoDate } from '../common/ids';

const ZONE = 'Europe/Copenhagen';
const localHourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' });

/** The Copenhagen calendar date of an instant. */
export function localDate(instant: Date): IsoDate {
  return copenhagenDate(instant);
}

/** The Copenhagen hour (0-23) of an instant. */
export function localHour(instant: Date): number {
  return Number(localHourFormat.format(instant));
}

function toUtcDay(date: IsoDate): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fromUtcDay(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtcDay(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtcDay(d);
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface Holiday {
  date: IsoDate;
  name: { da: string; en: string };
}

/**
 * The Danish public holidays (helligdage) of a year. Store bededag was abolished by law from
 * 2024, so it is a holiday up to and including 2023 only. Grundlovsdag, juleaftensdag and
 * nytårsaftensdag are customary days off in many workplaces but not public holidays, so they
 * are working days here.
 */
export function danishHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const rel = (days: number, da: string, en: string): Holiday => ({ date: addDays(easter, days), name: { da, en } });
  const fixed = (mmdd: string, da: string, en: string): Holiday => ({ date: `${year}-${mmdd}`, name: { da, en } });
  const list: Holiday[] = [
    fixed('01-01', 'Nytårsdag', "New Year's Day"),
    rel(-3, 'Skærtorsdag', 'Maundy Thursday'),
    rel(-2, 'Langfredag', 'Good Friday'),
    rel(0, 'Påskedag', 'Easter Sunday'),
    rel(1, '2. påskedag', 'Easter Monday'),
    rel(39, 'Kristi himmelfartsdag', 'Ascension Day'),
    rel(49, 'Pinsedag', 'Whit Sunday'),
    rel(50, '2. pinsedag', 'Whit Monday'),
    fixed('12-25', 'Juledag', 'Christmas Day'),
    fixed('12-26', '2. juledag', 'Boxing Day'),
  ];
  if (year <= 2023) list.push(rel(26, 'Store bededag', 'General Prayer Day'));
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

const holidayCache = new Map<number, Map<IsoDate, Holiday>>();

export function holidayOn(date: IsoDate): Holiday | undefined {
  const year = Number(date.slice(0, 4));
  let byDate = holidayCache.get(year);
  if (!byDate) {
    byDate = new Map(danishHolidays(year).map((h) => [h.date, h]));
    holidayCache.set(year, byDate);
  }
  return byDate.get(date);
}

export function isWeekend(date: IsoDate): boolean {
  const dow = toUtcDay(date).getUTCDay();
  return dow === 0 || dow === 6;
}

export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && holidayOn(date) === undefined;
}

/** The date `n` working days after `date` (n >= 0; `date` itself is not counted). */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a non-negative integer, got ${n}`);
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` <= `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}
