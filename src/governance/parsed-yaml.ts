// Parsing the governance YAML is most of the bot's start-up (~1.5 s for 210 kB with the yaml package);
// the build (`npm run build`) stores each file's parse as JSON next to it, keyed by the hash of the
// text it came from, so the built bot reads JSON. A copy whose hash does not match is not used.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';

const CACHE_DIR = '.parsed';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The YAML text `text` of `dir/name` parsed: from the build's stored parse when it is of this text. */
export function parseGovernanceYaml(dir: string, name: string, text: string): unknown {
  const cached = join(dir, CACHE_DIR, `${name}.json`);
  if (existsSync(cached)) {
    try {
      const stored = JSON.parse(readFileSync(cached, 'utf8')) as { sha256?: string; data?: unknown };
      if (stored.sha256 === sha256(text)) return stored.data;
    } catch {
      // an unreadable copy is ignored: the YAML is the source
    }
  }
  return parseYaml(text);
}

/** Stores the parse of every YAML file in `dir` that JSON holds exactly (the build calls this). */
export function storeParsedYaml(dir: string): number {
  let stored = 0;
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    const text = readFileSync(join(dir, name), 'utf8');
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch {
      continue; // start-up reports it from the YAML
    }
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(data)), data)) continue;
    mkdirSync(join(dir, CACHE_DIR), { recursive: true });
    writeFileSync(join(dir, CACHE_DIR, `${name}.json`), JSON.stringify({ sha256: sha256(text), data }));
    stored++;
  }
  return stored;
}
