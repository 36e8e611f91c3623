// The addresses of the tab, one contract for everything that links to it: the tab's own router, the
// "Åbn i fanen" button on case cards (a Teams deep link), and the message extension, which unfurls
// both forms of link into the case card. Pure functions: no config is read here.

/** The personal tab's entity id in the manifest (`staticTabs[].entityId`). */
export const CASES_TAB_ENTITY_ID = 'cases';

/** The tab's pages, below https://<BOT_DOMAIN>/tab/. */
export const TAB_BASE_PATH = '/tab/';

/** Case ids as the cases feature makes them (SAG-<year>-<number>). */
const CASE_ID = /^SAG-\d{4}-\d{4,6}$/;

/** The tab's page for one case: https://<domain>/tab/cases/<id>. */
export function tabCaseUrl(botDomain: string, caseId: string): string {
  return `https://${botDomain}${TAB_BASE_PATH}cases/${encodeURIComponent(caseId)}`;
}

/** The Teams deep link that opens the personal tab on one case (subEntityId "case:<id>"). */
export function caseDeepLink(teamsAppId: string, caseId: string, botDomain?: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: `case:${caseId}` }));
  const webUrl = botDomain ? `&webUrl=${encodeURIComponent(tabCaseUrl(botDomain, caseId))}` : '';
  return `https://teams.microsoft.com/l/entity/${teamsAppId}/${CASES_TAB_ENTITY_ID}?context=${context}${webUrl}`;
}

/** The case a tab's subEntityId names ("case:SAG-2026-0001"), if any. */
export function caseIdFromSubEntity(subEntityId: string | undefined | null): string | null {
  const m = /^case:(.+)$/.exec(subEntityId ?? '');
  return m && CASE_ID.test(m[1]!) ? m[1]! : null;
}

/**
 * The case a link points at: the tab's page on our domain, or a Teams deep link to our app's tab.
 * Anything else (other hosts, other apps, malformed URLs) is null.
 */
export function caseIdFromLink(link: string, ours: { botDomain?: string; teamsAppId?: string }): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (ours.botDomain && url.host.toLowerCase() === ours.botDomain.toLowerCase()) {
    const m = /^\/tab\/cases\/([^/]+)\/?$/.exec(url.pathname);
    if (!m) return null;
    let id: string;
    try {
      id = decodeURIComponent(m[1]!);
    } catch {
      return null;
    }
    return CASE_ID.test(id) ? id : null;
  }
  if (ours.teamsAppId && url.host === 'teams.microsoft.com') {
    const prefix = `/l/entity/${ours.teamsAppId}/${CASES_TAB_ENTITY_ID}`;
    if (url.pathname !== prefix && url.pathname !== `${prefix}/`) return null;
    const context = url.searchParams.get('context');
    if (!context) return null;
    try {
      const parsed = JSON.parse(context) as { subEntityId?: unknown };
      return typeof parsed.subEntityId === 'string' ? caseIdFromSubEntity(parsed.subEntityId) : null;
    } catch {
      return null;
    }
  }
  return null;
}
