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
  uniqueTableName,
  WEB_REQUEST_LIMIT_BYTES,
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
  it('a 6 MB grid of Vietnamese text, quotes and newlines is split into requests under the 5 MB limit', () => {
    const note = 'Ghi chú "ước tính"\nnguồn: Chi cục Thống kê Hà Trung \\ Thanh Hoá';
    const rows = Array.from({ length: 40_000 }, (_, i) => [`${i}`.padStart(5, '0'), note, note, i / 7, '2023-Q3']);
    const exact = (r: unknown[][]) => Buffer.byteLength(JSON.stringify(r), 'utf8');
    expect(exact(rows)).toBeGreaterThan(6_000_000);
    const spans = chunkRows(rows);
    expect(spans.length).toBeGreaterThan(1);
    // The estimate is never below the bytes JSON really takes, so no request passes the limit.
    for (const s of spans) {
      expect(exact(rows.slice(s.start, s.end))).toBeLessThanOrEqual(s.bytes);
      expect(s.bytes).toBeLessThan(WEB_REQUEST_LIMIT_BYTES);
    }
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

describe('table names', () => {
  it('obeys Excel rules (letters, digits, _ and . only; not a cell reference) and stays unique workbook-wide', () => {
    expect(uniqueTableName('ChiTieu_So sánh Thanh Hóa (nay)', [])).toBe('ChiTieu_So_sanh_Thanh_Hoa_nay');
    expect(uniqueTableName('ChiTieu_Đồng Tháp', [])).toBe('ChiTieu_Dong_Thap');
    expect(uniqueTableName('A1', [])).toBe('T_A1');
    expect(uniqueTableName('R1C1', [])).toBe('T_R1C1');
    expect(uniqueTableName('2023 số liệu', [])).toBe('T_2023_so_lieu');
    expect(uniqueTableName('ChiTieu_Hà Trung', ['chitieu_ha_trung', 'ChiTieu_Ha_Trung_2'])).toBe('ChiTieu_Ha_Trung_3');
  });
});
