// The bot's fixed phrases (chat and cards) live in the one catalogue (src/texts, sections `bot`
// and `help`); card templates bind to `labels.*`, so a template serves both languages.
import type { Lang } from '../common/ids';
import { texts, type Texts } from '../texts/catalogue';

export type Strings = Texts['bot'];

export function strings(lang: Lang): Strings {
  return texts(lang).bot;
}

/** The example questions of the help and welcome cards (a test asks the real engine each one). */
export const EXAMPLES: Record<Lang, readonly string[]> = {
  da: texts('da').help.examples,
  en: texts('en').help.examples,
};

/** One line per further feature (cases, approvals, subscriptions) on the help card. */
export const HELP_COMMANDS: Record<Lang, readonly string[]> = {
  da: texts('da').help.commands,
  en: texts('en').help.commands,
};
