/** Pure statistics and verdicts of the benchmark (unit-tested in test/unit/bench-stats.test.ts). */

/** Median and p95 of a set of per-trial samples (milliseconds, req/s, MiB, … as the row says). */
export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile (q in 0..1) of a non-empty sample. */
export function percentile(samples: readonly number[], q: number): number {
  if (!samples.length) throw new Error('percentile of no samples');
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** The median: the mean of the two middle samples for an even count. */
export function median(samples: readonly number[]): number {
  if (!samples.length) throw new Error('median of no samples');
  const s = [...samples].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * `p95` is the 95th-percentile *worst* sample: the 95th percentile of times and sizes, the 5th of rates
 * (`higherIsBetter`: requests per second), so it always says how bad one trial in twenty gets.
 */
export function summarize(samples: readonly number[], higherIsBetter = false): Summary {
  return {
    n: samples.length,
    median: median(samples),
    p95: percentile(samples, higherIsBetter ? 0.05 : 0.95),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/** A goal on a row's value: `<=` (a cost ratio, a latency) or `>=` (a throughput ratio). */
export interface Goal {
  op: '<=' | '>=';
  limit: number;
}

export type Verdict = 'PASS' | 'OVER' | 'INFO' | 'FAILED' | 'NOT MEASURED';

/**
 * One line of the final table. `api` and `floor` are the per-trial samples' summaries (the floor may be
 * another reference, e.g. a province page for the national page); `value` is what the goal judges:
 * for ratio rows api.median / floor.median, for absolute rows (the soak) the figure itself.
 */
export interface Row {
  name: string;
  what: string;
  unit: string;
  api: Summary | null;
  floor: Summary | null;
  value: number | null;
  /** Shown after the value: '×' for ratios, the unit for absolute rows. */
  valueUnit: string;
  goal: Goal | null;
  /** Set when the scenario could not be measured: the row fails. */
  error?: string;
  /** Set when the row was left out for a reason outside the bench (a comparison's server unreachable): it does not fail. */
  notMeasured?: string;
  detail?: Record<string, unknown>;
}

/** A row without figures: a scenario that failed (`error`) or was left out (`notMeasured`). */
export const unmeasuredRow = (name: string, why: { error: string } | { notMeasured: string }): Row => ({
  name,
  what: 'error' in why ? 'failed' : 'not measured',
  unit: '',
  api: null,
  floor: null,
  value: null,
  valueUnit: '',
  goal: null,
  ...why,
});

/** api.median / floor.median (the ratio every ratio row is judged by). */
export function ratio(api: Summary, floor: Summary): number {
  if (!(floor.median > 0)) return Infinity;
  return api.median / floor.median;
}

export function verdict(row: Pick<Row, 'value' | 'goal' | 'error' | 'notMeasured'>): Verdict {
  if (row.error !== undefined) return 'FAILED';
  if (row.notMeasured !== undefined) return 'NOT MEASURED';
  if (!row.goal) return 'INFO';
  if (row.value === null || !Number.isFinite(row.value)) return 'FAILED';
  const ok = row.goal.op === '<=' ? row.value <= row.goal.limit : row.value >= row.goal.limit;
  return ok ? 'PASS' : 'OVER';
}

/** 1 when any row is over its goal or failed, else 0: a regression is a red run (a row not measured is not one). */
export function exitCode(rows: readonly Row[]): 0 | 1 {
  return rows.some((r) => {
    const v = verdict(r);
    return v === 'OVER' || v === 'FAILED';
  })
    ? 1
    : 0;
}

export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (!Number.isFinite(x)) return '∞';
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toLocaleString('en-US');
  if (a >= 10) return x.toFixed(1);
  if (a >= 0.1) return x.toFixed(2);
  if (a === 0) return '0';
  return x.toPrecision(2);
}

const cell = (s: Summary | null) => (s ? `${fmt(s.median)} (${fmt(s.p95)})` : '—');

/** The final table (Markdown, so a run's output can be pasted into the docs as is). */
export function table(rows: readonly Row[]): string {
  const head = ['row', 'unit', 'chitieu median (p95)', 'floor median (p95)', 'value', 'goal', 'verdict'];
  const body = rows.map((r) => [
    r.name,
    r.unit,
    cell(r.api),
    cell(r.floor),
    r.value === null ? '—' : `${fmt(r.value)}${r.valueUnit}`,
    r.goal ? `${r.goal.op === '<=' ? '≤' : '≥'} ${fmt(r.goal.limit)}${r.valueUnit}` : '—',
    verdict(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (c: string[]) =>
    `| ${c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(head),
    `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : '-'.repeat(w - 1) + ':')).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}

/**
 * The order of the two sides in trial `i`: API first in even trials, the floor first in odd ones, so
 * neither side always runs on a warmer cache or after the other's garbage.
 */
export function order(i: number): ['api', 'floor'] | ['floor', 'api'] {
  return i % 2 === 0 ? ['api', 'floor'] : ['floor', 'api'];
}

/** Deterministic PRNG (mulberry32) so every run generates the same national dataset. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
