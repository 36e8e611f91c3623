// A compiled form of the Adaptive Card templates for the expressions our cards use: property paths
// ("${name}", "${$root.labels.x}", "${$data}"), "$data" over arrays and objects, and "$when" with a
// path, "count(path) > 0" or "path ==/!= 'text'". adaptivecards-templating evaluates every
// expression through adaptive-expressions on each expansion, which was a tenth of a bot turn.
//
// It reproduces the library's results exactly for what it supports (a property test compares the
// two on every template in cards/). A template with any other expression is not compiled, and
// data the fast path is unsure about (null, undefined, objects inside text) makes one expansion
// fall back to the library, so the library stays the reference.
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

export class NeedsLibrary extends Error {}

interface Scope {
  root: unknown;
  data: unknown;
  index: number | undefined;
}

type Path = { base: '$root' | '$data' | '$index'; keys: string[]; text: string };
type Node = (scope: Scope) => unknown;

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const PATH_RE = new RegExp(`^(\\$root|\\$data|\\$index|${IDENT})((?:\\.${IDENT})*)$`);

function parsePath(text: string): Path | null {
  const m = PATH_RE.exec(text.trim());
  if (!m) return null;
  const head = m[1]!;
  const rest = m[2] ? m[2].slice(1).split('.') : [];
  if (head === '$root' || head === '$data' || head === '$index') {
    if (head === '$index' && rest.length > 0) return null;
    return { base: head, keys: rest, text: text.trim() };
  }
  if (head.startsWith('$')) return null;
  return { base: '$data', keys: [head, ...rest], text: text.trim() };
}

function resolve(p: Path, s: Scope): unknown {
  let v: unknown = p.base === '$root' ? s.root : p.base === '$index' ? s.index : s.data;
  for (const k of p.keys) {
    if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) return undefined;
    if (!Object.hasOwn(v, k)) {
      // adaptive-expressions may match property names regardless of case; leave that to it.
      const lower = k.toLowerCase();
      if (Object.keys(v).some((x) => x.toLowerCase() === lower))
        throw new NeedsLibrary(`case-insensitive match for ${k}`);
      return undefined;
    }
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** A value the library would turn into text the same way JavaScript does. */
function isPlain(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** Plain JSON (objects, arrays, text, finite numbers, booleans, null), which the library returns unchanged. */
function isJson(v: unknown): boolean {
  if (v === null || isPlain(v)) return true;
  if (Array.isArray(v)) return v.every(isJson);
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v).every(isJson);
}

function compileCondition(expr: string): ((s: Scope) => boolean) | null {
  const e = expr.trim();
  const count = /^count\((.+)\)\s*>\s*0$/.exec(e);
  if (count) {
    const p = parsePath(count[1]!);
    if (!p) return null;
    return (s) => {
      const v = resolve(p, s);
      if (Array.isArray(v)) return v.length > 0;
      throw new NeedsLibrary(`count of ${typeof v}`);
    };
  }
  const cmp = /^(.+?)\s*(==|!=)\s*'([^'\\]*)'$/.exec(e);
  if (cmp) {
    const p = parsePath(cmp[1]!);
    if (!p) return null;
    const literal = cmp[3]!;
    const equal = cmp[2] === '==';
    return (s) => {
      const v = resolve(p, s);
      if (typeof v !== 'string') throw new NeedsLibrary(`comparison with ${typeof v}`);
      return (v === literal) === equal;
    };
  }
  const p = parsePath(e);
  if (!p) return null;
  // The library drops the element unless $when is exactly true.
  return (s) => resolve(p, s) === true;
}

function compileString(text: string): Node | null {
  if (!text.includes('${')) return () => text;
  const parts: Array<string | Path> = [];
  let last = 0;
  const re = /\$\{([^{}]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const p = parsePath(m[1]!);
    if (!p) return null;
    parts.push(p);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  // Literal text is parsed by adaptive-expressions as a template string; keep to text it reads as is.
  if (parts.some((x) => typeof x === 'string' && /[`\\]|\$\{/.test(x))) return null;
  if (parts.length === 1 && typeof parts[0] !== 'string') {
    const p = parts[0]!;
    return (s) => {
      const v = resolve(p, s);
      if (isPlain(v)) return v;
      // A whole-value binding of an object or array ("data": "${showData}") gives that value, as data.
      if (v !== null && typeof v === 'object' && isJson(v)) return structuredClone(v);
      throw new NeedsLibrary(`${p.text} is ${v === null ? 'null' : typeof v}`);
    };
  }
  return (s) => {
    let out = '';
    for (const x of parts) {
      if (typeof x === 'string') out += x;
      else {
        const v = resolve(x, s);
        if (!isPlain(v)) throw new NeedsLibrary(`${x.text} is ${v === null ? 'null' : typeof v}`);
        out += String(v);
      }
    }
    return out;
  };
}

function compileNode(node: unknown): Node | null {
  if (typeof node === 'string') return compileString(node);
  if (Array.isArray(node)) {
    const items = node.map(compileNode);
    if (items.some((i) => i === null)) return null;
    return (s) => {
      let out: unknown[] = [];
      for (const item of items as Node[]) {
        const v = item(s);
        if (v === null) continue;
        if (Array.isArray(v)) out = out.concat(v);
        else out.push(v);
      }
      return out;
    };
  }
  if (typeof node !== 'object' || node === null) return () => node;

  const obj = node as Record<string, unknown>;
  let dataPath: Path | undefined;
  if ('$data' in obj) {
    const m = typeof obj.$data === 'string' ? /^\$\{([^{}]*)\}$/.exec(obj.$data) : null;
    const p = m ? parsePath(m[1]!) : null;
    if (!p) return null;
    dataPath = p;
  }
  let when: ((s: Scope) => boolean) | undefined;
  if ('$when' in obj) {
    const m = typeof obj.$when === 'string' ? /^\$\{([^{}]*)\}$/.exec(obj.$when) : null;
    const c = m ? compileCondition(m[1]!) : null;
    if (!c) return null;
    when = c;
  }
  const fields: Array<[string, Node]> = [];
  for (const [k, v] of Object.entries(obj)) {
    if (RESERVED.has(k)) continue;
    const c = compileNode(v);
    if (!c) return null;
    fields.push([k, c]);
  }
  const expandOne = (s: Scope): Record<string, unknown> | null => {
    if (when && !when(s)) return null;
    const out: Record<string, unknown> = {};
    for (const [k, f] of fields) {
      const v = f(s);
      if (v !== undefined) out[k] = v;
    }
    return out;
  };
  if (!dataPath) return expandOne;
  const p = dataPath;
  return (s) => {
    const d = resolve(p, s);
    if (Array.isArray(d)) {
      const out: unknown[] = [];
      d.forEach((item, index) => {
        if (item === undefined) throw new NeedsLibrary('undefined array item');
        const r = expandOne({ root: s.root, data: item, index });
        if (r !== null) out.push(r);
      });
      return out.length === 0 ? null : out.length === 1 ? out[0] : out;
    }
    if (typeof d === 'object' && d !== null) return expandOne({ root: s.root, data: d, index: s.index });
    throw new NeedsLibrary(`$data ${p.text} is ${d === null ? 'null' : typeof d}`);
  };
}

/** The compiled template, or null when it uses expressions only the library understands. */
export function compileCardTemplate(template: unknown): ((root: unknown) => unknown) | null {
  const node = compileNode(template);
  return node ? (root) => node({ root, data: root, index: undefined }) : null;
}
