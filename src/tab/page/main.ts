// The tab's page: connects to Teams (or runs in browser mode), picks the language and theme, and
// routes /tab/<view> to the views. Local demo mode offers the demo directory's people to act as.
import { da } from '../../texts/da';
import { en } from '../../texts/en';
import { caseIdFromSubEntity } from '../links';
import { ApiError, apiClient } from './api';
import { clear, h, select } from './dom';
import { connectHost, registerConfigSave, setConfigValid, type Theme } from './host';
import {
  approvalsView,
  caseView,
  casesView,
  emptyFilters,
  errorBox,
  orgView,
  poolView,
  type ViewContext,
} from './views';

interface Session {
  mode: 'local-demo' | 'sso';
  people: Array<{ aadObjectId: string; name: string; org: 'midt' | 'nord'; roles: string[] }>;
  defaultOrg: 'midt' | 'nord';
}

const DEMO_KEY = 'tab.demoUser';
const CATALOGUE = { da, en };

function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

async function start(): Promise<void> {
  const host = await connectHost();
  const lang = host.lang;
  const t = CATALOGUE[lang].tab;
  document.documentElement.lang = lang;
  applyTheme(host.theme);
  host.onTheme(applyTheme);
  const params = new URLSearchParams(location.search);
  let demoUser = params.get('as') ?? sessionStorage.getItem(DEMO_KEY);
  const api = apiClient({ token: () => host.token(), demoUser: () => demoUser }, () => lang);
  const app = document.getElementById('app')!;
  let session: Session;
  try {
    session = await api.get<Session>('session');
  } catch (err) {
    clear(app).append(errorBox(t, err));
    return;
  }
  const org = ((params.get('org') === 'nord' || params.get('org') === 'midt' ? params.get('org') : null) ??
    session.people.find((p) => p.aadObjectId === demoUser)?.org ??
    session.defaultOrg) as 'midt' | 'nord';
  const keep = new URLSearchParams();
  for (const k of ['lang', 'theme', 'org', 'cluster']) if (params.get(k)) keep.set(k, params.get(k)!);
  const withKeep = (path: string) => {
    const [p, q] = path.split('?');
    const qs = new URLSearchParams(keep);
    for (const [k, v] of new URLSearchParams(q ?? '')) qs.set(k, v);
    const s = qs.toString();
    return `/tab/${p}${s ? `?${s}` : ''}`;
  };
  const go = (path: string) => {
    history.pushState(null, '', withKeep(path));
    void route();
  };
  const link = (path: string, text: string, attrs: Record<string, string> = {}) =>
    h(
      'a',
      {
        ...attrs,
        href: withKeep(path),
        onclick: (e: Event) => {
          const me = e as MouseEvent;
          if (me.ctrlKey || me.metaKey || me.shiftKey) return;
          e.preventDefault();
          go(path);
        },
      },
      text,
    );
  const ctx: ViewContext = { api, t, lang, org, cluster: params.get('cluster'), go, link };
  const main = h('main', { id: 'main', tabindex: '-1' });
  const navItems: Array<[string, string]> = [
    ['', t.nav.cases],
    ['approvals', t.nav.approvals],
    ['pool', t.nav.pool],
    ['organisation', t.nav.org],
  ];
  const nav = h('nav', { class: 'tabs', 'aria-label': t.appName });
  const banner =
    session.mode === 'local-demo'
      ? h(
          'div',
          { class: 'demo', role: 'note' },
          select(
            'demo-user',
            t.demoBanner,
            [
              { value: '', label: t.demoPick },
              ...session.people.map((p) => ({ value: p.aadObjectId, label: `${p.name} (${p.roles.join(', ')})` })),
            ],
            demoUser ?? '',
            (v) => {
              demoUser = v || null;
              if (v) sessionStorage.setItem(DEMO_KEY, v);
              else sessionStorage.removeItem(DEMO_KEY);
              void route();
            },
          ),
        )
      : null;
  const orgSwitch = select(
    'org-switch',
    t.cases.org,
    [
      { value: 'midt', label: 'Region Midtjylland' },
      { value: 'nord', label: 'Region Nordjylland' },
    ],
    org,
    (v) => {
      keep.set('org', v);
      location.assign(withKeep(currentPath().split('/')[0] ?? ''));
    },
  );
  clear(app).append(
    h('a', { href: '#main', class: 'skip' }, t.nav.cases),
    h('header', {}, h('span', { class: 'brand' }, t.appName), nav, orgSwitch),
    ...(banner ? [banner] : []),
    main,
  );
  if (session.mode === 'local-demo' && !demoUser && session.people[0]) {
    demoUser = session.people[0].aadObjectId;
    (document.getElementById('demo-user') as HTMLSelectElement).value = demoUser;
  }
  window.addEventListener('popstate', () => void route());

  function currentPath(): string {
    return location.pathname.replace(/^\/tab\/?/, '');
  }

  async function route(): Promise<void> {
    const path = currentPath();
    const q = new URLSearchParams(location.search);
    clear(nav).append(
      ...navItems.map(([p, label]) => {
        const active = p === '' ? path === '' || path.startsWith('cases') : path.startsWith(p);
        return link(p, label, active ? { 'aria-current': 'page', class: 'active' } : {});
      }),
    );
    clear(main).append(h('p', { class: 'loading' }, t.loading));
    const view = h('div', { class: 'view' });
    try {
      const m = /^cases\/([^/]+)$/.exec(path);
      if (m) await caseView(view, ctx, decodeURIComponent(m[1]!));
      else if (path === 'approvals') await approvalsView(view, ctx);
      else if (path === 'pool') await poolView(view, ctx, q.get('year') ? Number(q.get('year')) : null);
      else if (path === 'organisation') await orgView(view, ctx, q.get('period'));
      else if (path === 'config') await configView(view);
      else await casesView(view, ctx, emptyFilters(ctx.cluster));
      clear(main).append(view);
    } catch (err) {
      clear(main).append(
        err instanceof ApiError && err.status === 404 ? h('p', { role: 'alert' }, err.reason) : errorBox(t, err),
      );
    }
    document.title = `${t.appName} · ${main.querySelector('h1')?.textContent ?? ''}`;
    document.body.dataset.ready = path || 'cases';
  }

  async function configView(root: HTMLElement): Promise<void> {
    const meta = await api.get<{ clusters: Array<{ id: string; name: string }> }>('meta', { org });
    let chosen = '';
    const status = h('p', { role: 'status' });
    root.append(
      h('h1', {}, t.config.heading),
      select(
        'config-cluster',
        t.config.cluster,
        [{ value: '', label: '—' }, ...meta.clusters.map((c) => ({ value: c.id, label: c.name }))],
        '',
        (v) => {
          chosen = v;
          if (host.inTeams) void setConfigValid(Boolean(v));
          status.textContent = v ? t.config.saved : '';
        },
      ),
      status,
    );
    if (host.inTeams)
      await registerConfigSave(
        () => (chosen ? `${location.origin}/tab/?cluster=${encodeURIComponent(chosen)}&org=${org}` : null),
        () => `cluster-${chosen}`,
        () => meta.clusters.find((c) => c.id === chosen)?.name ?? t.appName,
      );
  }

  // A deep link from a case card opens its case page.
  const deepCase = caseIdFromSubEntity(host.subEntityId);
  if (deepCase) history.replaceState(null, '', withKeep(`cases/${deepCase}`));
  if (host.frameContext === 'settings') history.replaceState(null, '', withKeep('config'));
  await route();
}

void start();
