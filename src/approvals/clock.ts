// Time enters the approvals domain through this port, so reminder and overdue rules can be
// tested (and benchmarked) with a clock the test moves by hand.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
  advanceHours(hours: number): void {
    this.t += hours * 3_600_000;
  }
}
