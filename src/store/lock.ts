// PGlite is single-process: two processes opening one data directory get no error and silently
// lose writes. An exclusive lock file next to the data directory guards it. The file holds the
// owner's pid and its process start time (so a reused pid is not mistaken for the owner); a lock
// whose owner is gone is taken over. The owner may also advertise a local endpoint (internal
// HTTP server on 127.0.0.1) through which tools such as the CLI can reach it instead.
import fs from 'node:fs';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  /** Kernel start time of the process (clock ticks since boot), or null where /proc is missing. */
  procStart: string | null;
  startedAt: string;
  /** Where a running bot answers local tools: http://127.0.0.1:PORT, with a bearer token. */
  internal?: { url: string; token: string };
}

export class DatabaseInUseError extends Error {
  constructor(
    readonly holder: LockInfo,
    readonly lockPath: string,
  ) {
    super(
      `the database is in use by process ${holder.pid} (since ${holder.startedAt}); ` +
        `stop it, or point DATA_DIR elsewhere (lock file ${lockPath})`,
    );
    this.name = 'DatabaseInUseError';
  }
}

export function lockPathFor(dataDir: string): string {
  return `${path.resolve(dataDir).replace(/[\\/]+$/, '')}.lock`;
}

function procStartOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19] ?? null; // field 22 overall
  } catch {
    return null;
  }
}

function isAlive(info: LockInfo): boolean {
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (info.procStart === null) return true;
  const now = procStartOf(info.pid);
  return now === null || now === info.procStart;
}

function readLock(lockPath: string): LockInfo | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/** The live process holding the lock of this data directory, if any. */
export function lockHolder(dataDir: string): LockInfo | null {
  const info = readLock(lockPathFor(dataDir));
  return info && isAlive(info) ? info : null;
}

export interface HeldLock {
  readonly path: string;
  readonly info: LockInfo;
  /** Advertise the local endpoint of this process in the lock file (atomic rewrite). */
  advertise(internal: { url: string; token: string }): void;
  release(): void;
}

export function acquireLock(dataDir: string): HeldLock {
  const lockPath = lockPathFor(dataDir);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const info: LockInfo = { pid: process.pid, procStart: procStartOf(process.pid), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      return held(lockPath, info);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const existing = readLock(lockPath);
    if (existing && isAlive(existing)) throw new DatabaseInUseError(existing, lockPath);
    if (!existing && isFresh(lockPath)) {
      // Another process has just created the file and not yet written its pid: wait for it.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      continue;
    }
    takeOverStale(lockPath, existing);
  }
  const existing = readLock(lockPath);
  if (existing) throw new DatabaseInUseError(existing, lockPath);
  throw new Error(`could not take the database lock ${lockPath}`);
}

function isFresh(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < 2_000;
  } catch {
    return false;
  }
}

/** Removes a stale lock; a side mutex keeps two processes from both taking it over. */
function takeOverStale(lockPath: string, stale: LockInfo | null): void {
  const mutex = `${lockPath}.takeover`;
  try {
    fs.writeFileSync(mutex, String(process.pid), { flag: 'wx' });
  } catch {
    try {
      // A takeover mutex left behind by a crash is old; a live one is seconds old at most.
      if (Date.now() - fs.statSync(mutex).mtimeMs > 10_000) fs.rmSync(mutex, { force: true });
    } catch {
      /* gone already */
    }
    return;
  }
  try {
    const again = readLock(lockPath);
    const same = JSON.stringify(again) === JSON.stringify(stale);
    if (same) fs.rmSync(lockPath, { force: true });
  } finally {
    fs.rmSync(mutex, { force: true });
  }
}

function held(lockPath: string, info: LockInfo): HeldLock {
  let current = info;
  let released = false;
  const onExit = (): void => release();
  function release(): void {
    if (released) return;
    released = true;
    process.removeListener('exit', onExit);
    const onDisk = readLock(lockPath);
    if (onDisk && onDisk.pid === current.pid && onDisk.startedAt === current.startedAt)
      fs.rmSync(lockPath, { force: true });
  }
  process.on('exit', onExit);
  return {
    path: lockPath,
    get info() {
      return current;
    },
    advertise(internal) {
      current = { ...current, internal };
      const tmp = `${lockPath}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(current), { mode: 0o600 });
      fs.renameSync(tmp, lockPath);
    },
    release,
  };
}
