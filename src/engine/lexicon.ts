// Words the engine knows independently of the governance model: which verbs ask about which role,
// function words to ignore, and general synonyms. Body names and aliases come from the model itself.
// All entries are folded (see normalize.ts): æ→ae, ø→oe, å→aa, lower case.
import type { Role } from '../governance/schema';

/**
 * Role cues: a regex over the folded question, in priority order within a role. The cue nearest the
 * start of the question wins, except that a generic cue ("står for", "is responsible for") followed
 * by a more specific one ("at implementere") yields the specific one.
 */
export const ROLE_CUES: Array<{ role: Role; re: RegExp; generic?: boolean }> = [
  { role: 'recommends', re: /\b(indstill\w*|anbefal\w*|recommend\w*|advocat\w*|proposes? (to|for) approval)\b/g },
  { role: 'negotiates', re: /\b(forhandl\w*|negotiat\w*|bargain\w*)\b/g },
  { role: 'appoints', re: /\b(udpeg\w*|udnaevn\w*|appoint\w*|nominat\w*|designat\w*)\b/g },
  { role: 'implements', re: /\b(implementer\w*|implement\w*|udmoent\w*|roll(s|ed|ing)? out|rolls? it out|put(s)? into practice|fører? ud i livet|foerer ud i livet|carr(y|ies|ied) out|iværksætter implementering)\b/g },
  { role: 'initiates', re: /\b(igangsaet\w*|saetter (\w+ )?i gang|initier\w*|initiat\w*|iværksaet\w*|ivaerksaet\w*|tager initiativ\w*|launch\w*|kicks? off|kick(ed|ing) off|commission(s|ed|ing)?|nedsaet\w*|sets? up|setting up|establish\w*|etabler\w*|starts?|started|starter|opretter|oprette\w*)\b/g },
  { role: 'prepares', re: /\b(forbered\w*|udarbejd\w*|udform\w*|skriv\w*|draft\w*|prepar\w*|writ(e|es|ing)|wrote|formulat\w*|lav(er|e)|planlaeg\w*|plans?|planning)\b/g },
  { role: 'follows-up', re: /\b(foelg\w* op|foelger op|opfoelg\w*|monitor\w*|follow(s|ed|ing)? up|track\w*|evaluer\w*|evaluat\w*)\b/g },
  { role: 'informed', re: /\b(orienter\w*|modtag\w*|indrapporter\w*|rapporter\w* til|sendes til|sent to|report(s|ed)? to|receiv\w*|informed|notified|be told)\b/g },
  { role: 'advises', re: /\b(raadgiv\w*|droeft\w*|sparring\w*|advis\w*|discuss\w*|consult\w*|sounding board|dialog\w*)\b/g },
  {
    role: 'decides',
    re: /\b(beslut\w*|bestem\w*|godkend\w*|vedtag\w*|vedtog|afgoer\w*|afgjorde|traeff?er beslutning\w*|traf beslutning\w*|beslutningskompetence\w*|kompetence til|decid\w*|decision\w*|approv\w*|sign(s|ed)? off|final say|authori[sz]\w*|ratif\w*|green light|go-ahead|go ahead|say(s)? yes|accept\w*|behandl\w*|handl\w* sager)\b/g,
  },
  { role: 'responsible', generic: true, re: /\b(ansvar\w*|staar for|stod for|tager sig af|tog sig af|varetag\w*|haandter\w*|responsib\w*|in charge|handl(es|ed|ing)?|takes? care|took care|deal(s|t)? with|looks? after|owns?|runs?|leads?|leder|keeps?|foerer|holds?)\b/g },
];

