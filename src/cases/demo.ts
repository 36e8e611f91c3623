// Demo cases taken from the source documents' own examples: the IV agreement and the respiration
// agreement are the organisation paper's type A examples (doc 001), inequality and the labour
// market its type B examples initiated by the steering group, and the follow-up research and the
// IHI Triple Aim heart-rehabilitation work the memo's examples of spending from the contingency
// pool (doc 000). Steps, dates and positions are invented for the demo, in 2026.
import type { Case, CaseEvent } from './model';
import type { CaseRecord } from './ports';

const SEED_ACTOR = { actorId: 'demo-seed', actorName: 'Sundhedsaftalesekretariatet' };

interface DemoStep {
  at: string;
  kind: CaseEvent['kind'];
  from?: string;
  to?: string;
  who?: string;
  comment?: string;
}

function record(
  c: Omit<Case, 'createdBy' | 'createdAt' | 'updatedAt' | 'version' | 'state' | 'poolApprovedAt'> & {
    poolApprovedAt?: string;
  },
  steps: DemoStep[],
): CaseRecord {
  const history: CaseEvent[] = steps.map((s, i) => ({
    id: i + 1,
    caseId: c.id,
    at: `${s.at}T09:00:00.000Z`,
    actorId: SEED_ACTOR.actorId,
    actorName: s.who ?? SEED_ACTOR.actorName,
    kind: s.kind,
    fromStep: s.from ?? null,
    toStep: s.to ?? null,
    comment: s.comment ?? null,
  }));
  return {
    case: {
      ...c,
      state: 'open',
      poolApprovedAt: c.poolApprovedAt ?? null,
      createdBy: SEED_ACTOR.actorId,
      createdAt: history[0]!.at,
      updatedAt: history[history.length - 1]!.at,
      version: history.length,
    },
    history,
  };
}

const ALL_MIDT_CLUSTERS = ['horsens', 'randers', 'aarhus', 'midt', 'vest'];

