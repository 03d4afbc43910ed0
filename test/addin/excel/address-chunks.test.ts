import { describe, expect, it } from 'vitest';
import {
  cellAddress,
  chunkRows,
  columnLetters,
  parseCellAddress,
  rangeAddress,
  readSpans,
  safeSheetName,
  splitText,
  uniqueSheetName,
} from '../../../addin/src/excel';

describe('A1 addresses', () => {
  it('converts both ways', () => {
    expect([0, 25, 26, 701, 702, 16_383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    expect(cellAddress(0, 0)).toBe('A1');
    expect(rangeAddress(1, 2, 3, 4)).toBe('C2:F4');
    expect(rangeAddress(4, 1, 1, 1)).toBe('B5');
    expect(parseCellAddress("'Hà Trung'!$G$12")).toEqual({ row: 11, col: 6 });
  });
});

describe('chunking', () => {
  it('keeps every chunk under the byte budget and covers every row once', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`${i}`.padStart(3, '0'), 'Huyện Hà Trung', i * 1.5, null]);
    const spans = chunkRows(rows, { maxBytes: 50_000 });
    expect(spans[0]!.start).toBe(0);
    expect(spans.at(-1)!.end).toBe(10_000);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBe(spans[i - 1]!.end);
    for (const s of spans) expect(s.bytes).toBeLessThanOrEqual(50_000);
    expect(JSON.stringify(rows.slice(spans[0]!.start, spans[0]!.end)).length).toBeLessThanOrEqual(50_000);
  });
  it('reads in spans of whole rows', () => {
    expect(readSpans(25_001, 11, 120_000)).toEqual([
      { start: 0, end: 10_909 },
      { start: 10_909, end: 21_818 },
      { start: 21_818, end: 25_001 },
    ]);
  });
  it('splits text without cutting a surrogate pair', () => {
    const text = 'a'.repeat(9) + '😀' + 'b'.repeat(5);
    const parts = splitText(text, 10);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(10);
    expect(parts[0]).toBe('a'.repeat(9));
  });
});

describe('sheet names', () => {
  it('obeys Excel rules and stays unique', () => {
    expect(safeSheetName('Hà Trung: XXII / 2020–2025 [nhiệm kỳ] extra long')).toBe('Hà Trung XXII 2020–2025 nhiệm k');
    expect(uniqueSheetName('Hà Trung XXII', ['hà trung xxii', 'Hà Trung XXII (2)'])).toBe('Hà Trung XXII (3)');
  });
});
