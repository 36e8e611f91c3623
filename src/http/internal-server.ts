// A loopback-only endpoint through which local tools reach the running bot. PGlite allows one
// process per data directory, so while the bot holds it, `npm run ask` and `npm run cases` send
// their request here instead of opening the directory a second time. The bot advertises the URL
// and a random bearer token in the data directory's lock file (mode 0600); nothing else listens.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import * as restify from 'restify';
import { z } from 'zod';
import { RealIsoDate } from '../common/dates';
import { ORG_IDS, type Answer, type OrgId } from '../assistant/answer';

export interface InternalPorts {
  ask(q: string, options: { org?: OrgId; date?: string; lang?: 'da' | 'en' }): Promise<Answer>;
  exportCases(): Promise<string>;
  importCases(
    text: string,
    fileName: string,
  ): Promise<{ kind: 'imported'; count: number } | { kind: 'refused'; problems: string[] }>;
  seedDemo(): Promise<{ seeded: number }>;
}

export interface InternalServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

const AskBody = z
  .object({
    q: z.string().min(1).max(2000),
    org: z.enum(ORG_IDS as [OrgId, ...OrgId[]]).optional(),
    date: RealIsoDate.optional(),
    lang: z.enum(['da', 'en']).optional(),
  })
  .strip();
const ImportBody = z
  .object({ text: z.string().max(50 * 1024 * 1024), fileName: z.string().max(300).default('cases.json') })
  .strict();

export async function startInternalServer(ports: InternalPorts, logger: Logger): Promise<InternalServer> {
  const token = randomBytes(32).toString('hex');
  const expected = Buffer.from(`Bearer ${token}`);
  const server = restify.createServer({ name: 'sundhedsaftale-internal', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 60 * 1024 * 1024, mapParams: false, rejectUnknown: true }));
  server.pre((req, res, next) => {
    const got = Buffer.from(String(req.headers.authorization ?? ''));
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      res.send(401, {
        error: 'unauthorized',
        reason: 'a local tool reads the token from the data directory lock file',
      });
      return next(false);
    }
    return next();
  });
  const guard =
    (fn: (req: restify.Request, res: restify.Response) => Promise<void>) =>
    async (req: restify.Request, res: restify.Response): Promise<void> => {
      try {
        await fn(req, res);
      } catch (err) {
        logger.error({ err, path: req.path() }, 'internal endpoint failed');
        res.send(503, { error: 'unavailable', reason: (err as Error).message });
      }
    };

  server.post(
    '/internal/ask',
    guard(async (req, res) => {
      const body = AskBody.safeParse(req.body);
      if (!body.success)
        return void res.send(400, {
          error: 'bad_request',
          reason: body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        });
      const { q, ...opts } = body.data;
      res.send(200, await ports.ask(q, opts));
    }),
  );
  server.get(
    '/internal/cases/export',
    guard(async (_req, res) => {
      res.send(200, { text: await ports.exportCases() });
    }),
  );
  server.post(
    '/internal/cases/import',
    guard(async (req, res) => {
      const body = ImportBody.safeParse(req.body);
      if (!body.success)
        return void res.send(400, { error: 'bad_request', reason: 'expected {"text": "...", "fileName": "..."}' });
      const r = await ports.importCases(body.data.text, body.data.fileName);
      res.send(r.kind === 'imported' ? 200 : 422, r);
    }),
  );
  server.post(
    '/internal/cases/seed',
    guard(async (_req, res) => {
      res.send(200, await ports.seedDemo());
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server.server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
