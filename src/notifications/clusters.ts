// The clusters (klynger) of each organisation, from env/clusters.yaml. Membership is the
// secretariat's configuration (the source documents only give the number of clusters), so it is
// validated at start-up and a bad file stops the bot with the reason rather than misrouting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { OrgId } from '../assistant/answer';
import { foldText } from '../engine/normalize';

const Text = z.object({ da: z.string().min(1), en: z.string().min(1) }).strict();

export const Cluster = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'cluster ids are lower case ASCII with dashes'),
    name: Text,
    aliases: z.array(z.string().min(1)).default([]),
    municipalities: z.array(z.string().min(1)).min(1),
    hospitals: z.array(z.string().min(1)).default([]),
    note: Text.optional(),
  })
  .strict();
export type Cluster = z.infer<typeof Cluster>;

const OrgClusters = z
  .object({ clusters: z.array(Cluster).min(1) })
  .strict()
  .superRefine((org, ctx) => {
    const seenIds = new Set<string>();
    const seenMunicipalities = new Map<string, string>();
    org.clusters.forEach((c, i) => {
      if (seenIds.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['clusters', i, 'id'], message: `duplicate cluster id "${c.id}"` });
      seenIds.add(c.id);
      for (const m of c.municipalities) {
        const key = foldText(m);
        const other = seenMunicipalities.get(key);
        if (other)
          ctx.addIssue({
            code: 'custom',
            path: ['clusters', i, 'municipalities'],
            message: `${m} is in both ${other} and ${c.id}`,
          });
        seenMunicipalities.set(key, c.id);
      }
    });
  });

export const ClusterConfig = z
  .object({ organisations: z.object({ midt: OrgClusters, nord: OrgClusters }).strict() })
  .strict();
export type ClusterConfig = z.infer<typeof ClusterConfig>;

export type ClusterConfigResult = { kind: 'ok'; config: ClusterConfig } | { kind: 'invalid'; errors: string[] };

export function parseClusterConfig(yamlText: string): ClusterConfigResult {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (e) {
    return { kind: 'invalid', errors: [`not valid YAML: ${(e as Error).message}`] };
  }
  const parsed = ClusterConfig.safeParse(raw);
  if (!parsed.success)
    return { kind: 'invalid', errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`) };
  return { kind: 'ok', config: parsed.data };
}

export const DEFAULT_CLUSTERS_FILE = join(__dirname, '..', '..', 'env', 'clusters.yaml');

/** Reads and validates the cluster file; throws with every reason, since the bot cannot route without it. */
export function loadClusterConfig(file: string = DEFAULT_CLUSTERS_FILE): ClusterConfig {
  const result = parseClusterConfig(readFileSync(file, 'utf8'));
  if (result.kind === 'invalid') throw new Error(`${file} is invalid:\n  ${result.errors.join('\n  ')}`);
  return result.config;
}

export function clustersOf(config: ClusterConfig, org: OrgId): Cluster[] {
  return config.organisations[org].clusters;
}

export function clusterById(config: ClusterConfig, org: OrgId, id: string): Cluster | undefined {
  return clustersOf(config, org).find((c) => c.id === id);
}

export type ClusterMatch =
  | { kind: 'found'; cluster: Cluster; via: 'name' | 'municipality' | 'hospital' }
  | { kind: 'ambiguous'; candidates: Cluster[] }
  | { kind: 'not_found'; known: Cluster[] };

const FILLER = new Set(['klynge', 'klyngen', 'klyngerne', 'cluster', 'the', 'den', 'til', 'paa', 'on', 'to', 'for']);

function key(text: string): string {
  return foldText(text)
    .split(/[\s-]+/)
    .filter((w) => w && !FILLER.has(w))
    .join(' ')
    .replace(/klyngen$/, '')
    .trim();
}

/**
 * Finds the cluster a user named: by id, name or alias first, then by a member municipality or
 * hospital ("klynge Skanderborg" means the cluster Skanderborg belongs to).
 */
export function findCluster(config: ClusterConfig, org: OrgId, text: string): ClusterMatch {
  const clusters = clustersOf(config, org);
  const wanted = key(text);
  if (!wanted) return { kind: 'not_found', known: clusters };
  const byName = clusters.filter((c) => [c.id, c.name.da, c.name.en, ...c.aliases].some((n) => key(n) === wanted));
  if (byName.length === 1) return { kind: 'found', cluster: byName[0]!, via: 'name' };
  if (byName.length > 1) return { kind: 'ambiguous', candidates: byName };
  const byMunicipality = clusters.filter((c) => c.municipalities.some((m) => key(m) === wanted));
  if (byMunicipality.length === 1) return { kind: 'found', cluster: byMunicipality[0]!, via: 'municipality' };
  const byHospital = clusters.filter((c) =>
    c.hospitals.some((h) => key(h) === wanted || key(h).split(' ').includes(wanted)),
  );
  if (byHospital.length === 1) return { kind: 'found', cluster: byHospital[0]!, via: 'hospital' };
  return { kind: 'not_found', known: clusters };
}