export function demoCases(): CaseRecord[] {
  return [
    record(
      {
        id: 'SAG-2026-0001',
        title: 'Samarbejdsaftale om intravenøs behandling i eget hjem (IV-aftalen)',
        titleEn: 'Cooperation agreement on intravenous treatment at home (the IV agreement)',
        org: 'midt',
        processId: 'type-a',
        clusters: ALL_MIDT_CLUSTERS,
        stepId: 'commenting',
        holder: 'sekretariat',
        deadlines: [
          { label: 'Høringssvar fra klynger og kommuner', date: '2026-11-20', stepId: 'commenting' },
          { label: 'Behandling i Sundhedsstyregruppen', date: '2026-12-10', stepId: 'ssg-approval' },
        ],
        documents: [
          {
            title: 'Aftaleudkast v3 (IV-behandling)',
            url: 'https://sharepoint.example/sundhedsaftale/iv-aftale-udkast-v3.docx',
          },
        ],
        amountDkk: null,
        poolYear: null,
        positions: [
          {
            party: 'Kommunerne (KOSU)',
            position: 'Regionen bør levere pumper og medicin til hele forløbet, også efter udskrivelse.',
          },
          {
            party: 'Regionen (hospitalerne)',
            position: 'Kommunerne overtager udstyret efter de første 14 dage i eget hjem.',
          },
        ],
        positionsProcess:
          'Fremlægges uforarbejdet for Sundhedsstyregruppen med forslag om en temadrøftelse og en fælles ' +
          'økonomisk konsekvensvurdering fra Triple Aim-gruppen.',
      },
      [
        { at: '2026-02-03', kind: 'created', to: 'terms-of-reference', comment: 'Kommissorium til godkendelse.' },
        {
          at: '2026-02-24',
          kind: 'moved',
          from: 'terms-of-reference',
          to: 'drafting-place',
          who: 'Sundhedsstyregruppen (ved sekretariatet)',
          comment: 'Kommissoriet godkendt på SSG-mødet.',
        },
        {
          at: '2026-03-12',
          kind: 'moved',
          from: 'drafting-place',
          to: 'drafting',
          who: 'Formandskabet (ved sekretariatet)',
          comment: 'Udarbejdes af en midlertidig arbejdsgruppe.',
        },
        {
          at: '2026-10-15',
          kind: 'moved',
          from: 'drafting',
          to: 'commenting',
          comment: 'Udkast sendt i kommentering hos klynger og kommuner.',
        },
      ],
    ),
    record(
      {
        id: 'SAG-2026-0002',
        title: 'Samarbejdsaftale om respirationsbehandling (respirationsaftalen)',
        titleEn: 'Cooperation agreement on respiratory treatment (the respiration agreement)',
        org: 'midt',
        processId: 'type-a',
        clusters: ALL_MIDT_CLUSTERS,
        stepId: 'drafting',
        holder: 'klynge',
        deadlines: [{ label: 'Udkast klar til kommentering', date: '2027-01-15', stepId: 'drafting' }],
        documents: [
          {
            title: 'Kommissorium for respirationsaftalen',
            url: 'https://sharepoint.example/sundhedsaftale/respiration-kommissorium.pdf',
          },
        ],
        amountDkk: null,
        poolYear: null,
        positions: [],
        positionsProcess: null,
      },
      [
        { at: '2026-04-08', kind: 'created', to: 'terms-of-reference' },
        {
          at: '2026-05-05',
          kind: 'moved',
          from: 'terms-of-reference',
          to: 'drafting-place',
          who: 'Formandskabet (ved sekretariatet)',
          comment: 'Kommissorium godkendt af formandskabet.',
        },
        {
          at: '2026-06-16',
          kind: 'moved',
          from: 'drafting-place',
          to: 'drafting',
          who: 'Sundhedsstyregruppen (ved sekretariatet)',
          comment: 'Aarhus-klyngen udarbejder aftalen.',
        },
      ],
    ),
    record(
      {
        id: 'SAG-2026-0003',
        title: 'Udviklingsopgave: social ulighed i sundhed (ulighed)',
        titleEn: 'Development task: social inequality in health (inequality)',
        org: 'midt',
        processId: 'type-b-ssg',
        clusters: ['randers', 'vest'],
        stepId: 'develop-and-test',
        holder: 'klynge',
        deadlines: [{ label: 'Status til Sundhedsstyregruppen', date: '2026-12-03', stepId: 'develop-and-test' }],
        documents: [
          {
            title: 'Opdragspapir: ulighed i sundhed',
            url: 'https://sharepoint.example/sundhedsaftale/opdrag-ulighed.pdf',
          },
        ],
        amountDkk: null,
        poolYear: null,
        positions: [],
        positionsProcess: null,
      },
      [
        { at: '2026-01-20', kind: 'created', to: 'commissioning-paper' },
        {
          at: '2026-03-03',
          kind: 'moved',
          from: 'commissioning-paper',
          to: 'develop-and-test',
          who: 'Sundhedsstyregruppen (ved sekretariatet)',
          comment: 'Randers- og Vest-klyngen afprøver løsninger.',
        },
      ],
    ),
    record(
      {
        id: 'SAG-2026-0004',
        title: 'Udviklingsopgave: tilknytning til arbejdsmarkedet (arbejdsmarked)',
        titleEn: 'Development task: attachment to the labour market (labour market)',
        org: 'midt',
        processId: 'type-b-ssg',
        clusters: ['horsens'],
        stepId: 'commissioning-paper',
        holder: 'ssg',
        deadlines: [{ label: 'Opdragspapir på SSG-mødet', date: '2026-12-10', stepId: 'commissioning-paper' }],
        documents: [],
        amountDkk: null,
        poolYear: null,
        positions: [
          { party: 'Jobcentrene (kommunerne)', position: 'Opgaven bør starte i beskæftigelsesindsatsen.' },
          {
            party: 'Psykiatrien (regionen)',
            position: 'Opgaven bør starte i behandlingsforløbet for borgere med psykiske lidelser.',
          },
        ],
        positionsProcess: 'Sekretariatet foreslår en fælles workshop før opdragspapiret godkendes.',
      },
      [{ at: '2026-09-08', kind: 'created', to: 'commissioning-paper', comment: 'Udkast til opdragspapir.' }],
    ),
    record(
      {
        id: 'SAG-2026-0005',
        title: 'Følgeforskningsprojektet om Sundhedsstyregruppens arbejdsformer (følgeforskning)',
        titleEn: "Follow-up research on the steering group's ways of working (follow-up research)",
        org: 'midt',
        processId: 'contingency-pool',
        clusters: [],
        stepId: 'booked',
        holder: 'sekretariat',
        deadlines: [],
        documents: [
          {
            title: 'Projektbeskrivelse, følgeforskning',
            url: 'https://sharepoint.example/sundhedsaftale/foelgeforskning.pdf',
          },
        ],
        amountDkk: 220000,
        poolYear: 2026,
        poolApprovedAt: '2026-03-02T09:00:00.000Z',
        positions: [],
        positionsProcess: null,
      },
      [
        {
          at: '2026-02-10',
          kind: 'created',
          to: 'recommendation',
          comment: 'Indstilling om 220.000 kr. fra beredskabspuljen.',
        },
        { at: '2026-02-12', kind: 'moved', from: 'recommendation', to: 'chair-approval' },
        {
          at: '2026-03-02',
          kind: 'moved',
          from: 'chair-approval',
          to: 'booked',
          who: 'Formandskabet (ved sekretariatet)',
          comment: 'Godkendt.',
        },
      ],
    ),
    record(
      {
        id: 'SAG-2026-0006',
        title: 'Triple Aim: implementering af hjerterehabiliteringsprogrammet (IHI)',
        titleEn: 'Triple Aim: implementing the heart rehabilitation programme (IHI)',
        org: 'midt',
        processId: 'contingency-pool',
        clusters: ALL_MIDT_CLUSTERS,
        stepId: 'chair-approval',
        holder: 'formandskab',
        deadlines: [{ label: 'Formandskabets svar', date: '2026-12-01', stepId: 'chair-approval' }],
        documents: [
          {
            title: 'Indstilling: Triple Aim hjerterehabilitering',
            url: 'https://sharepoint.example/sundhedsaftale/triple-aim-hjerte.pdf',
          },
        ],
        amountDkk: 180000,
        poolYear: 2026,
        positions: [],
        positionsProcess: null,
      },
      [
        {
          at: '2026-10-01',
          kind: 'created',
          to: 'recommendation',
          comment: 'Samarbejdet med IHI om Triple Aim, 180.000 kr.',
        },
        {
          at: '2026-11-17',
          kind: 'moved',
          from: 'recommendation',
          to: 'chair-approval',
          comment: 'Indstillet til formandskabet.',
        },
      ],
    ),
  ];
}
