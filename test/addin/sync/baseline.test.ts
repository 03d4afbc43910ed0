import { describe, expect, it } from 'vitest';
import {
  BASELINE_FORMAT,
  baselineFromTable,
  createBaseline,
  longTableFromObservations,
  parseBaseline,
  sameBaseline,
  serializeBaseline,
  termTableFrom,
  updateBaseline,
  type Baseline,
} from '../../../addin/src/sync';
import { obs, PULL } from './helpers';

function sample(): Baseline {
  const table = longTableFromObservations([
    obs('001', '01', '2023', 7.1, 3, { status: 'ESTIMATED', source: 'BC', note: 'ước "đạt"' }),
    obs('001', '02', '2023-H1', 0, 1, { source: 'BC' }),
    obs('002', '01', '2021..2023', -1.5e-7, 12, { status: 'FORECAST' }),
  ]);
  return baselineFromTable(table, { ...PULL, query: '{"provinceCode":"01"}' });
}

function corrupt(mutate: (doc: Record<string, unknown>) => void): string {
  const doc = JSON.parse(serializeBaseline(sample())) as Record<string, unknown>;
  mutate(doc);
  return JSON.stringify(doc);
}

describe('baseline', () => {
  it('records scope, catalogue and every server row', () => {
    const b = sample();
    expect(b.layout).toBe('long');
    expect(b.scope).toEqual({
      serverUrl: PULL.serverUrl,
      pulledAt: PULL.pulledAt,
      unitCode: null,
      termId: null,
      query: '{"provinceCode":"01"}',
      unitId: null,
    });
    expect(b.units).toEqual(['001', '002']);
    expect([...b.indicators]).toEqual([
      ['01', 2],
      ['02', 1],
    ]);
    expect(b.cells.size).toBe(3);
  });

  it('round-trips through its JSON string', () => {
    const b = sample();
    const r = parseBaseline(serializeBaseline(b));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.baseline).toEqual(b);
      expect(sameBaseline(r.baseline, b)).toBe(true);
    }
  });

  it('records the term sheet scope and skips cells with no server row', () => {
    const table = termTableFrom({
      term: { id: 'T1', unitCode: '392', unitName: 'Hà Trung', startYear: 2020, endYear: 2025, title: 't' },
      targets: [{ indicator: { code: '01', name: 'x', unit: '%' }, period: '2025', value: 1, comparator: 'AT_LEAST' }],
      observations: [obs('392', '01', '2022', 5, 2)],
    });
    const b = baselineFromTable(table, PULL);
    expect(b.scope).toMatchObject({ unitCode: '392', termId: 'T1', query: null });
    expect(b.layout).toBe('term');
    expect(b.cells.size).toBe(1);
    // The target gave no decimals; the observation did.
    expect(b.indicators.get('01')).toBe(2);
    const r = parseBaseline(serializeBaseline(b));
    expect(r.ok && r.baseline).toEqual(b);
  });

  it('is compact: positional arrays, dictionary-encoded codes and sources', () => {
    const cells = Array.from({ length: 1000 }, (_, i) => ({
      unitCode: String(i % 30).padStart(3, '0'),
      indicatorCode: `CT${i % 25}`,
      period: String(2000 + (i % 40)),
      value: i * 1.5,
      version: 1 + (i % 7),
      status: 'OFFICIAL' as const,
      source: 'Báo cáo của UBND huyện năm 2023',
      note: null,
    }));
    const unique = new Map(cells.map((c) => [`${c.unitCode}|${c.indicatorCode}|${c.period}`, c]));
    const b = createBaseline({
      layout: 'long',
      scope: { ...PULL, unitCode: null, termId: null, query: null, unitId: null },
      cells: unique.values(),
    });
    const text = serializeBaseline(b);
    expect(text.length / unique.size).toBeLessThan(40);
    expect(text).not.toContain('"unitCode"');
    expect(text.match(/Báo cáo/g)).toHaveLength(1);
  });

  it('stores -0 as 0 (JSON has no negative zero)', () => {
    const b = createBaseline({
      layout: 'long',
      scope: { ...PULL, unitCode: null, termId: null, query: null, unitId: null },
      cells: [
        {
          unitCode: '1',
          indicatorCode: 'A',
          period: '2023',
          value: -0,
          version: 1,
          status: 'OFFICIAL',
          source: null,
          note: null,
        },
      ],
    });
    expect(Object.is([...b.cells.values()][0]!.value, 0)).toBe(true);
  });

  it('updates copy-on-write', () => {
    const b = sample();
    const [first] = [...b.cells.keys()];
    const next = updateBaseline(b, { remove: [first!] });
    expect(b.cells.size).toBe(3);
    expect(next.cells.size).toBe(2);
  });

  describe('rejects a corrupt baseline instead of half-reading it', () => {
    const cases: Array<[string, string]> = [
      ['not JSON', '{"f":1,'],
      ['empty', ''],
      ['an array', '[]'],
      ['null', 'null'],
      ['another format version', corrupt((d) => (d.f = BASELINE_FORMAT + 1))],
      ['a missing format version', corrupt((d) => delete d.f)],
      ['an unknown layout', corrupt((d) => (d.l = 'wide'))],
      ['a short scope', corrupt((d) => (d.s = ['x']))],
      ['a non-text server URL', corrupt((d) => ((d.s as unknown[])[0] = 5))],
      ['duplicate unit codes', corrupt((d) => (d.u = ['001', '001']))],
      ['a numeric unit code', corrupt((d) => (d.u = [1, 2]))],
      ['bad decimals', corrupt((d) => ((d.i as unknown[][])[0]![1] = 1.5))],
      [
        'duplicate indicators',
        corrupt(
          (d) =>
            (d.i = [
              ['01', 2],
              ['01', 2],
            ]),
        ),
      ],
      ['a unit index out of range', corrupt((d) => ((d.c as unknown[][])[0]![0] = 99))],
      ['an indicator index out of range', corrupt((d) => ((d.c as unknown[][])[0]![1] = -1))],
      ['a non-canonical period', corrupt((d) => ((d.c as unknown[][])[0]![2] = '2023-7'))],
      ['a text value', corrupt((d) => ((d.c as unknown[][])[0]![3] = '7.1'))],
      ['a null value', corrupt((d) => ((d.c as unknown[][])[0]![3] = null))],
      ['a fractional version', corrupt((d) => ((d.c as unknown[][])[0]![4] = 1.5))],
      ['an unknown status', corrupt((d) => ((d.c as unknown[][])[0]![5] = 4))],
      ['a source index out of range', corrupt((d) => ((d.c as unknown[][])[0]![6] = 42))],
      ['a non-text note', corrupt((d) => ((d.c as unknown[][])[0]![7] = 1))],
      ['a short cell', corrupt((d) => ((d.c as unknown[][])[0] = [0, 0, '2023']))],
      ['a duplicate cell', corrupt((d) => (d.c as unknown[][]).push((d.c as unknown[][])[0]!))],
      ['cells not a list', corrupt((d) => (d.c = {}))],
    ];
    it.each(cases)('%s', (_, text) => {
      const r = parseBaseline(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/baseline/);
    });

    it('a truncated string', () => {
      const text = serializeBaseline(sample());
      for (const cut of [1, 10, Math.floor(text.length / 2), text.length - 1]) {
        expect(parseBaseline(text.slice(0, cut)).ok).toBe(false);
      }
    });
  });
});
