// The tab's views, drawn from the API's JSON: the case table (filters, search, paging), one case
// (stepper, deadlines, positions, documents, history), my approvals with the card's three buttons,
// the pool per year as a chart, and the organisation of a period with the "Hvem beslutter?" box.
import type { TabService } from '../tab-service';
import type { da } from '../../texts/da';
import type { Api } from './api';
import { append, clear, formatDkk, h, select } from './dom';

type T = (typeof da)['tab'];
type Meta = ReturnType<TabService['meta']>;
type List = Awaited<ReturnType<TabService['list']>>;
type CasePage = NonNullable<Awaited<ReturnType<TabService['casePage']>>>;
type Waiting = Awaited<ReturnType<TabService['myApprovals']>>;
type Pool = NonNullable<Awaited<ReturnType<TabService['pool']>>>;
type Organisation = NonNullable<ReturnType<TabService['organisation']>>;
type AskAnswer = Awaited<ReturnType<TabService['ask']>>;

export interface ViewContext {
  api: Api;
  t: T;
  lang: 'da' | 'en';
  org: 'midt' | 'nord';
  /** The channel tab's cluster, if it is bound to one. */
  cluster: string | null;
  go(path: string): void;
  link(path: string, text: string, attrs?: Record<string, string>): HTMLElement;
}

const SVG = 'http://www.w3.org/2000/svg';

export function errorBox(t: T, err: unknown): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, `${t.failed} ${(err as Error).message}`);
}

export interface CaseFilters {
  q: string;
  cluster: string;
  process: string;
  step: string;
  holder: string;
  state: string;
  overdue: boolean;
  mine: boolean;
  page: number;
}

export const emptyFilters = (cluster: string | null): CaseFilters => ({
  q: '',
  cluster: cluster ?? '',
  process: '',
  step: '',
  holder: '',
  state: 'open',
  overdue: false,
  mine: false,
  page: 1,
});

export async function casesView(root: HTMLElement, c: ViewContext, f: CaseFilters): Promise<void> {
  const { t } = c;
  const meta = await c.api.get<Meta>('meta', { org: c.org });
  const all = { value: '', label: t.cases.all };
  const results = h('div', { id: 'case-results', 'aria-live': 'polite' });
  const refresh = (reset = true) => {
    if (reset) f.page = 1;
    void loadCases(results, c, f);
  };
  const process = meta.processes.find((p) => p.id === f.process);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const search = h('input', {
    id: 'case-search',
    type: 'search',
    value: f.q,
    placeholder: t.cases.search,
    'aria-label': t.cases.search,
    oninput: (e: Event) => {
      f.q = (e.target as HTMLInputElement).value;
      clearTimeout(timer);
      timer = setTimeout(() => refresh(), 250);
    },
  });
  const check = (id: string, label: string, on: boolean, set: (v: boolean) => void) =>
    h(
      'div',
      { class: 'field check' },
      h('input', {
        id,
        type: 'checkbox',
        checked: on,
        onchange: (e: Event) => {
          set((e.target as HTMLInputElement).checked);
          refresh();
        },
      }),
      h('label', { for: id }, label),
    );
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t.cases.filters, onsubmit: (e: Event) => e.preventDefault() },
    h('div', { class: 'field grow' }, search),
    select(
      'f-cluster',
      t.cases.cluster,
      [all, ...meta.clusters.map((x) => ({ value: x.id, label: x.name }))],
      f.cluster,
      (v) => {
        f.cluster = v;
        refresh();
      },
    ),
    select(
      'f-process',
      t.cases.process,
      [all, ...meta.processes.map((p) => ({ value: p.id, label: p.name }))],
      f.process,
      (v) => {
        f.process = v;
        f.step = '';
        void casesView(clear(root), c, { ...f, page: 1 });
      },
    ),
    select(
      'f-step',
      t.cases.step,
      [all, ...(process?.steps ?? []).map((s) => ({ value: s.id, label: s.name }))],
      f.step,
      (v) => {
        f.step = v;
        refresh();
      },
    ),
    select(
      'f-holder',
      t.cases.holder,
      [all, ...meta.holders.map((x) => ({ value: x.id, label: x.name }))],
      f.holder,
      (v) => {
        f.holder = v;
        refresh();
      },
    ),
    select(
      'f-state',
      t.cases.state,
      [
        { value: 'open', label: t.cases.open },
        { value: 'closed', label: t.cases.closed },
        { value: 'all', label: t.cases.all },
      ],
      f.state,
      (v) => {
        f.state = v;
        refresh();
      },
    ),
    check('f-overdue', t.cases.overdue, f.overdue, (v) => (f.overdue = v)),
    check('f-mine', t.cases.mine, f.mine, (v) => (f.mine = v)),
  );
  append(root, [h('h1', {}, t.cases.heading), filters, results]);
  await loadCases(results, c, f);
}