/** Words that carry no topic. Kept short on purpose: "uden", "mellem", "hverken" carry meaning here. */
export const STOPWORDS = new Set(
  `hvem hvad hvilken hvilket hvilke hvor hvordan hvornaar hvorfor hvis om og eller i paa til fra for af med ved er var bliver blev vaere
   har havde skal skulle kan kunne maa maatte vil ville bør boer den det de der en et som at sig sin sit sine os vi jeg du man hun han
   denne dette disse her nu saa ogsaa ikke da end efter under over mod hos ind ud op ned nogen noget nogle alle alt mere mest meget
   the a an of to in on at for by with from who whom whose which what when where why how is are was were be been being do does did
   has have had shall should can could may might must will would this that these those it its there their they them we us you your
   our i me my and or if not no as into about than then so also any some all more most very just
   egentlig egentligt mon monstro lige nu please venligst tak thanks gerne`.split(/\s+/).filter(Boolean),
);

/**
 * General synonym groups (folded words, matched on stems): each group becomes one concept token, so
 * "pulje", "pool" and "fund" meet. Kept to equivalences the documents support; body names live in the model.
 */
export const SYNONYM_GROUPS: string[][] = [
  ['pulje', 'puljen', 'pool', 'fund', 'funds', 'beredskabspulje', 'reserve'],
  ['beredskab', 'contingency', 'emergency', 'beredskabs'],
  ['udgift', 'udgifter', 'expense', 'expenses', 'spending', 'spend', 'cost', 'costs', 'udgiftsafholdelse', 'betaling', 'payment', 'paid', 'pay', 'penge', 'money', 'midler', 'bevilling', 'grant', 'finansiering', 'funding'],
  ['samarbejdsaftale', 'cooperation', 'collaboration', 'samarbejdsaftaler', 'samarbejdsaftalerne'],
  ['aftale', 'aftaler', 'agreement', 'agreements', 'aftalen', 'deal'],
  ['kommissorium', 'kommissorier', 'mandate', 'charter', 'remit', 'tor', 'reference'],
  ['arbejdsgruppe', 'arbejdsgrupper', 'workgroup', 'taskforce'],
  ['klynge', 'klynger', 'cluster', 'clusters', 'klyngerne'],
  ['udviklingsopgave', 'udviklingsopgaver', 'udviklingsprojekt', 'development'],
  ['strategisk', 'strategiske', 'strategic', 'strategi', 'strategy'],
  ['beslutning', 'beslutninger', 'decision', 'decisions'],
  ['moede', 'moeder', 'moederne', 'meeting', 'meetings', 'moedes'],
  ['uden', 'outside', 'between', 'mellem', 'udenfor'],
  ['koordinering', 'koordinerende', 'coordination', 'coordinating', 'coordinate', 'koordinere'],
  ['processuel', 'processuelle', 'procedural', 'process', 'processer', 'proces'],
  ['tvaergaaende', 'cross-cutting', 'crosscutting', 'tvaersektoriel', 'tvaersektorielle', 'cross-sector'],
  ['kvalitet', 'kvalitetsmaessig', 'quality'],
  ['oekonomi', 'oekonomisk', 'oekonomiske', 'economic', 'economy', 'financial', 'budget', 'budgets', 'finance'],
  ['organisatorisk', 'organisational', 'organizational'],
  ['vaesentlig', 'vaesentlige', 'significant', 'major', 'important', 'substantial'],
  ['politisk', 'politiske', 'political', 'politics', 'policy'],
  ['retning', 'direction', 'course'],
  ['maal', 'goal', 'goals', 'targets', 'aims', 'objectives', 'maalsaetninger'],
  ['implementering', 'implementation', 'udmoentning'],
  ['praksis', 'practice', 'gp', 'gps', 'laege', 'laeger', 'doctor', 'doctors', 'praktiserende', 'practitioners', 'praksislaeger', 'lægepraksis'],
  ['almen', 'general', 'family'],
  ['landsoverenskomst', 'landsoverenskomsten', 'national', 'overenskomst', 'overenskomsten', 'collective'],
  ['foedeplan', 'foedeplanen', 'maternity', 'birth', 'births', 'obstetric', 'obstetrics', 'svangreomsorg', 'foedsel', 'foedsler', 'gravid', 'gravide', 'pregnancy', 'pregnant'],
  ['tand', 'taender', 'tandpleje', 'dental', 'dentistry', 'teeth', 'tandlaege', 'tandlaeger', 'dentist', 'dentists'],
  ['hjerneskade', 'brain', 'hjerneskader', 'hjerneskadede'],
  ['boern', 'born', 'children', 'child', 'kids', 'unge', 'young'],
  ['voksne', 'adults', 'adult', 'voksen'],
  ['hjaelpemidler', 'hjaelpemiddel', 'aids', 'devices', 'assistive'],
  ['afrapportering', 'rapportering', 'reporting', 'report', 'reports', 'rapport'],
  ['monitorering', 'monitoring'],
  ['indikator', 'indikatorer', 'indicator', 'indicators', 'kpi', 'kpis'],
  ['formidling', 'kommunikation', 'communication', 'communications', 'nyhedsbrev', 'nyhedsbreve', 'newsletter', 'newsletters', 'nyhedsmails', 'hjemmeside', 'hjemmesiden', 'website'],
  ['dagsorden', 'dagsordener', 'agenda', 'agendas'],
  ['uenighed', 'uenigheder', 'disagreement', 'disagreements', 'modsaetninger', 'conflict', 'conflicts', 'diverging', 'divergerende'],
  ['sag', 'sager', 'case', 'cases', 'matter', 'matters', 'issue', 'issues', 'emner'],
  ['forhandling', 'negotiation', 'negotiations'],
  ['deltagelse', 'participation', 'involvement', 'deltage', 'participate'],
  ['projekt', 'projekter', 'project', 'projects'],
  ['patient', 'patienter', 'patients', 'borger', 'borgere', 'citizen', 'citizens'],
  ['inddragelse', 'involvement', 'involve', 'involving', 'inddrage'],
  ['drift', 'operation', 'operations'],
  ['klage', 'klager', 'klagesager', 'complaint', 'complaints'],
  ['region', 'regional', 'regionale'],
  ['kommune', 'kommuner', 'kommunerne', 'municipality', 'municipalities', 'municipal', 'kommunale', 'kommunal'],
  ['sundhedsaftale', 'sundhedsaftalen', 'sundhedsaftaler', 'health-agreement', 'sundhedsaftalesamarbejdet'],
  ['implementer', 'implementere'],
  ['regnskab', 'accounts', 'accounting', 'bookkeeping', 'ledger', 'bogfoering'],
  ['forloebsprogram', 'forloebsprogrammer', 'programmes', 'programme', 'program', 'programs', 'pathway', 'pathways'],
  ['kol', 'copd'],
  ['hjertekar', 'cardiovascular', 'heart'],
  ['temagruppe', 'temagrupper', 'theme', 'themes', 'thematic'],
  ['sundhedsfaglig', 'sundhedsfaglige', 'clinical', 'faglige', 'professional'],
  ['principiel', 'principielle', 'principled', 'principle', 'fundamental'],
  ['udkast', 'draft', 'drafts', 'forslag', 'proposal', 'proposals'],
  ['analyse', 'analyser', 'analysis', 'analyses'],
  ['medlem', 'medlemmer', 'member', 'members'],
  ['formand', 'formaend', 'chair', 'chairs', 'chairman', 'chairperson', 'medformand', 'co-chair'],
  ['portefoelje', 'portfolio'],
  ['skalering', 'opskalering', 'scaling', 'scale', 'spredning', 'spreading', 'spread', 'udbredelse', 'roll-out'],
  ['afproevning', 'afproevninger', 'testing', 'trial', 'trials', 'test', 'pilot', 'pilotprojekter', 'pilots'],
  ['loesning', 'loesninger', 'solution', 'solutions'],
  ['hurtig', 'hurtige', 'quick', 'fast', 'urgent', 'haster'],
  ['folkesundhed', 'public'],
];

/** Words that say a question is about the organisation even when no rule matches well. */
export const DOMAIN_HINTS = /\b(sundhedsaftal\w*|health agreement\w*|sundhedssamarbejd\w*|styregrupp\w*|klynge\w*|cluster\w*|sekretariat\w*|secretariat\w*|formandskab\w*|udvalg\w*|committee\w*|region\w*|kommun\w*|municipal\w*|samarbejdsaftal\w*|pulje\w*|pool)\b/;
