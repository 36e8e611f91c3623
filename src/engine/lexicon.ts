// Words the engine knows independently of the governance model: which verbs ask about which role,
// function words to ignore, and general synonyms. Body names and aliases come from the model itself.
// All entries are folded (see normalize.ts): æ→ae, ø→oe, å→aa, lower case.
import type { Role } from '../governance/schema';

/**
 * Role cues: regexes over the folded question. Verb cues name the role and are not topic words
 * ("beslutter", "approves"); Danish verb cues match verb endings only, so the nouns stay topic words
 * ("implementeringen", "godkendelsen"). Noun cues name a role only right after a generic cue
 * ("står for implementeringen", "responsible for the approval of") or when no verb cue is found.
 * The cue nearest the start wins, except that a generic cue followed closely by a specific one
 * yields the specific one.
 */
export interface RoleCueDef {
  role: Role;
  re: RegExp;
  generic?: boolean;
  noun?: boolean;
}

const V = (role: Role, re: RegExp, generic = false): RoleCueDef => ({ role, re, generic });
const N = (role: Role, re: RegExp): RoleCueDef => ({ role, re, noun: true });

export const ROLE_CUES: RoleCueDef[] = [
  V('recommends', /\b(indstill(er|ede|e|es)|anbefal(er|ede|e|es)|recommend(s|ed)?|advocat(es|ed|e))\b/g),
  V('negotiates', /\b(forhandl(er|ede|e|es)|negotiat(es|ed|e)|bargain(s|ed)?)\b/g),
  V('appoints', /\b(pick(s|ed)?|choos(es|e)|chose|select(s|ed)?|vaelg(er|e|es)|valgte|udpeg(er|ede|e|es)|udnaevn(er|te|e|es)|appoint(s|ed)?|nominat(es|ed|e)|designat(es|ed|e)|vaelger medlemmerne)\b/g),
  V('implements', /\b(i vaerk|implementer(er|ede|e|es|et)?|implement(s|ed)?|udmoent(er|ede|e|es)|roll(s|ed)? out|put(s)? into practice|foer(er|te|e) ud i livet|carr(y|ies|ied) out|omsaett(er|e|es)|omsatte)\b/g),
  V('initiates', /\b(igangsaett(er|e|es)|igangsatte|igangsaetter|i gang|initier(er|ede|e|es)|initiat(es|ed|e)|ivaerksaett(er|e|es)|ivaerksatte|tager initiativ(et)?|launch(es|ed)?|kick(s|ed)? off|commission(s|ed)?|nedsaett(er|e|es)|nedsatte|sets? up|establish(es|ed)?|etabler(er|ede|e|es)|start(s|ed|er|ede|e)|opret(ter|tede|te|tes))\b/g),
  V('prepares', /\b(draw(s|n)? up|drew up|forbered(er|te|e|es)|udarbejd(er|ede|e|es)|udform(er|ede|e|es)|skriv(er|e|es)|skrev|draft(s|ed)?|prepar(es|ed|e)|writ(e|es)|wrote|formulat(es|ed|e)|lav(er|ede|e|es)|planlaegg(er|e|es)|planlagde|plan(s|ned)?|udvikl(er|ede|e|es)|develop(s|ed)?)\b/g),
  V('follows-up', /\b(foelg(er|e) op|fulgte op|opfoelg(er|e)|monitor(s|ed)?|monitorer(er|e)|follow(s|ed)? up|track(s|ed)?|evaluer(er|ede|e|es)|evaluat(es|ed|e))\b/g),
  V('informed', /\b(til orientering|for information|report(s|ed)?|orienter(es|et)|modtag(er|e|es)|modtog|indrapporter(es|e)|rapporter(er|e|es) til|sendes til|meldes ind|melde(s)? ind|sent to|report(s|ed)? to|receiv(es|ed|e)|informed|notified|be told|reference til|refer(er|erer|ere|s|red)?|accountable to|har reference|tilsendt|tilsendes|meld(e|er|es) (det |dem |den )?(ind|til))\b/g),
  V('advises', /\b(raadgiv(er|e)|droeft(er|e|es)|advis(es|ed|e)|discuss(es|ed)?|consult(s|ed)?)\b/g),
  V('decides', /\b(udsted(er|te|e|es)|fastsaett(er|e|es)|fastsatte|fastlaegg(er|e|es)|fastlagde|styr(er|ede|e|es)|traeffer|traf|beslutt(er|ede|e|es)|beslutter|besluttede|bestem(mer|te|me|mes)|godkend(er|te|e|es)|vedtag(er|e|es)|vedtog|afgoer|afgjorde|afgoeres|traeff(er|e) ((en|de|den|det) )?beslutning(er|en|erne)?|traf ((en|de|den|det) )?beslutning(er|en|erne)?|tager ((en|de|den|det) )?beslutning(er|en|erne)?|lay(s)? down|laid down|har (beslutnings)?kompetence(n)?( til)?|decid(es|ed|e)|approv(es|ed|e)|sign(s|ed)? (it |them |this )?off|has the final say|final say|authori[sz](es|ed|e)|ratif(ies|ied|y)|green light|go-ahead|say(s)? yes|accept(s|ed)?|behandl(er|ede|e|es)|handl(es|ed|e) sager|(make|makes|made|making|take|takes|took|taking|give|gives|gave|giver|gav)(?=( \w+){0,3} (decisions?|approval|godkendelse(n)?|beslutning(er|en)?)\b))\b/g),
  V('responsible', /\b(ansvar(lig|et|en)?|staar for|stod for|tager sig af|tog sig af|varetag(er|e|es)|haandter(er|ede|e|es)|soerg(er|e) for|sikr(er|e) (at|sig)|responsib(le|ility)|in charge|handl(es|ed|e)?|takes? care|took care|deal(s|t)? with|looks? after|owns?|runs?|leads?|led|leder|ledede|keeps?|foerer|holds?|makes? sure|ensures?|fungerer som|acts? as|serves? as)\b/g, true),
  N('decides', /\b(godkendelse(n|r|rne)?|beslutning(en|er|erne)?|approval|decision|beslutningskompetence(n)?)\b/g),
  N('implements', /\b(implementering(en)?|udmoentning(en)?|implementation)\b/g),
  N('prepares', /\b(udarbejdelse(n)?|forberedelse(n)?|drafting|preparation)\b/g),
  N('recommends', /\b(indstilling(en|er)?|anbefaling(en|er)?|recommendation)\b/g),
  N('negotiates', /\b(forhandling(en|er|erne)?|negotiation(s)?)\b/g),
  N('appoints', /\b(udpegning(en|er|erne)?|appointment(s)?)\b/g),
  N('follows-up', /\b(opfoelgning(en)?|monitorering(en)?|follow-up|monitoring)\b/g),
  N('prepares', /\b(drafting|preparing|planning|developing|writing)\b/g),
  N('implements', /\b(implementing|rolling out|carrying out)\b/g),
  N('initiates', /\b(initiating|launching|setting up|establishing|commissioning)\b/g),
  N('negotiates', /\b(negotiating)\b/g),
  N('appoints', /\b(appointing|selecting|nominating)\b/g),
  N('follows-up', /\b(following up|tracking|evaluating)\b/g),
  N('decides', /\b(approving|deciding)\b/g),
  N('recommends', /\b(recommending)\b/g),
];

