// The one clock. Time enters every feature through this port, built once by the composition
// root (tests inject a ManualClock), so no rule depends on the machine's clock or time zone.
// What users see is Copenhagen time: "today" is the Copenhagen calendar date. Waiting is part of
// the port too: the notification dispatcher's pacing and backoff sleep on it, so a test's clock
// moves both what "now" reads and when the sleepers wake.
import type { IsoDate } from './ids';

export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's calendar date in Copenhagen. */
  today(): IsoDate;
  /** Resolves once `ms` have passed on this clock, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The clock's instant in milliseconds since the epoch (what the outbox and the pacer count in). */
export function epochMs(clock: Pick<Clock, 'now'>): number {
  return clock.now().getTime();
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
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const t = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** A clock that moves only when told to (tests, benchmarks); its sleepers wake as it moves. */
export class ManualClock implements Clock {
  private t: number;
  private sleepers: Array<{ at: number; wake: () => void }> = [];

  constructor(start: Date | string | number) {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  today(): IsoDate {
    return copenhagenDate(new Date(this.t));
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        at: this.t + Math.max(0, ms),
        wake: () => {
          this.sleepers = this.sleepers.filter((s) => s !== entry);
          signal?.removeEventListener('abort', entry.wake);
          resolve();
        },
      };
      this.sleepers.push(entry);
      signal?.addEventListener('abort', entry.wake, { once: true });
      if (ms <= 0) entry.wake();
    });
  }

  /** How many sleepers wait for this clock to move (a test knows the code under test is idle). */
  get sleeping(): number {
    return this.sleepers.length;
  }

  /** The earliest instant a sleeper waits for, or null when nobody sleeps. */
  nextWakeAt(): number | null {
    return this.sleepers.length === 0 ? null : Math.min(...this.sleepers.map((s) => s.at));
  }

  set(at: Date | string | number): void {
    this.t = new Date(at).getTime();
    this.wakeDue();
  }

  advanceMs(ms: number): void {
    this.t += ms;
    this.wakeDue();
  }

  private wakeDue(): void {
    for (const s of this.sleepers.filter((e) => e.at <= this.t)) s.wake();
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
