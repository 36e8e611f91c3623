// Moving a case through its process. The steps, their order, which bodies hold a step and who may
// move a case on from it all come from the governance model's process definitions; the
// secretariat administers every process and may move any case. A case moves one step forward,
// or back one step when a decision asks for changes (with a comment saying why); moving on from
// the last step closes it.
import type { Process, ProcessStep, Text } from '../governance/schema';
import { bodiesOf, isSecretariatStaff } from '../directory/person';
import type { Actor, Case } from './model';

/** The pseudo-step a move names to close a case after its last step. */
export const CLOSE_STEP = 'closed';

export type MoveRefusal =
  | 'closed'
  | 'not_at_step'
  | 'unknown_step'
  | 'not_adjacent'
  | 'holder_not_allowed'
  | 'not_allowed'
  | 'comment_required'
  | 'decided_by_vote';

export type MovePlan =
  | { kind: 'ok'; direction: 'forward' | 'back' | 'close'; from: ProcessStep; to: ProcessStep | null; holder: string }
  | { kind: 'refused'; reason: MoveRefusal; message: Text };

export interface MoveRequest {
  /** The step the mover believes the case is at (from the card they clicked). */
  fromStepId: string;
  toStepId: string;
  holder?: string;
  comment?: string;
  /** Set by the approvals feature when the pair's vote has decided the step (not by a person). */
  decidedByVote?: boolean;
}

const stepName = (s: ProcessStep | undefined, lang: 'da' | 'en'): string => (s ? s.name[lang] : '?');

export function stepIndex(process: Process, stepId: string): number {
  return process.steps.findIndex((s) => s.id === stepId);
}

/** May this person move the case on from this step? Secretariat staff always; else the step's movers. */
export function mayMove(actor: Pick<Actor, 'roles'>, step: ProcessStep, c: Pick<Case, 'clusters'>): boolean {
  if (isSecretariatStaff(actor)) return true;
  const mine = new Set(bodiesOf(actor));
  return step.movers.some((body) => {
    if (!mine.has(body)) return false;
    if (body !== 'klynge' || c.clusters.length === 0) return true;
    // A cluster moves only the cases it is involved in.
    return actor.roles.some((r) => r.startsWith('klynge:') && c.clusters.includes(r.slice('klynge:'.length)));
  });
}

export function planMove(process: Process, c: Case, actor: Actor, req: MoveRequest): MovePlan {
  const refuse = (reason: MoveRefusal, da: string, en: string): MovePlan => ({
    kind: 'refused',
    reason,
    message: { da, en },
  });
  const i = stepIndex(process, c.stepId);
  const current = process.steps[i];
  if (c.state === 'closed' || !current)
    return refuse('closed', `Sagen ${c.id} er afsluttet.`, `Case ${c.id} is closed.`);
  if (req.fromStepId !== c.stepId) {
    return refuse(
      'not_at_step',
      `Sagen ${c.id} står ikke ved "${stepName(process.steps[stepIndex(process, req.fromStepId)], 'da')}" men ` +
        `ved "${current.name.da}".`,
      `Case ${c.id} is not at "${stepName(process.steps[stepIndex(process, req.fromStepId)], 'en')}" but at ` +
        `"${current.name.en}".`,
    );
  }
  // An approval step is the pair's decision: its members vote on the approval card and the case
  // moves when the vote rule is met. One member may not move it alone. The secretariat may record a
  // decision the body took in a meeting, saying so in the comment.
  if (current.approval && !req.decidedByVote && !isSecretariatStaff(actor)) {
    return refuse(
      'decided_by_vote',
      `"${current.name.da}" afgøres ved afstemning på godkendelseskortet; sagen flytter, når afstemningen er afgjort.`,
      `"${current.name.en}" is decided by the vote on the approval card; the case moves when the vote is decided.`,
    );
  }
  if (current.approval && !req.decidedByVote && !req.comment?.trim()) {
    return refuse(
      'comment_required',
      `Skriv, hvornår og hvor beslutningen om "${current.name.da}" blev truffet (fx formandskabets møde den ...).`,
      `Say when and where the decision on "${current.name.en}" was taken (e.g. the chairmanship's meeting on ...).`,
    );
  }
  if (!mayMove(actor, current, c)) {
    const who = ['sekretariat', ...current.movers].join(', ');
    return refuse(
      'not_allowed',
      `Du kan ikke flytte sagen videre fra "${current.name.da}". Det kan: ${who}.`,
      `You cannot move the case on from "${current.name.en}". Who can: ${who}.`,
    );
  }
  const next = process.steps[i + 1];
  const prev = process.steps[i - 1];
  let direction: 'forward' | 'back' | 'close';
  let to: ProcessStep | null;
  if (req.toStepId === CLOSE_STEP && !next) {
    direction = 'close';
    to = null;
  } else if (next && req.toStepId === next.id) {
    direction = 'forward';
    to = next;
  } else if (prev && req.toStepId === prev.id) {
    direction = 'back';
    to = prev;
  } else {
    const options = [next ? `"${next.name.da}"` : 'afslutning', prev ? `tilbage til "${prev.name.da}"` : null]
      .filter(Boolean)
      .join(' eller ');
    const optionsEn = [next ? `"${next.name.en}"` : 'closing', prev ? `back to "${prev.name.en}"` : null]
      .filter(Boolean)
      .join(' or ');
    if (req.toStepId !== CLOSE_STEP && stepIndex(process, req.toStepId) < 0) {
      return refuse(
        'unknown_step',
        `Processen "${process.name.da}" har intet trin "${req.toStepId}". Herfra kan sagen gå til ${options}.`,
        `The process "${process.name.en}" has no step "${req.toStepId}". From here the case can go to ${optionsEn}.`,
      );
    }
    return refuse(
      'not_adjacent',
      `Sagen kan ikke springe trin over. Fra "${current.name.da}" kan den gå til ${options}.`,
      `A case cannot skip steps. From "${current.name.en}" it can go to ${optionsEn}.`,
    );
  }
  if (direction === 'back' && !req.comment?.trim()) {
    return refuse(
      'comment_required',
      'Skriv en begrundelse, når sagen sendes tilbage.',
      'Give a reason when sending the case back.',
    );
  }
  let holder = c.holder;
  if (to) {
    holder = req.holder ?? (to.holders.includes(c.holder) ? c.holder : to.holders[0]!);
    if (!to.holders.includes(holder)) {
      return refuse(
        'holder_not_allowed',
        `Ved "${to.name.da}" ligger sagen hos en af: ${to.holders.join(', ')} (ikke ${holder}).`,
        `At "${to.name.en}" the case is held by one of: ${to.holders.join(', ')} (not ${holder}).`,
      );
    }
  }
  return { kind: 'ok', direction, from: current, to, holder };
}