/**
 * Common words that say little about the topic ("sørge", "relevant", "make sure"). A question word
 * the model does not know counts against the match unless it is one of these: "rejseudgifter" and
 * "army" are topics the documents do not cover; "ordentligt" is not.
 */
export const GENERIC_WORDS = new Set(
  `skal skulle kan kunne vil ville maa boer faar fik faa give giver gav goer gjorde goere tage tager tog tages blive bliver blev gaa gaar gik
   komme kommer kom se ser saa staa staar stod sige siger sagde vide ved vidste holde holder holdt ligge ligger laa saette saetter satte
   sikre sikrer sikrede soerge soerger soergede bruge bruger brugte finde finder fandt hjaelpe hjaelper vaere gerne lige nok egentlig
   faktisk typisk normalt altid aldrig ofte nogle mange flere faerre hele helt ny nye nyt gammel gamle god godt gode stor store lille
   smaa foerste sidste anden andre andet samme rigtig rigtige ordentlig ordentligt relevant relevante endelig endelige enkelte konkret
   konkrete generel generelle generelt egen eget egne saadan saadanne vores deres hans hendes dens dets hinanden ting tingene
   spoergsmaal spoergsmaalet svar svaret ansvar ansvaret opgave opgaven opgaver opgaverne arbejde arbejdet arbejder omraade omraadet
   dag dage uge uger aar aaret maaned tid tiden gang gange lokalt lokale lokal nu idag i dag forhold forholdet
   make makes made making get gets got give gives gave take takes took go goes went come comes came see sees saw say says said know
   knows knew keep keeps kept put puts set sets use uses used find finds found help helps ensure ensures ensured sure happen happens
   need needs needed want wants like really actually usually typically normally always never often many much few new old good great
   big small first last other others same right proper properly relevant final finally specific general own such each every
   thing things question questions answer task tasks work works area areas day days week year years time times today nowadays currently
   current now then one ones anyone someone somebody body bodies group groups forum who whom responsible person people organisation
   organization institution unit entity exactly precisely officially formally senere foer inden selv imellem falder hvert hver
   together according way against before after but however individual produced produces represents represent kroner mio million
   maengde loese loeser styrke styrker meget mere blandt gennem igennem via per pr omkring derefter siden nemlig eksempel eksempelvis
   januar februar marts april maj juni juli august september oktober november december january february march may june july october
   fungere fungerer fungerede fungeret slags form type gaelde gaelder gjaldt gaeldende tilbud tilbuddet daekke daekker daekket
   omfatte omfatter omfattet inkludere inkluderer indgaa indgaar indgik kunne burde skulle maatte lave laver
   serve serves served serveres serverer servere henblik standing temp tmp stuff ting sager vedr vedroerende ang angaaende mht
   folk personer nogen nogle person saette saetter satte saettes finished faerdig faerdige reached naaet
   fx eg etc example instance also therefore still already once again case mostly mainly primarily particular particularly
   regarding concerning related relating within without across among through throughout upon onto whether either neither nor both
   saerligt saerlig isaer baade hverken eller enten naar mens imens fordi derfor dog alligevel allerede igen stadig hele`.split(/\s+/).filter(Boolean),
);

