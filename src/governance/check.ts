// Consistency of the resolved model beyond what the per-file schema can see: every body a rule or a
// process step names exists in that period, every source reference names a declared document, and
// the periods of one organisation do not overlap.
import type { ModelIssue, ResolvedPeriod } from './load';
import type { SourceRef } from './schema';

export function checkModel(periods: ResolvedPeriod[]): ModelIssue[] {
  const issues: ModelIssue[] = [];
  for (const p of periods) {
    const issue = (path: string, message: string) => issues.push({ file: p.file, path, message });
    const body = (id: string, path: string) => {
      if (!p.bodies.has(id)) issue(path, `names unknown body "${id}" (not defined in ${p.id} or what it inherits)`);
    };
    const source = (s: SourceRef, path: string) => {
      if (!p.sources.has(s.doc)) issue(`${path}.source`, `cites undeclared source document "${s.doc}"`);
    };
    if (p.validTo !== null && p.validTo < p.validFrom)
      issue('validTo', `ends (${p.validTo}) before it starts (${p.validFrom})`);

    for (const b of p.bodies.values()) {
      source(b.source, `bodies.${b.id}`);
      b.reportsTo.forEach((r) => {
        body(r.body, `bodies.${b.id}.reportsTo`);
        if (r.source) source(r.source, `bodies.${b.id}.reportsTo.${r.body}`);
      });
      b.compositionSources.forEach((s, i) => source(s, `bodies.${b.id}.compositionSources.${i}`));
    }
    for (const m of p.matters.values()) {
      for (const [role, entry] of Object.entries(m.roles)) {
        if (!entry) continue;
        entry.bodies.forEach((b) => body(b, `matters.${m.id}.roles.${role}`));
        source(entry.source, `matters.${m.id}.roles.${role}`);
      }
      m.conditions.forEach((c, i) => source(c.source, `matters.${m.id}.conditions.${i}`));
      if (m.process && !p.processes.has(m.process))
        issue(`matters.${m.id}.process`, `names unknown process "${m.process}"`);
    }
    for (const pr of p.processes.values()) {
      source(pr.source, `processes.${pr.id}`);
      const stepIds = new Set<string>();
      pr.steps.forEach((s, i) => {
        if (stepIds.has(s.id)) issue(`processes.${pr.id}.steps.${i}`, `step id "${s.id}" is used twice`);
        stepIds.add(s.id);
        s.holders.forEach((b) => body(b, `processes.${pr.id}.steps.${s.id}.holders`));
        s.movers.forEach((b) => body(b, `processes.${pr.id}.steps.${s.id}.movers`));
        source(s.source, `processes.${pr.id}.steps.${s.id}`);
        if (s.approval && !s.holders.some((h) => p.bodies.get(h)?.voteRule)) {
          issue(`processes.${pr.id}.steps.${s.id}`, 'is an approval step but no holder has a voteRule');
        }
      });
    }
    for (const pool of p.pools.values()) {
      [pool.keeper, pool.recommender, pool.approver].forEach((b) => body(b, `pools.${pool.id}`));
      source(pool.source, `pools.${pool.id}`);
    }
  }

  const orgs = new Set(periods.map((p) => p.org));
  for (const org of orgs) {
    const list = periods.filter((p) => p.org === org).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (prev.validTo === null || prev.validTo >= cur.validFrom) {
        issues.push({
          file: cur.file,
          path: 'validFrom',
          message:
            `overlaps ${prev.id} (${prev.validFrom} – ${prev.validTo ?? 'open'}); periods of ` +
            `${org} must not overlap`,
        });
      }
    }
  }
  return issues;
}