async function loadCases(results: HTMLElement, c: ViewContext, f: CaseFilters): Promise<void> {
  const { t } = c;
  results.setAttribute('aria-busy', 'true');
  let list: List;
  try {
    list = await c.api.get<List>('cases', {
      org: c.org,
      q: f.q.trim(),
      cluster: f.cluster,
      process: f.process,
      step: f.step,
      holder: f.holder,
      state: f.state,
      overdue: f.overdue,
      mine: f.mine,
      page: f.page,
    });
  } catch (err) {
    clear(results).append(errorBox(t, err));
    return;
  } finally {
    results.removeAttribute('aria-busy');
  }
  clear(results);
  if (list.total === 0) return void results.append(h('p', { class: 'empty' }, t.cases.none));
  const col = t.cases.columns;
  const table = h(
    'table',
    { class: 'cases' },
    h('caption', { class: 'sr-only' }, t.cases.heading),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...[col.id, col.title, col.process, col.step, col.holder, col.deadline, col.clusters].map((x) =>
          h('th', { scope: 'col' }, x),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...list.rows.map((r) =>
        h(
          'tr',
          { 'data-case': r.id },
          h('td', {}, c.link(`cases/${r.id}`, r.id)),
          h('td', {}, r.title),
          h('td', {}, r.process),
          h('td', {}, r.step),
          h('td', {}, r.holder),
          h(
            'td',
            { class: r.overdue ? 'overdue' : '' },
            r.deadline ?? '',
            r.overdue ? h('span', { class: 'badge' }, ` ${t.cases.overdueMark}`) : null,
          ),
          h('td', {}, r.clusters.join(', ')),
        ),
      ),
    ),
  );
  const from = (list.page - 1) * list.pageSize + 1;
  const to = from + list.rows.length - 1;
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': t.cases.count(from, to, list.total) },
    h(
      'button',
      {
        type: 'button',
        disabled: list.page <= 1,
        onclick: () => {
          f.page -= 1;
          void loadCases(results, c, f);
        },
      },
      t.cases.previous,
    ),
    h('span', { id: 'case-count' }, t.cases.count(from, to, list.total)),
    h(
      'button',
      {
        type: 'button',
        disabled: to >= list.total,
        onclick: () => {
          f.page += 1;
          void loadCases(results, c, f);
        },
      },
      t.cases.next,
    ),
  );
  append(results, [h('div', { class: 'table-wrap' }, table), pager]);
}

export async function caseView(root: HTMLElement, c: ViewContext, id: string): Promise<void> {
  const { t } = c;
  const v = await c.api.get<CasePage>(`cases/${encodeURIComponent(id)}`);
  const section = (title: string, ...body: Array<Node | string | null>) =>
    h('section', { 'aria-label': title }, h('h2', {}, title), ...body);
  const steps = h(
    'ol',
    { class: 'stepper' },
    ...v.steps.map((s, i) =>
      h(
        'li',
        { class: s.state, 'aria-current': s.state === 'current' ? 'step' : null },
        h('span', { class: 'dot', 'aria-hidden': 'true' }, String(i + 1)),
        h('span', { class: 'name' }, s.name),
        h(
          'span',
          { class: 'sr-only' },
          s.state === 'current' ? ` (${t.case.current})` : s.state === 'done' ? ` (${t.case.done})` : '',
        ),
        h('span', { class: 'holders' }, s.holders.join(' / ')),
      ),
    ),
  );
  const list = <X>(items: X[], render: (x: X) => Node | string) =>
    items.length === 0 ? h('p', {}, t.case.none) : h('ul', {}, ...items.map((x) => h('li', {}, render(x))));
  append(root, [
    c.link('', `← ${t.case.back}`, { class: 'back' }),
    h('h1', {}, `${v.id} ${v.title}`),
    h(
      'p',
      { class: 'lead' },
      `${v.processName} · ${t.case.holder}: ${v.holder.name}`,
      v.nextDecision ? ` · ${t.case.nextDecision}: ${v.nextDecision.deciders.map((d) => d.name).join(' / ')}` : '',
    ),
    ...v.approval.map((line) => h('p', { class: 'notice' }, line)),
    section(t.case.stepper, steps),
    section(
      t.case.deadlines,
      list(v.deadlines, (d) =>
        h(
          'span',
          { class: d.overdue ? 'overdue' : '' },
          `${d.date} ${d.label}${d.stepName ? ` (${d.stepName})` : ''}`,
          d.overdue ? h('span', { class: 'badge' }, ` ${t.cases.overdueMark}`) : null,
        ),
      ),
    ),
    section(
      t.case.positions,
      list(v.positions, (p) => h('span', {}, h('strong', {}, `${p.party}: `), p.position)),
      v.positionsProcess ? h('p', {}, v.positionsProcess) : null,
    ),
    section(
      t.case.documents,
      list(v.documents, (d) => h('a', { href: d.url, target: '_blank', rel: 'noopener noreferrer' }, d.title)),
    ),
    section(
      t.case.history,
      h(
        'ol',
        { class: 'history', reversed: true },
        ...v.events.map((e) =>
          h('li', {}, h('time', {}, e.at), ` ${e.who}: ${e.what}`, e.comment ? h('q', {}, e.comment) : null),
        ),
      ),
    ),
  ]);
}

