// The benches' latency figures, one definition: n, p50, p99 and max of a list of milliseconds.

/** n, p50, p99 and max (ms, two decimals) of the samples; the p-th quantile is the sorted list at floor(p·n). */
export function latency(ms: number[]): { n: number; p50_ms: number; p99_ms: number; max_ms: number } {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return {
    n: s.length,
    p50_ms: +q(0.5).toFixed(2),
    p99_ms: +q(0.99).toFixed(2),
    max_ms: +s[s.length - 1]!.toFixed(2),
  };
}
