import { describe, expect, it } from 'vitest';
import {
  baselineFromTable,
  countDiff,
  diffSheet,
  longTableFromObservations,
  pendingEntries,
  renderLongGrid,
  type DiffOptions,
} from '../../../addin/src/sync';
import { col, copyGrid, obs, PULL, readLong } from './helpers';

// Row 1: 001/01/2022, row 2: 001/01/2023, row 3: 001/02/2023, row 4: 002/GTSX/2023
const observations = [
  obs('001', '01', '2022', 6.5, 2),
  obs('001', '01', '2023', 7.1, 3, { status: 'ESTIMATED', source: 'BC 6 tháng', note: 'ước' }),
  obs('001', '02', '2023', 53.2, 1),
  obs('002', 'GTSX', '2023', 14250, 5),
];
const table = longTableFromObservations(observations);
const baseline = baselineFromTable(table, PULL);
const pristine = renderLongGrid(table);

function edit(f: (g: unknown[][], c: (label: string) => number) => void, options?: DiffOptions) {
  const g = copyGrid(pristine);
  f(g, (label) => col(g, label));
  return diffSheet(baseline, readLong(g), options);
}

describe('diff categories', () => {
  it('nothing changed → all UNCHANGED', () => {
    const d = edit(() => {});
    expect(countDiff(d)).toMatchObject({ unchanged: 4, edited: 0, problems: 0, missing: 0 });
  });

  it('EDITED value, with the baseline version', () => {
    const [e] = pendingEntries(edit((g, c) => (g[2]![c('Giá trị')] = 7.4)));
    expect(e).toMatchObject({
      kind: 'EDITED',
      key: { unitCode: '001', indicatorCode: '01', period: '2023' },
      desired: { value: 7.4, status: 'ESTIMATED', source: 'BC 6 tháng', note: 'ước' },
      base: { version: 3 },
      changed: ['value'],
    });
  });

  it.each<[string, string, unknown, string]>([
    ['status', 'Tình trạng', 'OFFICIAL', 'status'],
    ['status (Vietnamese label)', 'Tình trạng', 'chính thức', 'status'],
    ['status (no diacritics, lower case)', 'Tình trạng', 'chinh thuc', 'status'],
    ['source', 'Nguồn', 'Niên giám 2023', 'source'],
    ['source cleared', 'Nguồn', null, 'source'],
    ['note', 'Ghi chú', 'đã rà soát', 'note'],
  ])('%s-only edits are EDITED and keep the value as stored', (_, label, raw, field) => {
    const [e] = pendingEntries(edit((g, c) => (g[2]![c(label)] = raw)));
    expect(e).toMatchObject({ kind: 'EDITED', changed: [field], desired: { value: 7.1 } });
  });

  it('an empty status cell keeps the baseline status (not a change)', () => {
    expect(pendingEntries(edit((g, c) => (g[2]![c('Tình trạng')] = '')))).toEqual([]);
  });

  it('texts compare trimmed, empty meaning none', () => {
    expect(
      pendingEntries(
        edit((g, c) => {
          g[2]![c('Nguồn')] = '  BC 6 tháng ';
          g[1]![c('Ghi chú')] = '   ';
        }),
      ),
    ).toEqual([]);
  });

  it('CLEARED: the value deleted', () => {
    const [e] = pendingEntries(edit((g, c) => (g[3]![c('Giá trị')] = null)));
    expect(e).toMatchObject({ kind: 'CLEARED', desired: { value: null }, base: { version: 1, value: 53.2 } });
  });

  it('ADDED: a key not in the baseline, status defaulting to OFFICIAL or as given', () => {
    const d = edit((g) => {
      g.push(['001', null, '01', null, null, '2024', 7.9, null, null, null, null]);
      g.push(['002', null, 'GTSX', null, null, 2024, 15000, 'ESTIMATED', ' BC ', null, null]);
    });
    expect(pendingEntries(d).map((e) => [e.kind, e.key.period, e.desired.status, e.desired.source, e.base])).toEqual([
      ['ADDED', '2024', 'OFFICIAL', null, null],
      ['ADDED', '2024', 'ESTIMATED', 'BC', null],
    ]);
    expect(
      pendingEntries(edit((g) => g.push(['001', null, '01', null, null, '2024', 1]), { defaultStatus: 'FORECAST' }))[0]!
        .desired.status,
    ).toBe('FORECAST');
  });

  it('an added row without a value is not a change', () => {
    expect(pendingEntries(edit((g) => g.push(['001', null, '01', null, null, '2024', null, 'OFFICIAL'])))).toEqual([]);
  });

  it('numbers equal within floating noise or at the indicator decimals are UNCHANGED', () => {
    const d = edit((g, c) => {
      g[1]![c('Giá trị')] = 6.500000000000001; // noise
      g[3]![c('Giá trị')] = 53.24; // decimals 1 → 53.2
      g[4]![c('Giá trị')] = 14250.4; // decimals 0
    });
    expect(pendingEntries(d)).toEqual([]);
    const d2 = edit((g, c) => (g[3]![c('Giá trị')] = 53.25));
    expect(pendingEntries(d2)).toHaveLength(1);
  });

  it('0.1 + 0.2 against a stored 0.3 is UNCHANGED', () => {
    const t = longTableFromObservations([obs('001', 'X', '2023', 0.3, 1)]);
    const g = copyGrid(renderLongGrid(t));
    g[1]![col(g, 'Giá trị')] = 0.1 + 0.2;
    expect(pendingEntries(diffSheet(baselineFromTable(t, PULL), readLong(g)))).toEqual([]);
  });

  it('a status-only edit keeps the stored value, not the noisy sheet value', () => {
    const [e] = pendingEntries(
      edit((g, c) => {
        g[3]![c('Giá trị')] = 53.2000000001;
        g[3]![c('Tình trạng')] = 'PRELIMINARY';
      }),
    );
    expect(e).toMatchObject({ changed: ['status'], desired: { value: 53.2, status: 'PRELIMINARY' } });
  });

  it('rows deleted from the sheet are missing, never deletions', () => {
    const d = edit((g) => g.splice(2, 1));
    expect(pendingEntries(d)).toEqual([]);
    expect(d.missing.map((m) => m.period + m.indicatorCode)).toEqual(['202301']);
  });

  it('blank rows are ignored', () => {
    const d = edit((g) => g.splice(2, 0, Array(11).fill(null), Array(11).fill('  ')));
    expect(countDiff(d)).toMatchObject({ unchanged: 4, problems: 0 });
  });
});

