// Training texts made from the governance model itself, so that every statement of the model can
// be recognised even before anyone has written a question about it (a rule the secretariat adds is
// reachable after a retrain): for a matter's role, "hvem <verb> <term>?" for each of its terms and
// its title in both languages, and the quote the rule rests on; for a body, "hvem sidder i <name>?"
// and its composition; for a reporting line, "hvem refererer <name> til?".
import type { ResolvedPeriod } from '../governance/load';
import type { Role } from '../governance/schema';
import type { StatementCatalogue, StatementKey } from './statements';

/** How each role is asked about, in Danish and English (the verb of "hvem ... ?"). */
export const ROLE_VERBS: Record<string, { da: string[]; en: string[] }> = {
  decides: { da: ['beslutter', 'godkender'], en: ['decides', 'approves'] },
  recommends: { da: ['indstiller', 'anbefaler'], en: ['recommends'] },
  prepares: { da: ['forbereder', 'udarbejder'], en: ['prepares', 'drafts'] },
  initiates: { da: ['igangsætter', 'tager initiativ til'], en: ['initiates', 'launches'] },
  implements: { da: ['implementerer', 'udmønter'], en: ['implements', 'carries out'] },
  responsible: { da: ['har ansvaret for', 'står for'], en: ['is responsible for', 'handles'] },
  negotiates: { da: ['forhandler'], en: ['negotiates'] },
  appoints: { da: ['udpeger'], en: ['appoints'] },
  'follows-up': { da: ['følger op på'], en: ['follows up on'] },
  informed: { da: ['orienteres om', 'modtager'], en: ['is informed of', 'receives'] },
  advises: { da: ['rådgiver om', 'drøfter'], en: ['advises on', 'discusses'] },
  coordinates: { da: ['koordinerer'], en: ['coordinates'] },
  secretariat: {
    da: ['er sekretariat for', 'sekretariatsbetjener'],
    en: ['is the secretariat for', 'provides the secretariat for'],
  },
  'sets-up': { da: ['nedsætter', 'opretter'], en: ['sets up', 'establishes'] },
  'supplies-members': {
    da: ['stiller medlemmerne til', 'sender repræsentanter til'],
    en: ['provides the members of', 'sends representatives to'],
  },
};

export interface Phrase {
  text: string;
  label: StatementKey;
}

function verbsOf(role: Role | string): { da: string[]; en: string[] } {
  return ROLE_VERBS[role] ?? { da: ['står for'], en: ['is responsible for'] };
}

/** The phrases of every statement of every period, each text once per label. */
export function modelPhrases(periods: ResolvedPeriod[], catalogue: StatementCatalogue): Phrase[] {
  const out: Phrase[] = [];
  const seen = new Set<string>();
  const add = (label: StatementKey, text: string) => {
    const k = `${label}|${text}`;
    if (text.trim() === '' || seen.has(k)) return;
    seen.add(k);
    out.push({ label, text });
  };
  for (const p of periods) {
    for (const s of catalogue.in(p).values()) {
      if (s.kind === 'role') {
        const v = verbsOf(s.role);
        const m = s.matter;
        m.terms.da.forEach((t, i) => add(s.key, `hvem ${v.da[i % v.da.length]} ${t}`));
        m.terms.en.forEach((t, i) => add(s.key, `who ${v.en[i % v.en.length]} ${t}`));
        add(s.key, `hvem ${v.da[0]} ${m.title.da}`);
        add(s.key, `who ${v.en[0]} ${m.title.en}`);
        add(s.key, s.quotes[0]!.quote);
      } else if (s.kind === 'body') {
        const b = s.body;
        add(s.key, `hvem sidder i ${b.name.da}`);
        add(s.key, `who sits on ${b.name.en}`);
        if (b.composition) {
          add(s.key, `hvilket organ består af ${b.composition.da}`);
          add(s.key, `which body consists of ${b.composition.en}`);
        }
        if (b.meets) {
          add(s.key, `hvilket organ holder ${b.meets.da}`);
          add(s.key, `which body holds ${b.meets.en}`);
        }
      } else {
        add(s.key, `hvem refererer ${s.body.name.da} til`);
        add(s.key, `who does ${s.body.name.en} report to`);
      }
    }
  }
  return out;
}
