// One side of the turn benchmark, run in its own process so that the bot under test has a core to
// itself: `echo` is a bare botbuilder + restify echo bot (the baseline), `bot` is this product as
// src/main.ts composes it. Prints {"url": ...} on stdout when listening.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import * as restify from 'restify';
import { loadConfig } from '../../src/config';
import { compose } from '../../src/main';

async function echo(): Promise<string> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (ctx, next) => {
    await ctx.sendActivity(`echo: ${ctx.activity.text}`);
    await next();
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (ctx) => bot.run(ctx));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function product(): Promise<string> {
  // A fresh embedded database, so the benchmark neither needs nor disturbs a running bot's data.
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-turn-'));
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const app = await compose(loadConfig({ env: { PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir } }));
  const running = await app.start();
  return running.url;
}

// The driver writes a line to stdin to read this process's CPU time: on a shared machine, CPU per
// turn is a steadier measure of cost than wall-clock throughput.
process.stdin.setEncoding('utf8');
process.stdin.on('data', () => process.stdout.write(`${JSON.stringify({ cpu: process.cpuUsage() })}\n`));

process.on('SIGTERM', () => process.exit(0));

(process.argv[2] === 'echo' ? echo() : product()).then(
  (url) => process.stdout.write(`${JSON.stringify({ url })}\n`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
