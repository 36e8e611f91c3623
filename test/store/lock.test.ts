import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freshPgliteDir } from './helpers/databases';
import { openStore } from '../../src/store/open';
import { DatabaseInUseError, acquireLock, lockHolder, lockPathFor } from '../../src/store/lock';

const HOLDER = path.join(__dirname, 'helpers', 'hold-store.ts');

function startHolder(dir: string): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, firstLine: out.slice(0, nl) });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`holder exited ${code} before answering: ${out}`)));
  });
}

describe('PGlite data directory lock', function () {
  this.timeout(60_000);

  it('refuses a second process with "in use by process N", and frees the directory when the owner stops', async () => {
    const dir = await freshPgliteDir();
    const { child, firstLine } = await startHolder(dir);
    try {
      assert.equal(firstLine, 'ready');
      await assert.rejects(openStore({ dataDir: dir }), (e: unknown) => {
        assert.ok(e instanceof DatabaseInUseError);
        assert.equal(e.holder.pid, child.pid);
        assert.match(e.message, new RegExp(`the database is in use by process ${child.pid}`));
        return true;
      });
      assert.equal(lockHolder(dir)?.pid, child.pid);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin!.end();
      await exited;
    }
    assert.equal(fs.existsSync(lockPathFor(dir)), false, 'lock released on close');
    const store = await openStore({ dataDir: dir });
    await store.close();
  });

  it('refuses a second open in the same process too', async () => {
    const dir = await freshPgliteDir();
    const store = await openStore({ dataDir: dir });
    try {
      await assert.rejects(openStore({ dataDir: dir }), new RegExp(`in use by process ${process.pid}`));
    } finally {
      await store.close();
    }
  });

  it('takes over the stale lock of a process that died without releasing it', async () => {
    const dir = await freshPgliteDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    fs.writeFileSync(
      lockPathFor(dir),
      JSON.stringify({ pid: dead, procStart: '1', startedAt: '2026-01-01T00:00:00Z' }),
    );
    assert.equal(lockHolder(dir), null);
    const store = await openStore({ dataDir: dir });
    assert.equal(store.lock?.info.pid, process.pid);
    await store.close();
  });

  it('treats a live pid with another start time as a reused pid, not the owner', () => {
    const dir = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'lock-')), 'db');
    fs.writeFileSync(
      lockPathFor(dir),
      JSON.stringify({ pid: process.pid, procStart: '-1', startedAt: '2020-01-01T00:00:00Z' }),
    );
    const lock = acquireLock(dir);
    assert.notEqual(lock.info.procStart, '-1');
    lock.release();
    assert.equal(fs.existsSync(lockPathFor(dir)), false);
  });

  it("advertises the owner's local endpoint to other tools", () => {
    const dir = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'lock-')), 'db');
    const lock = acquireLock(dir);
    lock.advertise({ url: 'http://127.0.0.1:1234', token: 'secret' });
    assert.deepEqual(lockHolder(dir)?.internal, { url: 'http://127.0.0.1:1234', token: 'secret' });
    assert.throws(() => acquireLock(dir), DatabaseInUseError);
    lock.release();
  });
});
