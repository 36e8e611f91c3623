// The page's host: inside Teams, app.initialize() and the context (locale, theme, the case a deep
// link names, whether this is the configuration page) and an SSO token for the API; outside Teams
// (initialize fails or the page is not framed) browser mode, with language and theme from the URL
// or the browser, and in local mode a demo person chosen from the demo directory.
// teams-js is loaded only when the page is framed: at load it fetches its list of valid hosts from
// a CDN, which browser mode has no reason to do (and the CSP would refuse).
const teams = () => import('@microsoft/teams-js');

export type Theme = 'default' | 'dark' | 'contrast';

export interface Host {
  inTeams: boolean;
  lang: 'da' | 'en';
  theme: Theme;
  subEntityId: string | null;
  frameContext: string | null;
  token(): Promise<string | null>;
  onTheme(fn: (t: Theme) => void): void;
}

const INIT_TIMEOUT_MS = 3000;

export function themeOf(name: string | undefined | null): Theme {
  return name === 'dark' ? 'dark' : name === 'contrast' ? 'contrast' : 'default';
}

export function langOf(locale: string | undefined | null): 'da' | 'en' {
  return /^(da|nb|nn|no)\b/i.test(locale ?? '') ? 'da' : locale ? 'en' : 'da';
}

export async function connectHost(): Promise<Host> {
  const params = new URLSearchParams(location.search);
  const browser: Host = {
    inTeams: false,
    lang: params.get('lang') ? langOf(params.get('lang')) : langOf(navigator.language),
    theme: themeOf(params.get('theme')),
    subEntityId: null,
    frameContext: null,
    token: async () => null,
    onTheme: () => undefined,
  };
  // Not framed (and not opened by Teams): no host to talk to, so do not wait for one.
  if (window.parent === window && !window.opener) return browser;
  try {
    const { app, authentication } = await teams();
    await Promise.race([
      app.initialize(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), INIT_TIMEOUT_MS)),
    ]);
    const ctx = await app.getContext();
    app.notifySuccess();
    return {
      inTeams: true,
      lang: langOf(ctx.app.locale),
      theme: themeOf(ctx.app.theme),
      subEntityId: ctx.page.subPageId ?? null,
      frameContext: ctx.page.frameContext ?? null,
      token: async () => {
        try {
          return await authentication.getAuthToken();
        } catch {
          return null;
        }
      },
      onTheme: (fn) => app.registerOnThemeChangeHandler((t) => fn(themeOf(t))),
    };
  } catch {
    return browser;
  }
}

/** The channel tab's configuration: saved in Teams before success is reported. */
export async function registerConfigSave(
  contentUrl: () => string | null,
  entityId: () => string,
  name: () => string,
): Promise<void> {
  const { pages } = await teams();
  pages.config.registerOnSaveHandler((save) => {
    const url = contentUrl();
    if (!url) return save.notifyFailure('no cluster chosen');
    pages.config
      .setConfig({ contentUrl: url, websiteUrl: url, entityId: entityId(), suggestedDisplayName: name() })
      .then(
        () => save.notifySuccess(),
        (e: unknown) => save.notifyFailure(String(e)),
      );
  });
}

export async function setConfigValid(valid: boolean): Promise<void> {
  const { pages } = await teams();
  pages.config.setValidityState(valid);
}
