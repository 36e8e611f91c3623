// The one catalogue of user texts: every key exists in both languages with the same shape (a
// phrase with parameters takes the same ones), no phrase is empty, and no source file outside the
// engine picks a language inline (`lang === 'da' ? ... : ...`): its words belong in the catalogue.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { texts } from '../../src/texts/catalogue';

type Node = unknown;

function shape(node: Node, path: string, out: Map<string, string>): void {
  if (typeof node === 'function') out.set(path, `function/${node.length}`);
  else if (Array.isArray(node)) {
    out.set(path, `array/${node.length}`);
    node.forEach((v, i) => shape(v, `${path}[${i}]`, out));
  } else if (node && typeof node === 'object') {
    out.set(path, 'object');
    for (const [k, v] of Object.entries(node)) shape(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, typeof node);
}

function strings(node: Node, path: string, out: Array<[string, string]>): void {
  if (typeof node === 'string') out.push([path, node]);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) strings(v, `${path}.${k}`, out);
}

// Until the engine and governance branches land, their answer texts stay where they are.
const OUTSIDE = ['engine/', 'governance/'];
const INLINE = /\b(lang|turn\.lang|v\.lang|a\.lang)\s*===\s*'(da|en)'\s*\?|\bda\s*\?\s*[`'"]/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the catalogue of user texts', () => {
  it('has every key in both languages, with the same shape', () => {
    const da = new Map<string, string>();
    const en = new Map<string, string>();
    shape(texts('da'), '', da);
    shape(texts('en'), '', en);
    const missing = [...da.keys()].filter((k) => !en.has(k)).map((k) => `en lacks ${k}`);
    const extra = [...en.keys()].filter((k) => !da.has(k)).map((k) => `da lacks ${k}`);
    const differ = [...da]
      .filter(([k, v]) => en.has(k) && en.get(k) !== v)
      .map(([k, v]) => `${k}: da ${v}, en ${en.get(k)}`);
    assert.deepEqual([...missing, ...extra, ...differ], []);
  });

  it('has no empty phrase', () => {
    for (const lang of ['da', 'en'] as const) {
      const all: Array<[string, string]> = [];
      strings(texts(lang), lang, all);
      assert.deepEqual(
        all.filter(([, s]) => s.trim() === '').map(([p]) => p),
        [],
      );
    }
  });

  it('is where the words are: no source outside the engine picks a language inline', () => {
    const src = join(__dirname, '..', '..', 'src');
    const found: string[] = [];
    for (const file of sources(src)) {
      const rel = relative(src, file).split('\\').join('/');
      if (OUTSIDE.some((o) => rel.startsWith(o)) || rel.startsWith('texts/')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => INLINE.test(line) && found.push(`src/${rel}:${i + 1}: ${line.trim().slice(0, 100)}`));
    }
    assert.deepEqual(found, []);
  });
});