/** Words that carry no topic. Kept short on purpose: "uden", "mellem", "hverken" carry meaning here. */
export const STOPWORDS = new Set(
  `hvem hvad hvilken hvilket hvilke hvor hvordan hvornaar hvorfor hvis om og eller i paa til fra for af med ved er var bliver blev vaere
   har havde skal skulle kan kunne maa maatte vil ville bør boer den det de der en et som at sig sin sit sine os vi jeg du man hun han
   denne dette disse her nu saa ogsaa ikke da end efter under over mod hos ind ud op ned nogen noget nogle alle alt mere mest meget
   the a an of to in on at for by with from who whom whose which what when where why how is are was were be been being do does did
   has have had shall should can could may might must will would this that these those it its there their they them we us you your
   our i me my and or if not no as into about than then so also any some all more most very just
   min mit mine dig din dit dine mig hans hendes our ours his her hers mine yours
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
  ['medlem', 'medlemmer', 'member', 'members', 'deltager', 'deltagere', 'deltagerne', 'participants'],
  ['formand', 'formaend', 'chair', 'chairs', 'chairman', 'chairperson', 'medformand', 'co-chair'],
  ['portefoelje', 'portfolio'],
  ['skalering', 'opskalering', 'scaling', 'scale', 'spredning', 'spreading', 'spread', 'spredes', 'sprede', 'spredt', 'udbredelse', 'udbrede', 'udbredes', 'roll-out'],
  ['betingelse', 'betingelser', 'vilkaar', 'vilkaarene', 'conditions'],
  ['fysioterapi', 'fysioterapeuter', 'fysioterapeut', 'physiotherapy', 'physiotherapists'],
  ['vejlede', 'vejleder', 'vejledning', 'guide', 'guidance', 'advise'],
  ['afproevning', 'afproevninger', 'afproever', 'afproeve', 'afproevede', 'tests', 'tested', 'testing', 'trial', 'trials', 'test', 'pilot', 'pilotprojekter', 'pilots'],
  ['loesning', 'loesninger', 'solution', 'solutions'],
  ['overordnet', 'overordnede', 'overall', 'overarching', 'overordnede'],
  ['bringe', 'bringes', 'bringer', 'bring', 'brings', 'brought', 'bringing', 'forelaegge', 'forelaegges', 'forelagt', 'presented', 'present'],
  ['hurtig', 'hurtige', 'quick', 'fast', 'urgent', 'haster'],
  ['folkesundhed', 'public'],
];


/** Role verbs as people type them; a misspelt one ("apporves", "resposible") is repaired to these. */
export const CUE_FORMS = `approve approves approved approval decide decides decided decision responsible responsibility handles handle
  prepares prepare prepared drafts drafted recommends recommend recommended negotiates negotiate negotiated appoints appoint appointed
  implements implement implemented implementing initiates initiated launches launched establishes godkender godkendte godkende
  godkendelse beslutter besluttede beslutte bestemmer bestemte ansvarlig ansvaret haandterer forbereder udarbejder udarbejdede
  indstiller indstillede anbefaler forhandler forhandlede udpeger udpegede implementerer implementere igangsaetter igangsatte
  nedsaetter nedsatte varetager fastsaetter`.split(/\s+/).filter(Boolean);

/** Other Danish regions and places the documents do not cover: a question about them is out of scope. */
export const OTHER_REGIONS = /\b(region (hovedstaden|sjaelland|syddanmark)|hovedstaden|region sjaelland|syddanmark|capital region|region of southern denmark|southern denmark|region zealand|zealand|sjaelland|fyn|funen|bornholm|greenland|groenland|faeroe\w*|faeroeerne|sweden|sverige|norway|norge|germany|tyskland)\b/;
