// Every fixed phrase users read, in English, with the same keys as src/texts/da.ts.
import type { Texts } from './catalogue';

export const en: Texts = {
  cases: {
    noPool: 'There is no contingency pool for this organisation.',
  },
};
