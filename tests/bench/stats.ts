/** Timing helpers for the bench scripts: runs, percentiles, one printed line per case. */
export async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface Timing {
  cold: number;
  p50: number;
  p95: number;
}

export async function measure(run: () => Promise<unknown>, warmRuns: number): Promise<Timing> {
  const cold = await time(run);
  const samples: number[] = [];
  for (let i = 0; i < warmRuns; i++) samples.push(await time(run));
  return { cold, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
