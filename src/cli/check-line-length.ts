// `npm run lint` (and so `npm test`): no line of the TypeScript sources, tests or card templates is
// longer than 120 characters. Biome formats to that width, but it does not break a long string, a
// regular expression or a comment; this check sees those too. Exit status 1 lists every offender.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MAX = 120;
const DIRS = ['src', 'test', 'cards'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.(ts|json)$/.test(e.name) ? [path] : [];
  });
}

const long: string[] = [];
for (const dir of DIRS) {
  for (const file of files(join(ROOT, dir))) {
    const rel = relative(ROOT, file).split('\\').join('/');
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // Characters, not UTF-16 units: "æøå" count once.
        const length = [...line].length;
        if (length > MAX) long.push(`${rel}:${i + 1}: ${length} characters`);
      });
  }
}
if (long.length > 0) {
  process.stderr.write(`Lines over ${MAX} characters (${long.length}):\n${long.join('\n')}\n`);
  process.exit(1);
}
