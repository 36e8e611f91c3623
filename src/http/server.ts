// The HTTP edge: POST /api/messages (Bot Framework activities into the CloudAdapter) and GET /healthz.
// Bodies are read and checked here, so that a malformed request gets a 4xx with a reason before
// botbuilder sees it, and nothing a caller sends can make this endpoint answer 500.
import type { AddressInfo } from 'node:net';
import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import type { Logger } from 'pino';
import * as restify from 'restify';
import { KEYS_UNAVAILABLE_PREFIX, SigningKeysUnavailableError } from '../teams/auth-errors';
import { checkActivityBody } from './activity-body';

/** Seconds a caller is asked to wait when the bot cannot take the activity right now. */
const RETRY_AFTER_S = 5;
/** Teams' invoke window is 15 s; the channel is answered before it, whatever the turn does. */
const TURN_DEADLINE_MS = 12_000;

export interface HttpServerOptions {
  port: number;
  host: string;
  authEnabled: boolean;
  maxBodyBytes: number;
  adapter: CloudAdapter;
  bot: Pick<ActivityHandler, 'run'>;
  logger: Logger;
  /** Whether the database answers; /healthz says 503 when it does not (default: not checked). */
  database?: () => Promise<PartCheck>;
  /** Other transports on the same server (the tab: src/http/tab-api.ts registerTabRoutes). */
  routes?: Array<(server: restify.Server) => void>;
  /** Answer the channel by then even if the turn is still running (default 12 s: Teams waits 15 s). */
  turnDeadlineMs?: number;
  /** Further parts /readyz reports (e.g. the background jobs have run recently), by name. */
  readiness?: Record<string, () => PartCheck | Promise<PartCheck>>;
}

export type PartCheck = { ok: true } | { ok: false; reason: string };

export interface RunningServer {
  server: restify.Server;
  url: string;
  port: number;
  /**
   * Stops accepting, lets the activities in flight finish (at most `graceMs`, default 6 s), then
   * closes what is left.
   */
  close(graceMs?: number): Promise<void>;
}

/** Activities being processed, so a stop can wait for them (one counter per server). */
const inFlight = new WeakMap<restify.Server, { count: number; drained: Array<() => void> }>();

