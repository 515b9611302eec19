/** Median wall time of `runs` calls, after a warm-up call. */
export function median(runs: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export async function medianAsync(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export interface Contender {
  name: string;
  /** One run; each call may do a different (fresh) piece of the same work, like the next keystroke. */
  run: () => unknown;
}

export interface Spread {
  name: string;
  median: number;
  p10: number;
  p90: number;
  runs: number;
}

/** The value at quantile `q` of sorted `times` (nearest rank). */
function quantile(times: readonly number[], q: number): number {
  return times[Math.min(times.length - 1, Math.max(0, Math.ceil(q * times.length) - 1))];
}

/**
 * Every contender `repetitions` times, round-robin in one process (the starting contender rotates
 * each round), so that load from other processes, GC and CPU frequency fall on all of them alike.
 * One warm-up round first. Returns each one's median and p10–p90 spread.
 */
export async function interleaved(contenders: readonly Contender[], repetitions: number): Promise<Spread[]> {
  for (const contender of contenders) await contender.run();
  const times = contenders.map(() => [] as number[]);
  for (let round = 0; round < repetitions; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (round + k) % contenders.length;
      const start = performance.now();
      await contenders[i].run();
      times[i].push(performance.now() - start);
    }
  }
  return contenders.map((contender, i) => {
    const sorted = [...times[i]].sort((a, b) => a - b);
    return { name: contender.name, median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), runs: sorted.length };
  });
}

export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`;
}

/** Rows of contender, median, p10–p90 and the ratio of each median to `baseline`'s. */
export function spreadRows(results: readonly Spread[], baseline: string): string[][] {
  const base = results.find((r) => r.name === baseline)!.median;
  return results.map((r) => [r.name, ms(r.median), `${ms(r.p10)} – ${ms(r.p90)}`, `${(r.median / base).toFixed(2)}×`]);
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}
