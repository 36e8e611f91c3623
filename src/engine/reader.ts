// Reads one question with a trained classifier: which organisation and period it is about, and how
// the statements of that period (and of the others) score. Shared by the engine and by training's
// cross-validation, so both read questions the same way.
import type { GovernanceModel, ResolvedPeriod } from '../governance/load';
import type { OrgId } from '../assistant/answer';
import type { TextClassifier } from './classifier';
import { readScores, type Ranked, type Reading } from './decide';
import type { SparseVector } from './features';
import { foldText } from './normalize';
import { PeriodSelector, type PeriodChoice } from './period';
import { asksRecipient, besidesClause } from './question';
import type { StatementCatalogue } from './statements';

export interface QuestionReading {
  folded: string;
  choice: PeriodChoice;
  vector: SparseVector;
  reading: Reading;
}

export class QuestionReader {
  readonly selector: PeriodSelector;

  constructor(
    private readonly model: GovernanceModel,
    private readonly catalogue: StatementCatalogue,
  ) {
    this.selector = new PeriodSelector(model);
  }

  read(
    clf: TextClassifier,
    text: string,
    opts: { org?: OrgId; date?: string },
    defaults: { org: OrgId; today: string },
  ): QuestionReading {
    const folded = foldText(text);
    const choice = this.selector.select(folded, opts, defaults);
    const vector = clf.vector(text);
    const scores = clf.decide(vector);
    const others = otherPeriods(this.model.periodsOf(choice.org), choice);
    // A question about a body ("who sits in X?", "whom does X report to?") has its evidence in naming X.
    const evidence = (key: string) =>
      (key.startsWith('m:') ? 0 : Number(choice.named.includes(key.slice(2)))) || clf.evidence.of(text, key).value;
    const read = readScores(
      clf.classes,
      scores,
      choice.periods,
      others,
      this.catalogue,
      clf.vectorizer.unseenShare(text),
      evidence,
    );
    const recipient = asksRecipient(folded) ? toRecipient(read, choice.named) : read;
    const clause = besidesClause(text);
    const besides = clause ? this.selector.named(foldText(clause), choice.org) : [];
    const reading = besides.length > 0 ? leaveOut(recipient, besides) : recipient;
    return { folded, choice, vector, reading };
  }
}

/** The organisation's periods not asked about, nearest to the asked date first. */
function otherPeriods(all: ResolvedPeriod[], choice: PeriodChoice): ResolvedPeriod[] {
  const asked = new Set(choice.periods.map((p) => p.id));
  const at = Date.parse(`${choice.date}T00:00:00Z`);
  const distance = (p: ResolvedPeriod) => {
    const from = Date.parse(`${p.validFrom}T00:00:00Z`);
    const to = p.validTo ? Date.parse(`${p.validTo}T00:00:00Z`) : Infinity;
    return at < from ? from - at : at > to ? at - to : 0;
  };
  return all
    .filter((p) => !asked.has(p.id))
    .sort((a, b) => distance(a) - distance(b) || a.validFrom.localeCompare(b.validFrom));
}

/**
 * "Who takes part besides the directors from PPU?": a statement that names the bodies the question
 * leaves out together with others answers with the others. A statement made only of left-out bodies
 * stays as it is (the question then asks about something else, and the classifier's order decides).
 */
function leaveOut(r: Reading, besides: string[]): Reading {
  const narrow = (x: Ranked): Ranked => {
    if (x.statement.kind !== 'role') return x;
    const kept = x.statement.bodies.filter((b) => !besides.includes(b));
    if (kept.length === 0 || kept.length === x.statement.bodies.length) return x;
    return { ...x, statement: { ...x.statement, bodies: kept } };
  };
  return { ...r, inPeriod: r.inPeriod.map(narrow), ...(r.elsewhere ? { elsewhere: narrow(r.elsewhere) } : {}) };
}

/** The roles that receive what another role of the same matter sends: the decision, else the notice. */
const RECEIVING = ['decides', 'informed'] as const;

/**
 * "Whom does the steering group recommend cooperation agreements to?": the words point at the
 * statement of the body that recommends, which the question names; the answer is the body of the
 * same matter that receives it. The receiving statement takes the best statement's score, and the
 * two swap places, so the confidence is that of the reading, not of a tie.
 */
function toRecipient(r: Reading, named: string[]): Reading {
  const top = r.inPeriod[0];
  if (!top || top.statement.kind !== 'role') return r;
  const sender = top.statement;
  if ((RECEIVING as readonly string[]).includes(sender.role) || !sender.bodies.every((b) => named.includes(b)))
    return r;
  const sameMatter = (x: Ranked, role: string) =>
    x.statement.kind === 'role' && x.statement.matter.id === sender.matter.id && x.statement.role === role;
  const target = RECEIVING.map((role) => r.inPeriod.find((x) => sameMatter(x, role))).find(
    (x) => x !== undefined && !x.statement.bodies.every((b) => named.includes(b)),
  );
  if (!target) return r;
  const swapped = r.inPeriod.map((x) =>
    x === top ? { ...x, score: target.score } : x === target ? { ...x, score: top.score } : x,
  );
  swapped.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  return { ...r, inPeriod: swapped };
}
