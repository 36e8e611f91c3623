// Reads one question with a trained classifier: which organisation and period it is about, and how
// the statements of that period (and of the others) score. Shared by the engine and by training's
// cross-validation, so both read questions the same way.
import type { GovernanceModel, ResolvedPeriod } from '../governance/load';
import type { OrgId } from '../assistant/answer';
import type { TextClassifier } from './classifier';
import { readScores, type Reading } from './decide';
import type { SparseVector } from './features';
import { foldText } from './normalize';
import { PeriodSelector, type PeriodChoice } from './period';
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
    const reading = readScores(
      clf.classes,
      scores,
      choice.periods,
      others,
      this.catalogue,
      clf.vectorizer.unseenShare(text),
      evidence,
    );
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
