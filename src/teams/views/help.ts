// The help and welcome cards: what the bot answers, with example questions as buttons.
import type { Attachment } from 'botbuilder';
import type { Lang } from '../../assistant/answer';
import { labels, renderCard } from '../cards';
import { EXAMPLES, HELP_COMMANDS } from '../strings';

/** `intro` is an optional first line, e.g. why the help card is shown ("you wrote nothing"). */
export function helpCard(lang: Lang, intro = ''): Attachment {
  return renderCard('help', { labels: labels(lang), intro, examples: EXAMPLES[lang], commands: HELP_COMMANDS[lang] });
}

/** In a personal chat the @mention tip is noise; in a team or group chat it is the first thing to know. */
export function welcomeCard(lang: Lang, conversationType: string): Attachment {
  return renderCard('welcome', {
    labels: labels(lang),
    examples: EXAMPLES[lang],
    showChannelTip: conversationType !== 'personal',
  });
}
