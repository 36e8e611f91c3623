// The one clock. Time enters every feature through this port, built once by the composition
// root (tests inject a ManualClock), so no rule depends on the machine's clock or time zone.
// What users see is Copenhagen time: "today" is the Copenhagen calendar date.
import type { IsoDate } from './ids';

export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's calendar date in Copenhagen. */
  today(): IsoDate;
}

const ZONE = 'Europe/Copenhagen';
const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Copenhagen calendar date of an instant. */
export function copenhagenDate(instant: Date): IsoDate {
  return dateFormat.format(instant);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => copenhagenDate(new Date()),
};

/** A clock that moves only when told to (tests, benchmarks). */
export class ManualClock implements Clock {
  private t: number;

  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  today(): IsoDate {
    return copenhagenDate(new Date(this.t));
  }

  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }

  advanceMs(ms: number): void {
    this.t += ms;
  }

  advanceHours(hours: number): void {
    this.advanceMs(hours * 3_600_000);
  }
}

/** A clock that moves one second on every reading: distinct, ordered instants on a pinned day. */
export class SteppingClock extends ManualClock {
  override now(): Date {
    const d = super.now();
    this.advanceMs(1000);
    return d;
  }
}