export async function approvalsView(root: HTMLElement, c: ViewContext): Promise<void> {
  const { t } = c;
  const a = t.approvals;
  const { items } = await c.api.get<{ items: Waiting }>('approvals');
  append(root, [h('h1', {}, a.heading)]);
  if (items.length === 0) return void root.append(h('p', { class: 'empty' }, a.none));
  for (const i of items) {
    const status = h('p', { class: 'status', role: 'status' });
    const commentId = `comment-${i.approvalId}`;
    const comment = h('textarea', { id: commentId, rows: 2, maxlength: 2000 }) as HTMLTextAreaElement;
    const vote = async (choice: 'approve' | 'reject' | 'changes') => {
      if (choice !== 'approve' && !comment.value.trim()) {
        status.textContent = a.commentRequired;
        status.className = 'status error';
        comment.focus();
        return;
      }
      try {
        const r = await c.api.post<{ result: string; notice: string }>(`approvals/${i.approvalId}/vote`, {
          caseId: i.caseId,
          stepId: i.stepId,
          version: i.version,
          choice,
          ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
        });
        status.textContent = r.notice;
        status.className = 'status ok';
      } catch (err) {
        status.textContent = (err as Error).message;
        status.className = 'status error';
      }
    };
    const button = (choice: 'approve' | 'reject' | 'changes', label: string) =>
      h('button', { type: 'button', class: choice === 'approve' ? 'primary' : '', onclick: () => vote(choice) }, label);
    root.append(
      h(
        'article',
        { class: 'approval', 'aria-labelledby': `h-${i.approvalId}` },
        h('h2', { id: `h-${i.approvalId}` }, c.link(`cases/${i.caseId}`, i.caseId), ` ${i.caseTitle}`),
        h(
          'p',
          {},
          `${a.body}: ${i.body}`,
          i.deadline ? ` · ${a.deadline}: ${i.deadline}` : '',
          i.amountDkk !== null ? ` · ${a.amount}: ${formatDkk(i.amountDkk, c.lang)}` : '',
          i.asSubstituteFor ? ` · ${a.onBehalfOf} ${i.asSubstituteFor}` : '',
          i.myVote ? ` · ${a.yourVote}: ${i.myVote}` : '',
        ),
        h('div', { class: 'field' }, h('label', { for: commentId }, a.comment), comment),
        h(
          'div',
          { class: 'actions' },
          button('approve', a.approve),
          button('reject', a.reject),
          button('changes', a.changes),
        ),
        status,
      ),
    );
  }
}

