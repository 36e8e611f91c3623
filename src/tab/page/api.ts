// The page's calls to /api/tab/...: the SSO token inside Teams, the chosen demo person in local
// mode; a failed call becomes an ApiError carrying the server's reason.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface ApiAuth {
  token(): Promise<string | null>;
  demoUser(): string | null;
}

export function apiClient(auth: ApiAuth, lang: () => string) {
  async function call<T>(method: 'GET' | 'POST', path: string, params: Record<string, unknown> = {}, body?: unknown) {
    const qs = new URLSearchParams({ lang: lang() });
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== false) qs.set(k, String(v));
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = await auth.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    const demo = auth.demoUser();
    if (demo) headers['X-Tab-Demo-User'] = demo;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`/api/tab/${path}?${qs}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as { reason?: string };
    if (!res.ok) throw new ApiError(res.status, json.reason ?? `HTTP ${res.status}`);
    return json as T;
  }
  return {
    get: <T>(path: string, params?: Record<string, unknown>) => call<T>('GET', path, params),
    post: <T>(path: string, body: unknown, params?: Record<string, unknown>) => call<T>('POST', path, params, body),
  };
}
export type Api = ReturnType<typeof apiClient>;
