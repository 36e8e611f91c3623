// A calendar date as the project writes it everywhere: YYYY-MM-DD, and a day that exists
// (2019-13-45 and 2023-02-29 are refused, not rolled over into another date).
import { z } from 'zod';

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

export function isRealIsoDate(s: string): boolean {
  if (!SHAPE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  if (y < 1) return false; // year 0000 is not a date PostgreSQL or people use
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export const RealIsoDate = z
  .string()
  .regex(SHAPE, 'expected a date as YYYY-MM-DD')
  .refine(isRealIsoDate, 'not a real date (YYYY-MM-DD, a day that exists)');
