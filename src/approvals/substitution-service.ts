// "stedfortræder Dorte Jensen fra 1.12 til 15.12", "stop stedfortræder", "stedfortræder": a seat
// holder names, revokes or looks up the stand-in who may vote in their place. The stand-in's
// cards follow: open rounds are updated, and a stand-in who starts today gets them in their chat.
import type { OrgId } from '../common/ids';
import type { Background } from './background';
import type { ApprovalDeps } from './deps';
import type { CardDelivery } from './delivery';
import type { HistoryEvent } from './ports';
import { parseSubstituteCommand } from './substitute-command';
import { planSubstitution } from './substitutes';
import { approvalTexts, type ApprovalLang } from './texts';
import type { Approval } from './types';

export class SubstitutionService {
  constructor(
    private readonly deps: ApprovalDeps,
    private readonly delivery: CardDelivery,
    private readonly background: Background,
  ) {}

  async substitute(
    user: { aadObjectId: string; name: string },
    org: OrgId,
    text: string,
    lang: ApprovalLang,
  ): Promise<string> {
    const t = approvalTexts(lang).substitutes;
    const today = this.deps.clock.today();
    const cmd = parseSubstituteCommand(text, today);
    const me = await this.deps.directory.get(user.aadObjectId);
    const seats = (me?.roles ?? []).filter((r) => this.approvalBodies(org).has(r));
    if (cmd.kind === 'show') {
      const live = <S extends { revokedAt: string | null; to: string }>(list: S[]) =>
        list.filter((s) => s.revokedAt === null && s.to >= today);
      const lines = [
        ...live(await this.deps.store.substitutionsFor([user.aadObjectId])).map((s) =>
          t.yourSubstitute(s.substituteName, s.from, s.to),
        ),
        ...live(await this.deps.store.substitutionsBy(user.aadObjectId)).map((s) =>
          t.youStandIn(s.principalName, s.from, s.to),
        ),
      ];
      return lines.length > 0 ? lines.join('\n') : t.none;
    }
    if (!me || seats.length === 0) return t.noSeat;
    const actor = { aadObjectId: user.aadObjectId, name: me.name };
    if (cmd.kind === 'revoke') {
      const revoked = await this.deps.store.revokeSubstitutions(
        user.aadObjectId,
        this.event(actor, approvalTexts('da').substitutes.revokedNote),
      );
      return revoked.length > 0 ? t.revoked(revoked.map((s) => s.substituteName).join(', ')) : t.noneToRevoke;
    }
    if (cmd.kind === 'invalid') return t.invalid[cmd.reason];
    const candidates = await this.findPeople(org, cmd.name);
    if (candidates.length === 0) return t.unknownPerson(cmd.name.slice(0, 80));
    if (candidates.length > 1) return t.several(candidates.map((p) => p.name).join(', '));
    const substitute = candidates[0]!;
    const coMembers = new Set<string>();
    for (const body of seats)
      for (const p of await this.deps.directory.list({ org, role: body })) coMembers.add(p.aadObjectId);
    const plan = planSubstitution({
      id: this.deps.newId(),
      principal: { aadObjectId: user.aadObjectId, name: me.name },
      substitute: { aadObjectId: substitute.aadObjectId, name: substitute.name },
      from: cmd.from,
      to: cmd.to,
      now: this.deps.clock.now().toISOString(),
      today,
      coMembers: [...coMembers],
      existing: await this.deps.store.substitutionsFor([user.aadObjectId]),
    });
    if (plan.kind === 'overlap') return t.overlap(plan.existing.substituteName, plan.existing.from, plan.existing.to);
    if (plan.kind === 'invalid')
      return plan.reason === 'co_member' ? t.coMember(substitute.name) : t.refused[plan.reason];
    const s = plan.substitution;
    await this.deps.store.addSubstitution(s, this.event(actor, `${s.substituteName}: ${s.from} – ${s.to}`));
    const seatsOpen = (await this.deps.store.listOpen()).filter((a) =>
      a.approvers.some((p) => p.aadObjectId === user.aadObjectId),
    );
    for (const a of seatsOpen) this.delivery.scheduleSync(a.id);
    // A substitute who starts today gets the waiting cards in their own chat with the bot.
    if (this.deps.config.personalCopies && s.from <= today && seatsOpen.length > 0) {
      this.background.run(this.copiesFor(seatsOpen, s.substituteAadId), `copies for ${s.substituteName}`);
    }
    return t.named(s.substituteName, s.from, s.to);
  }

  /** Plans a personal copy of each round for the stand-in; delivered now, or when their chat is known. */
  private async copiesFor(rounds: Approval[], substituteAadId: string): Promise<void> {
    for (const a of rounds) {
      await this.delivery.plan(a, [substituteAadId]);
      await this.delivery.deliver({ approvalId: a.id, audienceAadId: substituteAadId });
    }
  }

  private approvalBodies(org: OrgId): Set<string> {
    const out = new Set<string>();
    for (const p of this.deps.catalog.processes(org, this.deps.clock.today()))
      for (const s of p.steps) if (s.approval) s.holders.forEach((h) => out.add(h));
    return out;
  }

  private async findPeople(org: OrgId, name: string): Promise<Array<{ aadObjectId: string; name: string }>> {
    const fold = (s: string) =>
      s
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    const wanted = fold(name);
    const people = await this.deps.directory.list({ org });
    const exact = people.filter((p) => fold(p.name) === wanted);
    if (exact.length > 0) return exact;
    const words = wanted.split(' ');
    return people.filter((p) =>
      words.every((w) =>
        fold(p.name)
          .split(' ')
          .some((pw) => pw.startsWith(w)),
      ),
    );
  }

  private event(actor: { aadObjectId: string; name: string }, comment: string): HistoryEvent {
    return {
      at: this.deps.clock.now().toISOString(),
      actorId: actor.aadObjectId,
      actorName: actor.name,
      kind: 'substitution',
      fromStep: null,
      toStep: null,
      comment,
    };
  }
}
