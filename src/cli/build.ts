// `npm run build [-- --if-stale]`: the production build. Compiles src/ to dist/ (tsc,
// tsconfig.build.json), copies the files src/ reads next to its code (the governance model's YAML, also stored parsed),
// then runs every other `build:<part>` script of package.json in name order, so a part of the
// build (the tab's bundle, say) joins by adding its script. With --if-stale it does nothing when
// the build is newer than every file it is made from (`npm run bot` and `npm start` use that).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { storeParsedYaml } from '../governance/parsed-yaml';

const PROJECT_ROOT = join(__dirname, '..', '..');
const OUT = join(PROJECT_ROOT, 'dist');
const STAMP = join(OUT, '.built');
/** What the build is made from, besides src/. */
const INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function newestInput(): number {
  const files = [...filesUnder(join(PROJECT_ROOT, 'src')), ...INPUTS.map((f) => join(PROJECT_ROOT, f))];
  return Math.max(...files.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
}

function run(command: string, args: string[]): void {
  process.stderr.write(`build: ${command} ${args.join(' ')}\n`);
  execFileSync(command, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
}

function main(argv: string[]): void {
  if (argv.includes('--if-stale') && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestInput()) {
    process.stderr.write('build: dist/ is up to date\n');
    return;
  }
  const started = Date.now();
  run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  const src = join(PROJECT_ROOT, 'src');
  for (const file of filesUnder(src).filter((f) => !f.endsWith('.ts'))) {
    const target = join(OUT, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  const parsed = storeParsedYaml(join(OUT, 'governance', 'data'));
  process.stderr.write(`build: ${parsed} governance files stored parsed\n`);
  const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  for (const name of Object.keys(scripts)
    .filter((n) => n.startsWith('build:'))
    .sort())
    run(npm, ['run', '--silent', name]);
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  process.stderr.write(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main(process.argv.slice(2));