describe('diff problems (never pushed)', () => {
  it('TEXT_NOT_NUMBER "12,5": flagged with the suggestion 12.5, not guessed', () => {
    const d = edit((g, c) => (g[3]![c('Giá trị')] = '12,5'));
    expect(pendingEntries(d)).toEqual([]);
    expect(d.problems).toEqual([
      expect.objectContaining({
        code: 'TEXT_NOT_NUMBER',
        field: 'value',
        raw: '12,5',
        suggestion: 12.5,
        at: { row: 3, col: 6 },
        key: { unitCode: '001', indicatorCode: '02', period: '2023' },
      }),
    ]);
    // The row is present (with a problem), so it is not reported missing.
    expect(d.missing).toEqual([]);
  });

  it('"1.234,5" is suggested as 1234.5; "1.234" is ambiguous: candidates, no suggestion; "abc": neither', () => {
    const d = edit((g, c) => {
      g[1]![c('Giá trị')] = '1.234,5';
      g[2]![c('Giá trị')] = '1.234';
      g[3]![c('Giá trị')] = 'abc';
      g[4]![c('Giá trị')] = '#N/A';
    });
    expect(d.problems.map((p) => [p.code, p.suggestion, p.candidates])).toEqual([
      ['TEXT_NOT_NUMBER', 1234.5, undefined],
      ['TEXT_NOT_NUMBER', undefined, [1.234, 1234]],
      ['TEXT_NOT_NUMBER', undefined, undefined],
      ['TEXT_NOT_NUMBER', undefined, undefined],
    ]);
  });

  it('with acceptUnambiguousText, unique readings are taken and ambiguous ones still refused', () => {
    const d = edit(
      (g, c) => {
        g[3]![c('Giá trị')] = '12,5';
        g[2]![c('Giá trị')] = '1.234';
      },
      { acceptUnambiguousText: true },
    );
    expect(pendingEntries(d).map((e) => e.desired.value)).toEqual([12.5]);
    expect(d.problems.map((p) => p.code)).toEqual(['TEXT_NOT_NUMBER']);
  });

  it('LOST_LEADING_ZERO: repaired when unique, reported with the fix to write back', () => {
    const d = edit((g, c) => {
      g[3]![c('Mã đơn vị')] = 1; // "001"
      g[3]![c('Mã chỉ tiêu')] = 2; // "02"
      g[3]![c('Giá trị')] = 54;
    });
    expect(pendingEntries(d)).toEqual([
      expect.objectContaining({ kind: 'EDITED', key: { unitCode: '001', indicatorCode: '02', period: '2023' } }),
    ]);
    expect(d.repairs).toEqual([
      { at: { row: 3, col: 0 }, field: 'unitCode', from: '1', to: '001' },
      { at: { row: 3, col: 2 }, field: 'indicatorCode', from: '2', to: '02' },
    ]);
    expect(d.problems).toEqual([]);
  });

  it('LOST_LEADING_ZERO: ambiguous when the catalogue has several matches', () => {
    const d = edit((g, c) => (g[1]![c('Mã đơn vị')] = 1), { unitCodes: ['01'] });
    expect(d.problems).toEqual([
      expect.objectContaining({ code: 'LOST_LEADING_ZERO', field: 'unitCode', candidates: ['001', '01'], key: null }),
    ]);
    expect(d.missing).toHaveLength(1);
  });

  it('a repaired code can collide with a row already in the sheet: DUPLICATE_KEY for both', () => {
    const d = edit((g) => g.push([1, null, '01', null, null, '2023', 9]));
    expect(d.problems.map((p) => [p.code, p.at.row])).toEqual([
      ['DUPLICATE_KEY', 2],
      ['DUPLICATE_KEY', 5],
    ]);
    expect(pendingEntries(d)).toEqual([]);
    expect(d.missing).toEqual([]);
  });

  it('DUPLICATE_KEY: the same key twice, neither pushed even if one is unchanged', () => {
    const d = edit((g) => g.push([...g[3]!.slice(0, 6), 60]));
    expect(d.problems.filter((p) => p.code === 'DUPLICATE_KEY')).toHaveLength(2);
    expect(d.problems[0]!.message).toMatch(/grid rows 4, 6/);
    expect(pendingEntries(d)).toEqual([]);
  });

  it('BAD_PERIOD, with a suggestion when Excel made a month into a date', () => {
    const d = edit((g, c) => {
      g[1]![c('Kỳ')] = '2022-13';
      g[2]![c('Kỳ')] = 45108;
    });
    expect(d.problems.map((p) => [p.code, p.field, p.suggestion])).toEqual([
      ['BAD_PERIOD', 'period', undefined],
      ['BAD_PERIOD', 'period', '2023-07'],
    ]);
    expect(d.missing).toHaveLength(2);
  });

  it('period noise Excel produces is normalised, not a problem', () => {
    expect(pendingEntries(edit((g, c) => (g[1]![c('Kỳ')] = 2022)))).toEqual([]);
    expect(pendingEntries(edit((g, c) => (g[1]![c('Kỳ')] = ' 2022 ')))).toEqual([]);
  });

  it('MISSING_KEY for a row with a value but no code or period', () => {
    const d = edit((g) => g.push([null, null, '01', null, null, null, 5]));
    expect(d.problems.map((p) => [p.code, p.field])).toEqual([
      ['MISSING_KEY', 'unitCode'],
      ['MISSING_KEY', 'period'],
    ]);
  });

  it('BAD_STATUS for an unknown status', () => {
    const d = edit((g, c) => (g[1]![c('Tình trạng')] = 'final'));
    expect(d.problems).toEqual([
      expect.objectContaining({ code: 'BAD_STATUS', field: 'status', at: { row: 1, col: 7 } }),
    ]);
    expect(pendingEntries(d)).toEqual([]);
  });

  it('a row with several problems reports each, at its own cell', () => {
    const d = edit((g) => g.push(['', null, '01', null, null, 'Q3', 'x', 'y']));
    expect(d.problems.map((p) => [p.code, p.at.col])).toEqual([
      ['MISSING_KEY', 0],
      ['BAD_PERIOD', 5],
      ['TEXT_NOT_NUMBER', 6],
      ['BAD_STATUS', 7],
    ]);
  });
});
