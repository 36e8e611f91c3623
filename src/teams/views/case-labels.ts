// The case cards' and replies' phrases live in the one catalogue (src/texts, section `caseCards`).
import type { Lang } from '../../common/ids';
import { texts, type Texts } from '../../texts/catalogue';

export type CaseLabels = Texts['caseCards'];

export function caseLabels(lang: Lang): CaseLabels {
  return texts(lang).caseCards;
}

/** The string-valued labels a template binds to as `labels.*`. */
export function caseTemplateLabels(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(caseLabels(lang))) if (typeof v === 'string') out[k] = v;
  return out;
}
