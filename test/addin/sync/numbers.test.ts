import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCodeIndex, normalizeCodeCell, numberReadings, readValueCell, sameValue } from '../../../addin/src/sync';

describe('numberReadings — the decimal-comma rule', () => {
  it.each<[string, number[]]>([
    ['12', [12]],
    ['-12', [-12]],
    ['+7', [7]],
    ['12.5', [12.5]],
    ['12,5', [12.5]], // Vietnamese decimal comma: unique reading
    ['0,5', [0.5]],
    [',5', [0.5]],
    ['1,23', [1.23]], // "," with two digits cannot be an English thousands group
    ['1.234,5', [1234.5]], // Vietnamese grouping: never 1.2345
    ['1,234.5', [1234.5]], // English grouping
    ['1.234.567', [1234567]],
    ['1,234,567', [1234567]],
    ['1 234,5', [1234.5]],
    ['1\u00a0234.5', [1234.5]],
    ['−3,25', [-3.25]], // U+2212 minus
    ['1.234', [1.234, 1234]], // ambiguous
    ['1,234', [1.234, 1234]], // ambiguous
    ['123,456', [123.456, 123456]],
    ['abc', []],
    ['12,5%', []],
    ['1.2.3', []],
    ['1,2,3', []],
    ['1.234,5.6', []],
    ['#N/A', []],
    ['1e3', []],
    ['', []],
  ])('%j → %j', (text, readings) => {
    expect(numberReadings(text)).toEqual(readings);
  });
});

describe('readValueCell', () => {
  it('takes numbers as they are and blanks as empty', () => {
    expect(readValueCell(53.2)).toEqual({ kind: 'number', value: 53.2 });
    expect(readValueCell(0)).toEqual({ kind: 'number', value: 0 });
    expect(Object.is((readValueCell(-0) as { value: number }).value, 0)).toBe(true);
    for (const blank of [null, undefined, '', '  ', '\u00a0']) expect(readValueCell(blank)).toEqual({ kind: 'empty' });
  });

  it('flags text with its unique reading as a suggestion', () => {
    expect(readValueCell('12,5')).toEqual({ kind: 'text', text: '12,5', suggestion: 12.5, candidates: [12.5] });
    expect(readValueCell(' 1.234,5 ')).toMatchObject({ kind: 'text', suggestion: 1234.5 });
  });

  it('gives no suggestion for ambiguous or unreadable text', () => {
    expect(readValueCell('1.234')).toEqual({
      kind: 'text',
      text: '1.234',
      suggestion: null,
      candidates: [1.234, 1234],
    });
    expect(readValueCell('abc')).toEqual({ kind: 'text', text: 'abc', suggestion: null, candidates: [] });
    expect(readValueCell('#DIV/0!')).toMatchObject({ kind: 'text', suggestion: null });
    expect(readValueCell(true)).toEqual({ kind: 'text', text: 'true', suggestion: null, candidates: [] });
    expect(readValueCell(Number.NaN)).toMatchObject({ kind: 'text', suggestion: null });
  });

  it('every text reading of a number printed either way contains the number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 3 }), (n, d) => {
        const x = n / 10 ** d;
        const en = x.toString();
        const vi = en.replace('.', ',');
        expect(numberReadings(en)).toContain(x);
        expect(numberReadings(vi)).toContain(x);
      }),
    );
  });
});

describe('sameValue', () => {
  it('forgives floating noise', () => {
    expect(sameValue(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameValue(1e15 + 0.1, 1e15)).toBe(true);
    expect(sameValue(0.3, 0.30001)).toBe(false);
  });

  it('compares at the indicator decimals, rounding half away from zero', () => {
    expect(sameValue(12.34, 12.3, 1)).toBe(true);
    expect(sameValue(12.35, 12.3, 1)).toBe(false);
    expect(sameValue(1.005, 1.01, 2)).toBe(true);
    expect(sameValue(-1.005, -1.01, 2)).toBe(true);
    expect(sameValue(1234.4, 1234, 0)).toBe(true);
    expect(sameValue(1234.5, 1234, 0)).toBe(false);
    expect(sameValue(12.34, 12.3, null)).toBe(false);
  });

  it('treats null as only equal to null', () => {
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue(null, 0)).toBe(false);
    expect(sameValue(0, null, 2)).toBe(false);
  });

  it('is symmetric and reflexive', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.option(fc.integer({ min: 0, max: 6 })),
        (a, b, d) => {
          expect(sameValue(a, a, d)).toBe(true);
          expect(sameValue(a, b, d)).toBe(sameValue(b, a, d));
        },
      ),
    );
  });
});

describe('normalizeCodeCell — lost leading zeros', () => {
  const index = buildCodeIndex(['001', '002', '010', '01', '392', 'GTSX', '0007']);

  it('keeps known codes and non-numeric codes as they are', () => {
    expect(normalizeCodeCell('001', index)).toEqual({ ok: true, code: '001' });
    expect(normalizeCodeCell(' GTSX ', index)).toEqual({ ok: true, code: 'GTSX' });
    expect(normalizeCodeCell(392, index)).toEqual({ ok: true, code: '392' });
  });

  it('repairs a number that lost its zeros when exactly one known code matches', () => {
    expect(normalizeCodeCell(2, index)).toEqual({ ok: true, code: '002', repairedFrom: '2' });
    expect(normalizeCodeCell(10, index)).toEqual({ ok: true, code: '010', repairedFrom: '10' });
    expect(normalizeCodeCell(7, index)).toEqual({ ok: true, code: '0007', repairedFrom: '7' });
  });

  it('reports, never guesses, when several known codes match', () => {
    expect(normalizeCodeCell(1, index)).toEqual({
      ok: false,
      reason: 'AMBIGUOUS',
      text: '1',
      candidates: ['001', '01'],
    });
  });

  it('leaves unknown codes, and codes typed as text, for the server to judge', () => {
    expect(normalizeCodeCell(999, index)).toEqual({ ok: true, code: '999' });
    expect(normalizeCodeCell('02', index)).toEqual({ ok: true, code: '02' });
    // Text means a text cell: Excel did not strip anything, so "2" is what the user typed.
    expect(normalizeCodeCell('2', index)).toEqual({ ok: true, code: '2' });
    expect(normalizeCodeCell(' 10 ', index)).toEqual({ ok: true, code: '10' });
  });

  it('reports empty cells', () => {
    expect(normalizeCodeCell(null, index)).toEqual({ ok: false, reason: 'EMPTY' });
    expect(normalizeCodeCell('  ', index)).toEqual({ ok: false, reason: 'EMPTY' });
  });

  it('repairs any zero-padded code turned into a number, when unique', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 1, max: 4 }), (n, pad) => {
        const code = '0'.repeat(pad) + String(n);
        const r = normalizeCodeCell(n, buildCodeIndex([code, 'X1']));
        expect(r).toEqual({ ok: true, code, repairedFrom: String(n) });
      }),
    );
  });
});
