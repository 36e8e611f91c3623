// A tiny DOM builder for the tab's page: elements from tag, attributes and children, with text
// always set as text (never parsed as HTML), so nothing a case title holds can run as script.
import { da } from '../../texts/da';
import { en } from '../../texts/en';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: HTMLElement, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: HTMLElement): HTMLElement {
  el.replaceChildren();
  return el;
}

/** A labelled select; `value` marks the chosen option. */
export function select(
  id: string,
  label: string,
  options: Array<{ value: string; label: string }>,
  value: string,
  onChange: (v: string) => void,
): HTMLElement {
  const s = h('select', { id, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) });
  for (const o of options) {
    const opt = h('option', { value: o.value }, o.label) as HTMLOptionElement;
    if (o.value === value) opt.selected = true;
    s.append(opt);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), s);
}

const LOCALES = { da: da.locale, en: en.locale };

export function formatDkk(n: number, lang: 'da' | 'en'): string {
  return `${n.toLocaleString(LOCALES[lang])} kr.`;
}
