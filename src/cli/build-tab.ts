// `npm run build:tab`: bundles the tab's page (src/tab/page, TypeScript, with @microsoft/teams-js)
// with esbuild into build/tab, next to its HTML and CSS; the server serves that folder under /tab/.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src', 'tab', 'page');
const OUT = join(ROOT, 'build', 'tab');

export async function buildTab(outDir = OUT): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(SRC, 'main.ts')],
    outfile: join(outDir, 'tab.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'tab.css']) copyFileSync(join(SRC, f), join(outDir, f));
}

if (require.main === module) {
  buildTab().catch((err) => {
    process.stderr.write(`build:tab failed: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
