import { describe, expect, it } from 'vitest';
import { interleave } from '../../bench/client';
import { exitCode, median, order, percentile, ratio, summarize, table, verdict, type Row } from '../../bench/stats';

const row = (over: Partial<Row>): Row => ({
  name: 'r',
  what: '',
  unit: 'ms',
  api: summarize([2, 4, 6]),
  floor: summarize([1, 2, 3]),
  value: 2,
  valueUnit: '×',
  goal: { op: '<=', limit: 2 },
  ...over,
});

describe('bench statistics', () => {
  it('takes the median (mean of the middle two for an even count) and the nearest-rank p95', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const fifteen = Array.from({ length: 15 }, (_, i) => 15 - i); // 15 … 1
    expect(percentile(fifteen, 0.95)).toBe(15); // ceil(0.95 × 15) = 15th
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(twenty, 0.95)).toBe(19);
    expect(summarize(twenty)).toEqual({ n: 20, median: 10.5, p95: 19, min: 1, max: 20 });
    // For rates the worse end is the low one: the 5th percentile.
    expect(summarize(twenty, true).p95).toBe(1);
  });

  it('refuses to summarise no samples', () => {
    expect(() => median([])).toThrow();
    expect(() => percentile([], 0.5)).toThrow();
  });

  it('divides medians for the ratio, infinite over a zero floor', () => {
    expect(ratio(summarize([3, 3, 3]), summarize([1, 2, 3]))).toBe(1.5);
    expect(ratio(summarize([3]), summarize([0]))).toBe(Infinity);
  });
});

describe('bench verdicts', () => {
  it('passes a ratio at its goal and fails one over it', () => {
    expect(verdict(row({ value: 2 }))).toBe('PASS');
    expect(verdict(row({ value: 2.01 }))).toBe('OVER');
  });

  it('judges a "≥" goal (throughput) from below', () => {
    const goal = { op: '>=', limit: 0.5 } as const;
    expect(verdict(row({ value: 0.5, goal }))).toBe('PASS');
    expect(verdict(row({ value: 0.49, goal }))).toBe('OVER');
  });

  it('marks a row without goal INFO, an error or a missing value FAILED', () => {
    expect(verdict(row({ goal: null }))).toBe('INFO');
    expect(verdict(row({ error: 'boom' }))).toBe('FAILED');
    expect(verdict(row({ value: null }))).toBe('FAILED');
    expect(verdict(row({ value: Infinity }))).toBe('FAILED');
  });

  it('exits 1 when any row is over its goal or failed, 0 when all pass or inform', () => {
    expect(exitCode([row({}), row({ goal: null })])).toBe(0);
    expect(exitCode([row({}), row({ value: 3 })])).toBe(1);
    expect(exitCode([row({}), row({ error: 'x' })])).toBe(1);
    expect(exitCode([])).toBe(0);
  });

  it('marks a row left out for an outside reason NOT MEASURED, which does not fail the run', () => {
    const skipped = row({ value: null, goal: null, notMeasured: 'PostgreSQL unreachable' });
    expect(verdict(skipped)).toBe('NOT MEASURED');
    expect(exitCode([row({}), skipped])).toBe(0);
    expect(verdict({ ...skipped, error: 'boom' })).toBe('FAILED');
  });

  it('prints every row with its medians, p95s, value, goal and verdict', () => {
    const t = table([
      row({ name: 'province pull' }),
      row({ name: 'soak p99', api: null, floor: null, value: 1200, valueUnit: ' ms', goal: { op: '<=', limit: 1000 } }),
    ]);
    const lines = t.split('\n');
    expect(lines).toHaveLength(4);
    const cells = (l: string) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
    expect(cells(lines[0])).toEqual([
      'row',
      'unit',
      'chitieu median (p95)',
      'floor median (p95)',
      'value',
      'goal',
      'verdict',
    ]);
    expect(cells(lines[2])).toEqual(['province pull', 'ms', '4.00 (6.00)', '2.00 (3.00)', '2.00×', '≤ 2.00×', 'PASS']);
    expect(cells(lines[3])).toEqual(['soak p99', 'ms', '—', '—', '1,200 ms', '≤ 1,000 ms', 'OVER']);
  });
});

describe('interleaved trials', () => {
  it('alternates which side goes first and keeps only the measured trials', async () => {
    expect([order(0), order(1), order(2)]).toEqual([
      ['api', 'floor'],
      ['floor', 'api'],
      ['api', 'floor'],
    ]);
    const calls: string[] = [];
    const p = await interleave(
      3,
      async (i) => (calls.push(`a${i}`), { value: 10 + i }),
      async (i) => (calls.push(`f${i}`), { value: 1 + i }),
    );
    // One warm-up trial (-1), then trials 0, 1, 2 with the order alternating.
    expect(calls).toEqual(['a-1', 'f-1', 'f0', 'a0', 'a1', 'f1', 'f2', 'a2']);
    expect(p.api).toMatchObject({ n: 3, median: 11 });
    expect(p.floor).toMatchObject({ n: 3, median: 2 });
  });
});
