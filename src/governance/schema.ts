// The governance model as data: one YAML file per organisation and period, validated here.
// A secretariat edits the YAML; this schema (and `npm run governance:check`) tells it when a file
// is malformed. Cross-file consistency (unknown bodies, overlapping periods) lives in check.ts.
import { z } from 'zod';
import { RealIsoDate } from '../common/dates';

const isoDate = RealIsoDate;
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower case ASCII with dashes (æ→ae, ø→oe, å→aa)');

export const Text = z.object({ da: z.string().min(1), en: z.string().min(1) }).strict();
export type Text = z.infer<typeof Text>;

/** Where a statement comes from: a source document declared in the file, the section, a short quote. */
export const SourceRef = z
  .object({
    doc: id,
    section: z.string().min(1),
    quote: z.string().min(1).max(400),
  })
  .strict();
export type SourceRef = z.infer<typeof SourceRef>;

export const SourceDoc = z
  .object({
    title: z.string().min(1),
    date: isoDate,
    author: z.string().optional(),
    file: z.string().min(1).describe('the seed document the text comes from'),
  })
  .strict();
export type SourceDoc = z.infer<typeof SourceDoc>;

export const Body = z
  .object({
    id,
    name: Text,
    short: z.string().optional().describe('abbreviation used in speech, e.g. SSG'),
    aliases: z.array(z.string().min(1)).default([]).describe('other names people use, in either language'),
    level: z.enum([
      'political',
      'administrative',
      'secretariat',
      'local',
      'working-group',
      'standing-group',
      'council',
      'national',
    ]),
    composition: Text.optional(),
    /** People-shaped seats; used by approvals (pairs) and shown on cards. */
    seats: z.array(z.object({ role: Text, chair: z.boolean().default(false) }).strict()).default([]),
    /** Further statements of who sits on the body, beyond the one its `source` quotes. */
    compositionSources: z.array(SourceRef).default([]),
    meets: Text.optional(),
    /**
     * The bodies this one reports to (refererer til / har reference til). An entry is a body id, or
     * `{ body, source }` when the documents say so in a sentence of their own.
     */
    reportsTo: z
      .array(
        z.union([
          id.transform((body): { body: string; source?: SourceRef } => ({ body })),
          z.object({ body: id, source: SourceRef }).strict(),
        ]),
      )
      .default([]),
    /** Vote rule when this body decides outside meetings (approvals). */
    voteRule: z.enum(['all-members', 'any-member', 'majority']).optional(),
    source: SourceRef,
  })
  .strict();
export type Body = z.infer<typeof Body>;

/** The parts a body can play in a matter. A question is mapped to one of these. */
export const Role = z.enum([
  'decides', // beslutter / godkender / afgør
  'recommends', // indstiller / anbefaler
  'prepares', // forbereder / udarbejder / skriver
  'initiates', // igangsætter / nedsætter / tager initiativ
  'implements', // implementerer / udmønter
  'responsible', // har ansvaret for / står for / tager sig af
  'negotiates', // forhandler
  'appoints', // udpeger
  'follows-up', // følger op / monitorerer
  'informed', // orienteres / modtager
  'advises', // rådgiver / drøfter / sparring
  'coordinates', // koordinerer
  'secretariat', // sekretariatsbetjener / er sekretariat for
  'sets-up', // nedsætter (grupper)
  'supplies-members', // stiller medlemmer til ("de fire sundhedsdirektører i SKU kommer fra FU")
]);
export type Role = z.infer<typeof Role>;

export const RoleEntry = z
  .object({
    bodies: z.array(id).min(1),
    note: Text.optional(),
    source: SourceRef,
  })
  .strict();
export type RoleEntry = z.infer<typeof RoleEntry>;

/**
 * A matter: something a body decides or is responsible for, with the route it takes.
 * `terms` describe the matter in the users' words (both languages); they are what questions are
 * matched against. `primary` is the role answered when a question does not say which part it asks about.
 */
export const Matter = z
  .object({
    id,
    title: Text,
    terms: z.object({ da: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)).min(1) }).strict(),
    primary: Role,
    roles: z
      .partialRecord(Role, RoleEntry)
      .refine((r) => Object.keys(r).length > 0, 'a matter needs at least one role'),
    conditions: z.array(z.object({ text: Text, source: SourceRef }).strict()).default([]),
    process: id.optional(),
    /**
     * Words a question must contain for this matter to apply at all (any one of them), where the
     * terms alone would also catch a neighbouring matter the documents do not cover: "activity
     * outside the national agreement" is for the practice planning committee, the national
     * agreement itself is not.
     */
    requires: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (!m.roles[m.primary])
      ctx.addIssue({ code: 'custom', message: `primary role "${m.primary}" has no entry in roles`, path: ['primary'] });
  });
export type Matter = z.infer<typeof Matter>;

export const ProcessStep = z
  .object({
    id,
    name: Text,
    role: Role.describe('what the holding body does at this step'),
    holders: z.array(id).min(1).describe('the bodies that hold the case at this step (alternatives)'),
    /** Bodies whose people may move the case on from this step (besides the secretariat, which administers). */
    movers: z.array(id).default([]),
    /** Where the case goes when the decision asks for changes; defaults to the previous step. */
    approval: z
      .boolean()
      .default(false)
      .describe('a decision taken outside meetings by a pair, with one-click approval'),
    source: SourceRef,
  })
  .strict();
export type ProcessStep = z.infer<typeof ProcessStep>;

export const Process = z
  .object({
    id,
    name: Text,
    kind: z.enum([
      'type-a',
      'type-b-ssg',
      'type-b-cluster',
      'contingency-pool',
      'formandskab-decision',
      'secretariat-decision',
      'theme-group-decision',
      'gp-negotiation',
    ]),
    involvesMoney: z.boolean().default(false),
    steps: z.array(ProcessStep).min(1),
    source: SourceRef,
  })
  .strict();
export type Process = z.infer<typeof Process>;

export const Pool = z
  .object({
    id,
    name: Text,
    annualAmountDkk: z.number().int().positive(),
    keeper: id,
    recommender: id,
    approver: id,
    source: SourceRef,
  })
  .strict();
export type Pool = z.infer<typeof Pool>;

export const Period = z
  .object({
    org: z.enum(['midt', 'nord']),
    period: id,
    title: Text,
    validFrom: isoDate,
    validTo: isoDate.nullable().describe('inclusive; null = still in force'),
    inherits: id.nullable().default(null),
    notes: z.array(Text).default([]).describe('editorial notes shown to users, e.g. how a text was read'),
    sources: z.record(id, SourceDoc),
    bodies: z.array(Body).default([]),
    /** Ids of bodies / matters / processes from the inherited period that no longer exist. */
    retire: z
      .object({ bodies: z.array(id).default([]), matters: z.array(id).default([]), processes: z.array(id).default([]) })
      .strict()
      .default({ bodies: [], matters: [], processes: [] }),
    matters: z.array(Matter).default([]),
    processes: z.array(Process).default([]),
    pools: z.array(Pool).default([]),
  })
  .strict();
export type Period = z.infer<typeof Period>;
