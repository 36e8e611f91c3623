// Every fixed phrase the bot says in chat or on a card, in Danish and English. Card templates bind
// to `labels.*`, so a template serves both languages and a translation is one edit here.
import type { Lang } from '../assistant/answer';

const da = {
  decides: 'Beslutter',
  meets: 'Mødes',
  route: 'Sagens vej',
  conditions: 'Det afhænger af',
  notes: 'Bemærk',
  source: 'Kilde',
  sources: 'Kilder',
  section: 'afsnit',
  confidence: 'Sikkerhed',
  lowConfidence: 'Jeg er ikke helt sikker på svaret. Tjek kilden, eller spørg mere præcist.',
  validFrom: 'gælder fra',
  clarifyTitle: 'Mener du ...?',
  clarifyIntro: 'Dit spørgsmål ligner flere regler. Vælg den du mener:',
  outOfScopeTitle: 'Det ligger uden for sundhedsaftalen',
  canAnswer: 'Jeg kan svare på',
  tryExamples: 'Prøv for eksempel',
  helpTitle: 'Hvad kan jeg hjælpe med?',
  helpIntro:
    'Jeg svarer på, hvem der beslutter, indstiller, forbereder og udmønter i sundhedsaftale-samarbejdet i Region Midtjylland og Nordjylland, med kilde fra aftaleteksterne. Skriv dit spørgsmål med dine egne ord.',
  helpOrg: 'Nævn "i Nordjylland" eller et årstal ("i 2015") for at spørge om en anden organisation eller en anden periode.',
  helpChannel: 'I en kanal eller gruppechat: skriv @ og mit navn foran spørgsmålet.',
  welcomeTitle: 'Hej! Jeg er sundhedsaftale-botten',
  welcomeIntro:
    'Spørg mig, hvem der beslutter hvad i sundhedsaftale-samarbejdet: styregrupper, udvalg, klynger, puljer og processer. Jeg svarer med kilden fra aftaleteksterne.',
  emptyMessage: 'Du skrev ikke noget spørgsmål. Her er, hvad jeg kan:',
  attachmentOnly: 'Jeg kan ikke læse vedhæftede filer eller billeder. Skriv dit spørgsmål som tekst, så svarer jeg.',
  truncated: (max: number) => `Din besked var meget lang, så jeg har kun læst de første ${max} tegn. Stil gerne et kortere spørgsmål.`,
  turnError: 'Beklager, noget gik galt, da jeg skulle svare. Prøv igen om lidt.',
  databaseBusy: 'Beklager, databasen er optaget lige nu, så jeg kunne ikke svare. Prøv igen om et øjeblik.',
  unknownAction: 'Den knap kender jeg ikke (kortet er måske forældet). Skriv dit spørgsmål igen.',
  badAction: 'Knappen sendte ufuldstændige data. Skriv dit spørgsmål igen.',
  scope: [
    'Hvem beslutter, godkender eller indstiller en sag',
    'Hvilken vej en sag går: forbereder, indstiller, beslutter, udmønter',
    'Hvordan det var i en tidligere periode (2015, 2016, 2017)',
    'Region Midtjylland og Nordjylland',
  ],
  orgs: { midt: 'Region Midtjylland', nord: 'Nordjylland' },
  and: 'og',
};

export type Strings = typeof da;

const en: Strings = {
  decides: 'Decides',
  meets: 'Meets',
  route: 'The route',
  conditions: 'It depends on',
  notes: 'Note',
  source: 'Source',
  sources: 'Sources',
  section: 'section',
  confidence: 'Confidence',
  lowConfidence: 'I am not quite sure about this answer. Check the source, or ask more precisely.',
  validFrom: 'applies from',
  clarifyTitle: 'Do you mean ...?',
  clarifyIntro: 'Your question is close to several rules. Pick the one you mean:',
  outOfScopeTitle: 'That is outside the health agreement',
  canAnswer: 'I can answer',
  tryExamples: 'Try for example',
  helpTitle: 'What can I help with?',
  helpIntro:
    'I answer who decides, recommends, prepares and implements in the health agreement cooperation in Central Denmark Region and North Jutland, citing the agreement texts. Ask in your own words.',
  helpOrg: 'Mention "in North Jutland" or a year ("in 2015") to ask about the other organisation or an earlier period.',
  helpChannel: 'In a channel or group chat: type @ and my name before the question.',
  welcomeTitle: 'Hi! I am the health agreement bot',
  welcomeIntro:
    'Ask me who decides what in the health agreement cooperation: steering groups, committees, clusters, pools and processes. I answer with the source in the agreement texts.',
  emptyMessage: 'You did not write a question. Here is what I can do:',
  attachmentOnly: 'I cannot read attached files or images. Write your question as text and I will answer.',
  truncated: (max: number) => `Your message was very long, so I only read the first ${max} characters. A shorter question works best.`,
  turnError: 'Sorry, something went wrong while I was answering. Please try again in a moment.',
  databaseBusy: 'Sorry, the database is busy right now, so I could not answer. Please try again in a moment.',
  unknownAction: 'I do not know that button (the card may be outdated). Please ask your question again.',
  badAction: 'The button sent incomplete data. Please ask your question again.',
  scope: [
    'Who decides, approves or recommends a matter',
    'The route a matter takes: prepares, recommends, decides, implements',
    'How it was in an earlier period (2015, 2016, 2017)',
    'Central Denmark Region and North Jutland',
  ],
  orgs: { midt: 'Central Denmark Region', nord: 'North Jutland' },
  and: 'and',
};

/**
 * Questions shown on the help and welcome cards; each is a button that asks it. A test checks that
 * the real engine answers every one of them, so they stay true when the model changes.
 */
export const EXAMPLES: Record<Lang, string[]> = {
  da: [
    'Hvem beslutter om vi må bruge penge fra beredskabspuljen?',
    'Hvem godkender en ny samarbejdsaftale?',
    'Hvem traf beslutning om sundhedsfaglige forhold i 2015?',
    'Hvem forhandler med PLO i Nordjylland?',
  ],
  en: [
    'Who decides on spending from the contingency pool?',
    'Who approves a new cooperation agreement?',
    'Who decided health-professional matters in 2015?',
    'Who negotiates with general practitioners in North Jutland?',
  ],
};

const STRINGS: Record<Lang, Strings> = { da, en };

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

/** One line per further command (cases, approvals, subscriptions); features add theirs here. */
export const HELP_COMMANDS: Record<Lang, string[]> = { da: [], en: [] };
