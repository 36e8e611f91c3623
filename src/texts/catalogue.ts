// The one catalogue of user texts: one object per language with the same keys (Danish first).
// Code asks `texts(lang)` for a phrase instead of writing `lang === 'da' ? ... : ...` inline, so
// a translation is one edit, and a test checks that every key exists in both languages.
import type { Lang } from '../common/ids';
import { da } from './da';
import { en } from './en';

export type Texts = typeof da;

const CATALOGUE: Record<Lang, Texts> = { da, en };

export function texts(lang: Lang): Texts {
  return CATALOGUE[lang];
}
