// The one card renderer: cards/<name>.json is an Adaptive Card template (adaptivecards-templating),
// expanded with view data and wrapped as a message attachment. Parsed templates are cached because
// parsing costs ~10x an expansion and a bot turn should cost little more than botbuilder's own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import type { Lang } from '../assistant/answer';
import { compileCardTemplate, NeedsLibrary } from './card-template';
import { strings } from './strings';

export const CARDS_DIR = join(__dirname, '..', '..', 'cards');

/** Teams refuses messages over ~28 KB; cards stay well below so the text around them fits too. */
export const MAX_CARD_BYTES = 20 * 1024;

interface LoadedTemplate {
  json: unknown;
  /** The library's parse of the template, made the first time a card needs it. */
  library?: ACData.Template;
  /** The compiled fast path (card-template.ts), or null when the template needs the library. */
  fast: ((root: unknown) => unknown) | null;
}

const templates = new Map<string, LoadedTemplate>();

function template(name: string): LoadedTemplate {
  let t = templates.get(name);
  if (!t) {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad card name: ${name}`);
    const json: unknown = JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8'));
    t = { json, fast: compileCardTemplate(json) };
    templates.set(name, t);
  }
  return t;
}

let templating: typeof ACData | undefined;

/**
 * The library's template of a card. The library is loaded on first use, not at start-up: with its
 * expression parser it is about a quarter of the bot's module loading (~150 ms of a restart), and
 * the compiled fast path expands most cards without it.
 */
function libraryOf(t: LoadedTemplate): ACData.Template {
  templating ??= require('adaptivecards-templating') as typeof ACData;
  t.library ??= new templating.Template(t.json);
  return t.library;
}

/** Expands with the adaptivecards-templating library only (the reference; tests compare). */
export function expandCardWithLibrary(name: string, data: object): unknown {
  return libraryOf(template(name)).expand({ $root: data });
}

function expand(t: LoadedTemplate, data: object): unknown {
  if (t.fast) {
    try {
      return t.fast(data);
    } catch (err) {
      if (!(err instanceof NeedsLibrary)) throw err;
    }
  }
  return libraryOf(t).expand({ $root: data });
}

/** Expands cards/<name>.json with `data` and returns the card JSON. */
export function expandCard(name: string, data: object): Record<string, unknown> {
  const card = expand(template(name), data) as Record<string, unknown>;
  // The templating library leaves $schema in place; Teams ignores it, but it is dead weight.
  delete card.$schema;
  return card;
}

/** Expands cards/<name>.json with `data` and wraps it as an Adaptive Card attachment. */
export function renderCard(name: string, data: object): Attachment {
  return CardFactory.adaptiveCard(expandCard(name, data));
}

/** The fixed phrases a template binds to as `labels.*` (strings only: templates cannot call functions). */
export function labels(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(strings(lang))) if (typeof v === 'string') out[k] = v;
  return out;
}
