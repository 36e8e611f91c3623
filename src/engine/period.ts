// Which organisation and period a question is about. In order: a region the text names ("i
// Nordjylland"), else a body only one organisation has ("FU", "DAS", "Sundhedsstyregruppen"), else
// the caller's organisation; then the caller's date, else a year in the text ("i 2015"), else a body
// that only an earlier period had ("temagrupperne"), else today.
import type { GovernanceModel, ResolvedPeriod } from '../governance/load';
import type { OrgId } from '../assistant/answer';
import { bodyNames, namedBodies, namesIn, orgOnlyNames, type BodyName } from './bodies';
import { detectOrg, detectYear } from './question';

export interface PeriodChoice {
  org: OrgId;
  /** The date the answer stands on (the end of the year asked about, or of its period). */
  date: string;
  /** The periods the question may be about, latest first; empty before the documents begin. */
  periods: ResolvedPeriod[];
  year?: number;
  /** The bodies the question names (names from the organisation's periods). */
  named: string[];
  /** How the period was chosen, for the explanation. */
  via: 'date' | 'year' | 'body' | 'today';
}

export class PeriodSelector {
  /**
   * Per organisation asked about: the names that tell the organisations apart, its own first, then
   * the other's, longest first (what `orgByBodies` matches), and the ids of its own bodies among them.
   */
  private readonly telling = new Map<OrgId, { names: BodyName[]; mine: Set<string> }>();
  /** Per organisation, the names of its bodies over all its periods (latest first, each name once). */
  private readonly names = new Map<OrgId, BodyName[]>();

  constructor(private readonly model: GovernanceModel) {
    const orgNames = orgOnlyNames(model);
    for (const org of ['midt', 'nord'] as OrgId[]) {
      const other: OrgId = org === 'midt' ? 'nord' : 'midt';
      const own = orgNames.get(org) ?? [];
      this.telling.set(org, {
        names: [...own, ...(orgNames.get(other) ?? [])].sort((a, b) => b.words.length - a.words.length),
        mine: new Set(own.map((n) => n.body)),
      });
    }
    for (const org of ['midt', 'nord'] as OrgId[]) {
      const seen = new Set<string>();
      const list: BodyName[] = [];
      for (const p of [...model.periodsOf(org)].reverse()) {
        for (const n of bodyNames(p)) {
          const k = `${n.body}|${n.words.join(' ')}`;
          if (!seen.has(k)) seen.add(k), list.push(n);
        }
      }
      this.names.set(
        org,
        list.sort((a, b) => b.words.length - a.words.length || a.body.localeCompare(b.body)),
      );
    }
  }

  select(folded: string, opts: { org?: OrgId; date?: string }, defaults: { org: OrgId; today: string }): PeriodChoice {
    const year = detectYear(folded);
    const org =
      detectOrg(folded) ?? this.orgByBodies(folded, opts.org ?? defaults.org, opts.org !== undefined, opts.date, year);
    const all = this.model.periodsOf(org);
    const today = defaults.today;
    const latest = all.at(-1);
    const named = latest ? this.named(folded, org) : [];
    if (opts.date) {
      const p = this.model.periodAt(org, opts.date);
      return {
        org,
        date: opts.date,
        periods: p ? [p] : [],
        named,
        via: 'date',
        ...(year !== undefined ? { year } : {}),
      };
    }
    if (year !== undefined) {
      let periods = this.model.periodsInYear(org, year);
      // Before the first document: its own account of earlier events is the best there is
      // (the 2017 Nordjylland memo tells what KKR decided in 2013).
      const first = all[0];
      if (periods.length === 0 && first && `${year}-12-31` < first.validFrom) periods = [first];
      let date = year === Number(today.slice(0, 4)) ? today : `${year}-12-31`;
      const top = periods[0];
      if (top?.validTo && top.validTo < date) date = top.validTo;
      return { org, date, periods, year, named, via: 'year' };
    }
    const now = this.model.periodAt(org, today);
    if (now && named.length > 0 && named.every((b) => !now.bodies.has(b))) {
      // "Hvad gjorde temagrupperne?": the latest period that had every body the question names.
      const earlier = [...all]
        .reverse()
        .find((p) => p.validFrom < now.validFrom && named.every((b) => p.bodies.has(b)));
      if (earlier) return { org, date: earlier.validTo ?? today, periods: [earlier], named, via: 'body' };
    }
    return { org, date: today, periods: now ? [now] : [], named, via: 'today' };
  }

  /** Bodies named in the text, by the names any period of the organisation gives them. */
  named(folded: string, org: OrgId): string[] {
    return namedBodies(folded, this.names.get(org) ?? []);
  }

  /**
   * A question naming a body only the other organisation has, by a name this organisation's model
   * never uses ("FU", "DAS", "forankringsgrupperne"), is about that organisation, unless it also
   * names one of this organisation's own bodies by such a name, or asks about a time the other
   * organisation's documents do not cover and this one's do. Names both models use ("PLO",
   * "sekretariatet", "chairs") do not move a question; but when the organisation was asked for
   * (the `org` option, a conversation bound to it), any name of its own bodies keeps it there.
   */
  private orgByBodies(
    folded: string,
    org: OrgId,
    asked: boolean,
    date: string | undefined,
    year: number | undefined,
  ): OrgId {
    const other: OrgId = org === 'midt' ? 'nord' : 'midt';
    const { names, mine } = this.telling.get(org)!;
    const found = namesIn(folded, names);
    const ours = found.filter((n) => mine.has(n.body) && (asked || n.unique));
    const theirs = found.filter((n) => !mine.has(n.body) && n.unique);
    const switches = theirs.length > 0 && ours.length === 0;
    return switches && this.covers(other, org, date, year) ? other : org;
  }

  /** Whether the time asked about (if any) is one the other organisation's periods cover, or neither's do. */
  private covers(other: OrgId, org: OrgId, date: string | undefined, year: number | undefined): boolean {
    const has = (o: OrgId) =>
      date
        ? this.model.periodAt(o, date) !== undefined
        : year === undefined || this.model.periodsInYear(o, year).length > 0;
    return has(other) || !has(org);
  }
}

/** The training clock: the newest period's start, so that "today" means the documents' present. */
export function documentsPresent(periods: ResolvedPeriod[]): string {
  return periods.reduce((d, p) => (p.validFrom > d ? p.validFrom : d), '0000-00-00');
}
