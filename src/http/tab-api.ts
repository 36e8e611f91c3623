// The tab on the bot's restify server: static pages under /tab/ (built by `npm run build:tab`) and
// the JSON API under /api/tab/. Every input is checked with zod and bad input gets a 4xx with a
// reason. Who asks: an Entra ID SSO bearer token (src/tab/sso.ts) in production; in local mode
// (no app id, loopback only, like the bot) a demo person named by the X-Tab-Demo-User header.
// Nothing is served without one of the two, and every answer carries the tab's security headers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Logger } from 'pino';
import type * as restify from 'restify';
import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from '../approvals/cast-vote';
import type { Person } from '../directory/person';
import type { OrgId } from '../common/ids';
import type { SsoValidator } from '../tab/sso';
import type { TabService } from '../tab/tab-service';

export const TAB_STATIC_DIR = join(__dirname, '..', '..', 'build', 'tab');
export const DEMO_USER_HEADER = 'x-tab-demo-user';

/** Teams and Microsoft 365 hosts that may frame the tab (Teams web/desktop, Outlook, the M365 app). */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://outlook.office.com',
  'https://*.skype.com',
];

export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

export type TabAuth =
  | { kind: 'sso'; validator: SsoValidator }
  | { kind: 'local-demo' }
  /** Production without SSO settings: the tab refuses every request rather than guess. */
  | { kind: 'unconfigured'; reason: string };

export interface TabApiDeps {
  service: TabService;
  directory: { get(aadObjectId: string): Promise<Person | null>; list(): Promise<Person[]> };
  auth: TabAuth;
  defaultOrg: OrgId;
  logger: Logger;
  staticDir?: string;
  /** For the page's deep links and the channel tab's content URL. */
  teamsAppId?: string;
}

const Lang = z.enum(['da', 'en']).default('da');
const Org = z.enum(['midt', 'nord']);
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected an id (lowercase letters, digits, dashes)');
const Flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const CaseId = z.string().regex(/^SAG-\d{4}-\d{4,6}$/, 'expected a case id like SAG-2026-0001');

const ListQuery = z
  .object({
    lang: Lang,
    org: Org.optional(),
    cluster: Id.optional(),
    process: Id.optional(),
    step: Id.optional(),
    holder: Id.optional(),
    state: z.enum(['open', 'closed', 'all']).default('open'),
    overdue: Flag.optional(),
    mine: Flag.optional(),
    q: z.string().max(200, 'search is at most 200 characters').optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

const LangOrg = z.object({ lang: Lang, org: Org.optional() }).strict();
const PoolQuery = LangOrg.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
const OrgQuery = LangOrg.extend({ period: Id.optional() }).strict();

const VoteBody = z
  .object({
    caseId: CaseId,
    stepId: Id,
    version: z.number().int().min(1).max(1_000_000),
    choice: z.enum(['approve', 'reject', 'changes']),
    comment: z.string().max(MAX_COMMENT_LENGTH).optional(),
  })
  .strict();
const AskBody = z
  .object({
    question: z.string().trim().min(2).max(500),
    org: Org.optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict();

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

const ERROR_NAMES: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  503: 'unavailable',
};

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function securityHeaders(res: restify.Response): void {
  res.header('Content-Security-Policy', TAB_CSP);
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'same-origin');
  res.header('Cache-Control', 'no-store');
}

function queryOf(req: restify.Request): Record<string, string> {
  const url = new URL(req.url ?? '/', 'http://tab.local');
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) out[k] = v;
  return out;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new HttpError(400, `${i.path.join('.') || 'input'}: ${i.message}`);
  }
  return r.data;
}

function readJson(req: restify.Request, limit = 16 * 1024): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => {
      if (size > limit) return reject(new HttpError(413, `body exceeds ${limit} bytes`));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      } catch {
        reject(new HttpError(400, 'body is not JSON'));
      }
    });
    req.on('error', () => reject(new HttpError(400, 'the request body could not be read')));
  });
}