export function createHttpServer(options: HttpServerOptions): restify.Server {
  const { adapter, bot, logger } = options;
  const server = restify.createServer({ name: 'sundhedsaftale-bot', handleUncaughtExceptions: false });
  const startedAt = Date.now();

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const db = options.database ? await options.database() : null;
    const body = { auth: options.authEnabled ? 'on' : 'off', uptime_s: Math.round((Date.now() - startedAt) / 1000) };
    if (db && !db.ok) res.send(503, { status: 'unavailable', database: db.reason, ...body });
    else res.send(200, { status: 'ok', ...(db ? { database: 'ok' } : {}), ...body });
  });

  // Liveness: the process answers. Readiness: it can do its work (database, background jobs).
  server.get('/livez', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok', uptime_s: Math.round((Date.now() - startedAt) / 1000) });
  });

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const checks: Record<string, () => PartCheck | Promise<PartCheck>> = {
      ...(options.database ? { database: options.database } : {}),
      ...options.readiness,
    };
    const parts: Record<string, string> = {};
    const notReady: string[] = [];
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        const r = await Promise.resolve()
          .then(check)
          .catch((err: Error): PartCheck => ({ ok: false, reason: err.message }));
        parts[name] = r.ok ? 'ok' : r.reason;
        if (!r.ok) notReady.push(name);
      }),
    );
    if (notReady.length > 0) res.send(503, { status: 'not ready', notReady: notReady.sort(), parts });
    else res.send(200, { status: 'ready', parts });
  });

  const counter = { count: 0, drained: [] as Array<() => void> };
  inFlight.set(server, counter);
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    counter.count++;
    try {
      await handleActivity(req, res);
    } catch (err) {
      // A bug here must not become restify's 500 page; the channel may retry a 503.
      logger.error({ err }, 'unexpected failure on /api/messages');
      if (!res.headersSent)
        res.send(503, {
          error: 'unavailable',
          reason: 'the bot could not process the activity right now; retry later',
        });
    } finally {
      counter.count--;
      if (counter.count === 0) for (const done of counter.drained.splice(0)) done();
    }
  });

  async function handleActivity(req: restify.Request, res: restify.Response): Promise<void> {
    const body = await readBody(req, options.maxBodyBytes);
    if (!body.ok && body.status === 413) {
      logger.info({ status: body.status, reason: body.reason }, 'rejected request body');
      sendError(res, body.status, body.reason, true);
      return;
    }
    const authHeader = String(req.headers.authorization ?? '');
    if (options.authEnabled && !/^Bearer \S+$/i.test(authHeader)) {
      // The adapter would refuse it too; answering here keeps a scan of the endpoint cheap and quiet.
      logger.warn('refused request without a Bearer token');
      res.send(401, { error: 'unauthorized', reason: 'missing Bot Framework token (Authorization: Bearer ...)' });
      return;
    }
    const check = body.ok ? checkActivityBody(body.text) : ({ ok: false, reason: body.reason } as const);
    if (!check.ok) {
      // In production the reasons are for callers with a valid token only (they tell a prober
      // what the bot accepts); the token is checked as for a turn, without the activity's serviceUrl.
      if (options.authEnabled && !(await tokenAccepted(authHeader, body.ok ? body.text : '', res))) return;
      logger.info({ reason: check.reason }, 'rejected activity');
      sendError(res, 400, check.reason);
      return;
    }
    (req as { body?: unknown }).body = check.activity;
    const captured = captureResponse();
    const processing = adapter
      .process(req, captured.res, (ctx) => bot.run(ctx))
      .catch((err) => {
        // adapter.process handles its own errors; this is a last line of defence.
        logger.error({ err }, 'adapter.process threw');
        captured.status = 500;
      });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), options.turnDeadlineMs ?? TURN_DEADLINE_MS);
    });
    const late = (await Promise.race([processing, deadline])) === 'late';
    clearTimeout(timer);
    if (late) {
      // Teams gives up after 15 s; answer before that and let the turn finish on its own (its
      // replies still go out through the connector). An invoke's card shows "try again".
      logger.warn({ activityType: check.activity.type }, 'turn still running at the deadline; answered 202');
      counter.count++;
      void processing.finally(() => {
        counter.count--;
        if (counter.count === 0) for (const done of counter.drained.splice(0)) done();
      });
      res.send(202);
      return;
    }
    let status = captured.status ?? 200;
    let payload = captured.body;
    if (status === 500) {
      // Turn errors are answered by onTurnError; what reaches here failed outside the turn (e.g. the
      // token keys could not be fetched). Tell the channel to retry instead of blaming the caller.
      const keys = typeof payload === 'string' && payload.startsWith(KEYS_UNAVAILABLE_PREFIX);
      logger.error({ status, body: payload }, keys ? 'signing keys unavailable' : 'activity could not be processed');
      status = 503;
      payload = { error: 'unavailable', reason: 'the bot could not process the activity right now; retry later' };
      res.header('Retry-After', String(RETRY_AFTER_S));
    } else if (status === 401 || status === 403) {
      logger.warn({ status, reason: payload }, 'refused unauthenticated request');
      payload = {
        error: 'unauthorized',
        reason: typeof payload === 'string' && payload ? payload : 'missing or invalid Bot Framework token',
      };
    }
    if (payload === undefined) res.send(status);
    else res.send(status, payload);
  }

  for (const add of options.routes ?? []) add(server);
  /** Checks the token alone; answers 401 or 503 itself and returns false when it is not accepted. */
  async function tokenAccepted(authHeader: string, text: string, res: restify.Response): Promise<boolean> {
    // CloudAdapter keeps its BotFrameworkAuthentication protected; this is the same instance it uses.
    const auth = (adapter as unknown as { botFrameworkAuthentication?: BotFrameworkAuthentication })
      .botFrameworkAuthentication;
    if (!auth) {
      // Only if botbuilder renames the field: fail loudly, never leave the request unanswered.
      logger.error('no BotFrameworkAuthentication on the adapter; cannot check the token');
      res.send(503, { error: 'unavailable', reason: 'the token cannot be checked' });
      return false;
    }
    try {
      await auth.authenticateRequest({ channelId: channelIdOf(text), serviceUrl: '' } as Activity, authHeader);
      return true;
    } catch (err) {
      if (err instanceof AuthenticationError && !(err instanceof SigningKeysUnavailableError)) {
        logger.warn({ reason: err.message }, 'refused unauthenticated request');
        res.send(401, { error: 'unauthorized', reason: 'missing or invalid Bot Framework token' });
      } else {
        logger.error({ reason: (err as Error).message }, 'signing keys unavailable');
        res.header('Retry-After', String(RETRY_AFTER_S));
        res.send(503, { error: 'unavailable', reason: 'the bot could not check the token right now; retry later' });
      }
      return false;
    }
  }

  return server;
}