export async function poolView(root: HTMLElement, c: ViewContext, year: number | null): Promise<void> {
  const { t } = c;
  // Without a year the server's clock decides which year is this year.
  const p = await c.api.get<Pool>('pool', { org: c.org, year: year ?? undefined });
  const years = Array.from({ length: 6 }, (_, i) => p.year - 3 + i);
  const parts = [
    { key: 'granted', label: t.pool.granted, value: p.grantedDkk },
    { key: 'reserved', label: t.pool.reserved, value: p.reservedDkk },
    { key: 'left', label: t.pool.left, value: Math.max(0, p.leftDkk - p.reservedDkk) },
  ];
  const summary = parts.map((x) => `${x.label}: ${formatDkk(x.value, c.lang)}`).join(', ');
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 1000 60');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${p.name} ${p.year}: ${summary} (${t.pool.of} ${formatDkk(p.annualDkk, c.lang)})`);
  svg.setAttribute('class', 'pool-chart');
  let x = 0;
  for (const part of parts) {
    const w = p.annualDkk > 0 ? (part.value / p.annualDkk) * 1000 : 0;
    const r = document.createElementNS(SVG, 'rect');
    for (const [k, v] of Object.entries({ x, y: 0, width: Math.max(0, w), height: 60, class: `bar ${part.key}` }))
      r.setAttribute(k, String(v));
    svg.append(r);
    x += w;
  }
  append(root, [
    h('h1', {}, `${t.pool.heading} ${p.year}`),
    select(
      'pool-year',
      t.pool.year,
      years.sort().map((y) => ({ value: String(y), label: String(y) })),
      String(p.year),
      (v) => c.go(`pool?year=${v}`),
    ),
    h(
      'p',
      { class: 'lead' },
      `${p.name}: ${formatDkk(p.leftDkk, c.lang)} ${t.pool.left.toLowerCase()} ` +
        `${t.pool.of} ${formatDkk(p.annualDkk, c.lang)}`,
    ),
    svg,
    h(
      'ul',
      { class: 'legend' },
      ...parts.map((x) =>
        h(
          'li',
          {},
          h('span', { class: `swatch ${x.key}`, 'aria-hidden': 'true' }),
          `${x.label}: ${formatDkk(x.value, c.lang)}`,
        ),
      ),
    ),
    h('h2', {}, t.pool.expenses),
    p.expenses.length === 0
      ? h('p', {}, t.pool.none)
      : h(
          'ul',
          { class: 'expenses' },
          ...p.expenses.map((e) =>
            h(
              'li',
              {},
              c.link(`cases/${e.caseId}`, e.caseId),
              ` ${e.title}: ${formatDkk(e.amountDkk, c.lang)} (${e.approved ? t.pool.approved : t.pool.pending})`,
            ),
          ),
        ),
  ]);
}

export async function orgView(root: HTMLElement, c: ViewContext, period: string | null): Promise<void> {
  const { t } = c;
  const meta = await c.api.get<Meta>('meta', { org: c.org });
  const o = await c.api.get<Organisation>('organisation', { org: c.org, period: period ?? undefined });
  const byId = new Map(o.bodies.map((b) => [b.id, b]));
  const children = new Map<string, typeof o.bodies>();
  const roots: typeof o.bodies = [];
  for (const b of o.bodies) {
    const parent = b.reportsTo.find((p) => byId.has(p) && p !== b.id);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), b]);
    else roots.push(b);
  }
  const seen = new Set<string>();
  const node = (b: (typeof o.bodies)[number]): HTMLElement => {
    seen.add(b.id);
    const kids = (children.get(b.id) ?? []).filter((k) => !seen.has(k.id));
    return h(
      'li',
      {},
      h(
        'div',
        { class: `body ${b.level}` },
        h('strong', {}, b.name, b.short ? ` (${b.short})` : ''),
        b.reportsTo.length > 1
          ? h('div', {}, `${t.org.reportsTo}: ${b.reportsTo.map((r) => byId.get(r)?.name ?? r).join(', ')}`)
          : null,
        b.meets ? h('div', {}, `${t.org.meets}: ${b.meets}`) : null,
        b.decides.length > 0
          ? h(
              'details',
              {},
              h('summary', {}, `${t.org.decides} (${b.decides.length})`),
              h('ul', {}, ...b.decides.map((d) => h('li', {}, d))),
            )
          : null,
      ),
      kids.length > 0 ? h('ul', {}, ...kids.map(node)) : null,
    );
  };
  const answer = h('div', { id: 'ask-answer', 'aria-live': 'polite' });
  const input = h('input', { id: 'ask-q', type: 'text', placeholder: t.org.askPlaceholder }) as HTMLInputElement;
  const ask = h(
    'form',
    {
      class: 'ask',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        if (input.value.trim().length < 2) return;
        try {
          const r = await c.api.post<AskAnswer>('ask', { question: input.value.trim(), org: c.org, date: o.validFrom });
          clear(answer).append(h('p', { class: 'answer' }, r.text));
        } catch (err) {
          clear(answer).append(errorBox(t, err));
        }
      },
    },
    h('h2', {}, t.org.ask),
    h('label', { for: 'ask-q', class: 'sr-only' }, t.org.ask),
    input,
    h('button', { type: 'submit', class: 'primary' }, t.org.askButton),
    answer,
  );
  append(root, [
    h('h1', {}, `${t.org.heading}: ${o.title}`),
    select(
      'org-period',
      t.org.period,
      meta.periods.map((p) => ({ value: p.id, label: p.title })),
      o.period,
      (v) => c.go(`organisation?period=${encodeURIComponent(v)}`),
    ),
    h('div', { class: 'org-layout' }, h('ul', { class: 'org-tree', 'aria-label': o.title }, ...roots.map(node)), ask),
  ]);
}
