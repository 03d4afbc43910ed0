import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  formatPeriod,
  isCanonicalPeriod,
  normalizePeriodCell,
  parsePeriod,
} from '../../../addin/src/sync';
import { periodArb } from './arbitraries';

describe('parsePeriod / formatPeriod', () => {
  it.each([
    ['2023', { kind: 'YEAR', year: 2023 }],
    ['2023-H1', { kind: 'HALF', year: 2023, half: 1 }],
    ['2023-H2', { kind: 'HALF', year: 2023, half: 2 }],
    ['2023-Q3', { kind: 'QUARTER', year: 2023, quarter: 3 }],
    ['2023-07', { kind: 'MONTH', year: 2023, month: 7 }],
    ['2023-12', { kind: 'MONTH', year: 2023, month: 12 }],
    ['2021..2023', { kind: 'SPAN', start: 2021, end: 2023 }],
    ['1900', { kind: 'YEAR', year: 1900 }],
    ['2100', { kind: 'YEAR', year: 2100 }],
  ])('parses %s', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
    expect(formatPeriod(parsePeriod(text)!)).toBe(text);
  });

  it.each([
    '',
    '23',
    '02023',
    '1899',
    '2101',
    '2023-H0',
    '2023-H3',
    '2023-Q0',
    '2023-Q5',
    '2023-00',
    '2023-13',
    '2023-7',
    '2023..2023',
    '2024..2023',
    '2021..2101',
    '1899..1901',
    ' 2023',
    '2023 ',
    '2023-h1',
    '2023-q1',
    '2021-2023',
    '2021...2023',
    '2023-H1-01',
    '２０２３',
    'năm 2023',
    '2023/07',
  ])('rejects %j in strict form', (text) => {
    expect(parsePeriod(text)).toBeNull();
    expect(isCanonicalPeriod(text)).toBe(false);
  });

  it('format ∘ parse is identity on every period', () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        const text = formatPeriod(p);
        expect(parsePeriod(text)).toEqual(p);
        expect(normalizePeriodCell(text)).toEqual({ ok: true, period: text });
      }),
    );
  });

  it('orders chronologically, longer first on the same start, junk last', () => {
    const sorted = ['2023-07', 'junk', '2023', '2021..2023', '2023-Q3', '2023-H2', '2022', '2023-H1'].sort(
      comparePeriods,
    );
    expect(sorted).toEqual(['2021..2023', '2022', '2023', '2023-H1', '2023-H2', '2023-Q3', '2023-07', 'junk']);
  });
});

describe('normalizePeriodCell', () => {
  it.each<[unknown, string]>([
    [2023, '2023'],
    ['2023', '2023'],
    [' 2023 ', '2023'],
    ['2023\u00a0', '2023'],
    ['2023 - H1', '2023-H1'],
    ['2023-h2', '2023-H2'],
    ['2023\u2013Q3', '2023-Q3'],
    ['2021 .. 2023', '2021..2023'],
    ['2021-2023', '2021..2023'],
    ['2021 – 2025', '2021..2025'],
    ['2021—2025', '2021..2025'],
  ])('accepts %j', (raw, expected) => {
    expect(normalizePeriodCell(raw)).toEqual({ ok: true, period: expected });
  });

  it('reports empty cells as empty', () => {
    for (const raw of [null, undefined, '', '   ']) {
      const r = normalizePeriodCell(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.empty).toBe(true);
    }
  });

  it.each<unknown>([
    2023.5,
    1899,
    2101,
    0,
    -2023,
    true,
    {},
    'abc',
    '2023-13',
    '2023-Q5',
    '2024-2023',
    '2023..2023',
    '12/2023',
    '2023 Q3' /* spaces never invent a dash */,
  ])('rejects %j', (raw) => {
    const r = normalizePeriodCell(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.empty).toBe(false);
      expect(r.message.length).toBeGreaterThan(0);
    }
  });

  it('explains a month that Excel turned into a date serial, with the period to type', () => {
    // 45108 = 2023-07-01 in Excel's 1900 date system.
    const r = normalizePeriodCell(45108);
    expect(r).toMatchObject({ ok: false, suggestion: '2023-07' });
    // Not the first of a month: no suggestion, still an error.
    expect(normalizePeriodCell(45110)).not.toHaveProperty('suggestion');
  });

  it('suggests, but does not accept, a one-digit month', () => {
    expect(normalizePeriodCell('2023-7')).toMatchObject({ ok: false, suggestion: '2023-07' });
  });

  it('suggests a month for a Date object on the first of the month', () => {
    expect(normalizePeriodCell(new Date(Date.UTC(2024, 2, 1)))).toMatchObject({ ok: false, suggestion: '2024-03' });
  });

  it('accepts any canonical period with whitespace and case noise', () => {
    fc.assert(
      fc.property(
        periodArb,
        fc.array(fc.constantFrom(' ', '\u00a0', '\t'), { maxLength: 3 }),
        fc.boolean(),
        (p, pad, lower) => {
          const text = formatPeriod(p);
          const noisy = pad.join('') + (lower ? text.toLowerCase() : text) + pad.join('');
          expect(normalizePeriodCell(noisy)).toEqual({ ok: true, period: text });
        },
      ),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)), (raw) => {
        const r = normalizePeriodCell(raw);
        if (r.ok) expect(isCanonicalPeriod(r.period)).toBe(true);
      }),
    );
  });
});
