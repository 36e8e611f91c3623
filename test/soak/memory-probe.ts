// Loaded into the soak's bot processes (node --expose-gc --require): the process's own memory
// breakdown on stderr every 2 s, and after a full garbage collection on SIGUSR2 (what the heap
// retains, not what it has not collected yet), so the soak can tell the JavaScript heap from memory
// outside it (PGlite's WebAssembly memory, which only grows, is counted under external).
const MB = 1024 * 1024;

function sample(tag: string): void {
  const m = process.memoryUsage();
  const s = {
    rss: Math.round(m.rss / MB),
    heapTotal: Math.round(m.heapTotal / MB),
    heapUsed: Math.round(m.heapUsed / MB),
    external: Math.round(m.external / MB),
    arrayBuffers: Math.round(m.arrayBuffers / MB),
  };
  process.stderr.write(`${tag} ${JSON.stringify(s)}\n`);
}

setInterval(() => sample('soak-memory'), 2000).unref();
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  sample('soak-memory-after-gc');
});
