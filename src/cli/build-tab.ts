// `npm run build:tab`: bundles the tab's page (src/tab/page, TypeScript, with @microsoft/teams-js)
// with esbuild into build/tab, next to its HTML and CSS; the server serves that folder under /tab/.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src', 'tab', 'page');
const OUT = join(ROOT, 'build', 'tab');

export async function buildTab(outDir = OUT): Promise<void> {
  // Chunk names carry a hash: start empty so old chunks do not pile up.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(SRC, 'main.ts')],
    outdir: outDir,
    entryNames: 'tab',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    minify: true,
    // ES modules with splitting: teams-js is a chunk of its own, loaded only inside Teams.
    format: 'esm',
    splitting: true,
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