export function registerTabRoutes(server: restify.Server, deps: TabApiDeps): void {
  const { service, logger } = deps;
  const staticDir = deps.staticDir ?? TAB_STATIC_DIR;

  async function who(req: restify.Request): Promise<Person> {
    if (deps.auth.kind === 'unconfigured') throw new HttpError(503, deps.auth.reason);
    if (deps.auth.kind === 'local-demo') {
      const id = String(req.headers[DEMO_USER_HEADER] ?? '');
      if (!id) throw new HttpError(401, `local demo: pick a demo person (${DEMO_USER_HEADER} header)`);
      const p = await deps.directory.get(id.slice(0, 100));
      if (!p) throw new HttpError(401, 'local demo: no such person in the demo directory');
      return p;
    }
    const m = /^Bearer (\S+)$/i.exec(String(req.headers.authorization ?? ''));
    if (!m) throw new HttpError(401, 'missing SSO token (Authorization: Bearer ...)');
    const r = await deps.auth.validator.validate(m[1]!);
    if (!r.ok) throw new HttpError(401, r.reason);
    const p = await deps.directory.get(r.oid);
    return p ?? { aadObjectId: r.oid, name: r.name ?? r.oid, org: deps.defaultOrg, roles: [] };
  }

  function api(method: 'get' | 'post', path: string, fn: (req: restify.Request, me: Person) => Promise<unknown>) {
    const handler: Handler = async (req, res) => {
      securityHeaders(res);
      try {
        const me = await who(req);
        res.send(200, await fn(req, me));
      } catch (err) {
        if (err instanceof HttpError) {
          res.send(err.status, { error: ERROR_NAMES[err.status] ?? 'bad_request', reason: err.reason });
          return;
        }
        logger.error({ err, path }, 'tab api failed');
        res.send(503, { error: 'unavailable', reason: 'the tab could not answer right now; retry later' });
      }
    };
    server[method](path, handler);
  }

  server.get('/api/tab/session', async (_req: restify.Request, res: restify.Response) => {
    securityHeaders(res);
    const mode = deps.auth.kind;
    if (mode === 'unconfigured') return void res.send(503, { error: 'unavailable', reason: deps.auth.reason });
    // The demo directory is offered only in local mode (loopback only, no app id).
    const people =
      mode === 'local-demo'
        ? (await deps.directory.list()).map((p) => ({
            aadObjectId: p.aadObjectId,
            name: p.name,
            org: p.org,
            roles: p.roles,
          }))
        : [];
    res.send(200, { mode, people, defaultOrg: deps.defaultOrg, teamsAppId: deps.teamsAppId ?? null });
  });

  api('get', '/api/tab/me', async (_req, me) => ({
    aadObjectId: me.aadObjectId,
    name: me.name,
    org: me.org,
    roles: me.roles,
  }));
  api('get', '/api/tab/meta', async (req, me) => {
    const q = parse(LangOrg, queryOf(req));
    return service.meta(q.org ?? (me.org as OrgId), q.lang);
  });
  api('get', '/api/tab/cases', async (req, me) => {
    const q = parse(ListQuery, queryOf(req));
    return service.list({ ...q, org: q.org ?? (me.org as OrgId) }, me);
  });
  api('get', '/api/tab/cases/:id', async (req) => {
    const id = parse(CaseId, String(req.params?.id ?? ''));
    const q = parse(LangOrg, queryOf(req));
    const page = await service.casePage(id, q.lang);
    if (!page) throw new HttpError(404, `no case ${id}`);
    return page;
  });
  api('get', '/api/tab/approvals', async (req, me) => {
    const q = parse(LangOrg, queryOf(req));
    return { items: await service.myApprovals(me, q.lang) };
  });
  api('post', '/api/tab/approvals/:id/vote', async (req, me) => {
    const approvalId = parse(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an approval id'), req.params?.id);
    const q = parse(LangOrg, queryOf(req));
    const body = parse(VoteBody, await readJson(req));
    if (body.choice !== 'approve' && !body.comment?.trim())
      throw new HttpError(400, 'comment: a comment is required to reject or ask for changes');
    const r = await service.vote(me, { approvalId, ...body }, q.lang);
    // The same rules as the card: the service decides, the status code says how it went.
    if (r.result === 'not_allowed') throw new HttpError(403, r.notice);
    if (r.result === 'not_found') throw new HttpError(404, r.notice);
    if (r.result === 'comment_required') throw new HttpError(400, r.notice);
    if (r.result !== 'accepted' && r.result !== 'duplicate') throw new HttpError(409, r.notice);
    return r;
  });
  api('get', '/api/tab/pool', async (req, me) => {
    const q = parse(PoolQuery, queryOf(req));
    const org = q.org ?? (me.org as OrgId);
    const pool = await service.pool(org, q.year ?? Number(service.today().slice(0, 4)), q.lang);
    if (!pool) throw new HttpError(404, `no contingency pool for ${org} that year`);
    return pool;
  });
  api('get', '/api/tab/organisation', async (req, me) => {
    const q = parse(OrgQuery, queryOf(req));
    const o = service.organisation(q.org ?? (me.org as OrgId), q.period, q.lang);
    if (!o) throw new HttpError(404, `no period ${q.period ?? '(today)'} for that organisation`);
    return o;
  });
  api('post', '/api/tab/ask', async (req, me) => {
    const q = parse(LangOrg, queryOf(req));
    const body = parse(AskBody, await readJson(req));
    return service.ask(body.question, body.org ?? (me.org as OrgId), q.lang, body.date);
  });

  // The pages: the app's routes (/tab/, /tab/cases/<id>, /tab/config, ...) all load index.html.
  server.get('/tab/*', async (req: restify.Request, res: restify.Response) => {
    securityHeaders(res);
    const path = new URL(req.url ?? '/', 'http://tab.local').pathname.slice('/tab/'.length);
    let file = normalize(join(staticDir, decodeURIComponentSafe(path)));
    if (!file.startsWith(staticDir + sep) || !existsSync(file) || !statSync(file).isFile())
      file = join(staticDir, 'index.html');
    if (!existsSync(file))
      return void res.send(503, { error: 'unavailable', reason: 'the tab is not built (npm run build:tab)' });
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    const body = readFileSync(file);
    res.header('Content-Type', type);
    if (extname(file) !== '.html') res.header('Cache-Control', 'public, max-age=300');
    res.writeHead(200);
    res.end(body);
  });
  server.get('/tab', async (_req: restify.Request, res: restify.Response) => {
    res.header('Location', '/tab/');
    res.send(302);
  });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}
