// Seeding the demo cases: only into a store without cases, so real data is never mixed with demo.
import { demoCases } from './demo';
import type { CaseRepository } from './ports';

export async function seedDemoCasesIfEmpty(repo: CaseRepository): Promise<{ seeded: number }> {
  if ((await repo.count()) > 0) return { seeded: 0 };
  const r = await repo.importAll(demoCases());
  return { seeded: r.kind === 'imported' ? r.count : 0 };
}
