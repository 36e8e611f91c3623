import { strict as assert } from 'node:assert';
import { activeSubstitutionFor, planSubstitution, type SubstitutionRequest } from '../../src/approvals/substitutes';
import { eligibleVoters, seatFor } from '../../src/approvals/eligibility';
import { approval, chairMunicipal, chairRegion, deputy, outsider, substitution } from './builders';

function request(over: Partial<SubstitutionRequest> = {}): SubstitutionRequest {
  return {
    id: 'sub-new',
    principal: chairMunicipal,
    substitute: deputy,
    from: '2026-12-01',
    to: '2026-12-15',
    now: '2026-11-26T10:00:00Z',
    today: '2026-11-26',
    coMembers: [chairRegion.aadObjectId, chairMunicipal.aadObjectId],
    existing: [],
    ...over,
  };
}

describe('approvals/substitutes', () => {
  it('plans a valid substitution', () => {
    const r = planSubstitution(request());
    assert.equal(r.kind, 'ok');
    if (r.kind === 'ok') {
      assert.equal(r.substitution.substituteAadId, deputy.aadObjectId);
      assert.equal(r.substitution.principalName, chairMunicipal.name);
      assert.equal(r.substitution.revokedAt, null);
    }
  });

  it('refuses oneself, a reversed or past period, an over-long one, and the other member of the pair', () => {
    assert.deepEqual(planSubstitution(request({ substitute: chairMunicipal })), { kind: 'invalid', reason: 'self' });
    assert.deepEqual(planSubstitution(request({ from: '2026-12-16' })), { kind: 'invalid', reason: 'range' });
    assert.deepEqual(planSubstitution(request({ from: '2026-11-01', to: '2026-11-20' })), {
      kind: 'invalid',
      reason: 'past',
    });
    assert.deepEqual(planSubstitution(request({ to: '2028-01-01' })), { kind: 'invalid', reason: 'too_long' });
    assert.deepEqual(planSubstitution(request({ substitute: chairRegion })), { kind: 'invalid', reason: 'co_member' });
  });

  it('refuses an overlapping substitution for the same principal, but not a revoked one', () => {
    const existing = substitution(chairMunicipal, outsider, '2026-12-10', '2026-12-20');
    const r = planSubstitution(request({ existing: [existing] }));
    assert.equal(r.kind === 'overlap' && r.existing.id, existing.id);
    assert.equal(
      planSubstitution(request({ existing: [{ ...existing, revokedAt: '2026-11-25T00:00:00Z' }] })).kind,
      'ok',
    );
    assert.equal(planSubstitution(request({ existing: [{ ...existing, from: '2026-12-16' }] })).kind, 'ok');
  });

  it('finds the active substitution on a date, newest first, inclusive of both ends', () => {
    const older = substitution(chairMunicipal, outsider, '2026-12-01', '2026-12-15');
    const newer = {
      ...substitution(chairMunicipal, deputy, '2026-12-01', '2026-12-15'),
      createdAt: '2026-11-25T00:00:00Z',
    };
    assert.equal(
      activeSubstitutionFor(chairMunicipal.aadObjectId, [older, newer], '2026-12-01')?.substituteAadId,
      deputy.aadObjectId,
    );
    assert.equal(activeSubstitutionFor(chairMunicipal.aadObjectId, [older, newer], '2026-12-15')?.id, newer.id);
    assert.equal(activeSubstitutionFor(chairMunicipal.aadObjectId, [older, newer], '2026-12-16'), undefined);
    assert.equal(activeSubstitutionFor(chairRegion.aadObjectId, [older, newer], '2026-12-05'), undefined);
  });

  it('gives seat holders their own seat and substitutes the seat they stand in for', () => {
    const a = approval();
    const subs = [substitution(chairRegion, deputy, '2026-11-01', '2026-12-31')];
    assert.equal(seatFor(a, chairRegion.aadObjectId, subs, '2026-11-26')?.kind, 'self');
    const s = seatFor(a, deputy.aadObjectId, subs, '2026-11-26');
    assert.equal(s?.kind === 'substitute' && s.seat.aadObjectId, chairRegion.aadObjectId);
    assert.equal(seatFor(a, outsider.aadObjectId, subs, '2026-11-26'), null);
    assert.deepEqual(eligibleVoters(a, subs, '2026-11-26'), [
      chairRegion.aadObjectId,
      chairMunicipal.aadObjectId,
      deputy.aadObjectId,
    ]);
    assert.deepEqual(eligibleVoters(a, subs, '2027-01-01'), [chairRegion.aadObjectId, chairMunicipal.aadObjectId]);
  });
});