/** The channel id of a body that failed the check, where one can be read (endorsements use it). */
function channelIdOf(text: string): string {
  try {
    const id = (JSON.parse(text) as { channelId?: unknown }).channelId;
    return typeof id === 'string' && id.length <= 64 ? id : 'msteams';
  } catch {
    return 'msteams';
  }
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const server = createHttpServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  if (options.authEnabled) options.logger.info({ url }, 'listening; Bot Framework authentication is ON');
  else
    options.logger.warn(
      { url },
      'listening in LOCAL MODE: authentication is OFF (no MicrosoftAppId), bound to loopback only',
    );
  return {
    server,
    url,
    port,
    close: async (graceMs = 6_000) => {
      const http = server.server as { closeAllConnections?: () => void; closeIdleConnections?: () => void };
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets would hold close() open; busy ones finish their activity first.
      http.closeIdleConnections?.();
      const counter = inFlight.get(server);
      if (counter && counter.count > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => counter.drained.push(resolve)),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, graceMs);
          }),
        ]);
        clearTimeout(timer);
      }
      http.closeAllConnections?.();
      await closed;
    },
  };
}

type BodyResult = { ok: true; text: string } | { ok: false; status: 400 | 413; reason: string };

function readBody(req: restify.Request, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      resolve({ ok: false, status: 413, reason: `body of ${declared} bytes exceeds the limit of ${limit} bytes` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooBig) resolve({ ok: false, status: 413, reason: `body exceeds the limit of ${limit} bytes` });
      else {
        const buf = Buffer.concat(chunks);
        const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
        try {
          resolve({ ok: true, text: text.decode(buf) });
        } catch {
          resolve({ ok: false, status: 400, reason: 'body is not valid UTF-8' });
        }
      }
    });
    req.on('error', () => resolve({ ok: false, status: 400, reason: 'the request body could not be read' }));
  });
}

function sendError(res: restify.Response, status: number, reason: string, close = false): void {
  if (close) res.header('Connection', 'close');
  res.send(status, { error: status === 413 ? 'payload_too_large' : 'bad_request', reason });
}

/** The minimal response object CloudAdapter.process writes to; the real response is sent after. */
function captureResponse() {
  const captured: { status?: number; body?: unknown; res: unknown } = { res: undefined };
  captured.res = {
    status(code: number) {
      captured.status = code;
      return this;
    },
    send(body: unknown) {
      captured.body = body;
      return this;
    },
    header() {
      return this;
    },
    end() {
      return this;
    },
  };
  return captured as { status?: number; body?: unknown; res: restify.Response };
}
