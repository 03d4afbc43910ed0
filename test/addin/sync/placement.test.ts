import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../addin/src/sync';
import {
  findHeader,
  LONG_COLUMNS,
  LONG_HEADERS,
  locateGrid,
  planSheetWrite,
  readLongGrid,
  renderLongGrid,
  runValues,
  shiftEntries,
  TERM_HEADERS,
} from '../../../addin/src/sync';
import { longTableFromObservations } from '../../../addin/src/sync';
import { obs } from './helpers';

const HEADER = LONG_COLUMNS.map((c) => LONG_HEADERS[c]);
const table = longTableFromObservations([obs('001', '01', '2022', 5, 1), obs('001', '01', '2023', 6, 2)]);
const rendered = renderLongGrid(table);
const col = (c: (typeof LONG_COLUMNS)[number]) => LONG_COLUMNS.indexOf(c);

describe('finding the header by its labels', () => {
  it('finds it at A1 on a sheet the add-in wrote', () => {
    expect(findHeader(rendered, 'long')).toEqual({ row: 0, col: 0 });
  });

  it('finds it below a title block, and from its first column when the table was moved right', () => {
    const sheet = [['Báo cáo chỉ tiêu 2023'], ['Mã chỉ tiêu và Kỳ: xem dưới'], ['', '', ...HEADER], ['', '', '001']];
    expect(findHeader(sheet, 'long')).toEqual({ row: 2, col: 2 });
  });

  it('a title row naming one label is not a header: every required label must be in the row', () => {
    const sheet = [[LONG_HEADERS.value], HEADER];
    expect(findHeader(sheet, 'long')).toEqual({ row: 1, col: 0 });
  });

  it('a term header is the row with "Mã", the one with more of the layout labels winning', () => {
    const sheet = [
      [TERM_HEADERS.code, 'Tiêu đề'],
      [TERM_HEADERS.code, TERM_HEADERS.name, TERM_HEADERS.unitOfMeasure, 2021, '2022'],
    ];
    expect(findHeader(sheet, 'term')).toEqual({ row: 1, col: 0 });
  });

  it('gives up beyond the rows it scans, and when a required label is gone', () => {
    expect(findHeader([...Array.from({ length: 20 }, () => ['x']), HEADER], 'long')).toBeNull();
    expect(findHeader([HEADER.filter((h) => h !== LONG_HEADERS.period)], 'long')).toBeNull();
  });
});

describe('reading a located grid', () => {
  it('reports sheet positions: a mark lands on the cell under the title rows', () => {
    const sheet = [['Tiêu đề'], [], ...rendered.map((r) => ['ghi chú', ...r])];
    const located = locateGrid(sheet, 'long');
    expect(located.origin).toEqual({ row: 2, col: 0 });
    const read = readLongGrid(located.grid);
    if (!read.ok) throw new Error(read.message);
    const entries = shiftEntries(read.entries, located.origin);
    // "ghi chú" sits in column A, inside the located grid: the value column is one to the right.
    expect(entries[0]!.value.at).toEqual({ row: 3, col: col('value') + 1 });
    expect(sheet[3]![col('value') + 1]).toBe(5);
    expect(entries[1]!.period.at).toEqual({ row: 4, col: col('period') + 1 });
    // Read-only cells (names) too: an edited district name is marked where it was typed.
    expect(entries[0]!.readOnly!.map((r) => r.at)).toEqual(
      (['unitName', 'indicatorName', 'unitOfMeasure'] as const).map((c) => ({ row: 3, col: col(c) + 1 })),
    );
  });

  it('hands the whole sheet on when no header is found, so the reader names the missing columns', () => {
    const located = locateGrid([['a', 'b']], 'long');
    expect(located.found).toBe(false);
    expect(readLongGrid(located.grid).ok).toBe(false);
  });
});

describe('planning a write', () => {
  it('a new sheet: the grid at A1, every header written, the table over it', () => {
    const plan = planSheetWrite(rendered, null);
    expect(plan.origin).toEqual({ row: 0, col: 0 });
    expect(plan.runs).toEqual([{ from: 0, to: HEADER.length, sheetCol: 0 }]);
    expect(plan.headers.map((h) => h.label)).toEqual(HEADER);
    expect(plan.table).toEqual({ row: 0, col: 0, rows: 3, cols: HEADER.length });
  });

  it("a refresh writes only the add-in's columns: a user column in the middle splits the write", () => {
    // The user inserted "Gấp đôi" after Giá trị (=G2*2) and a title row above the table.
    const header = [...HEADER.slice(0, 7), 'Gấp đôi', ...HEADER.slice(7)];
    const top = [['Tiêu đề'], header, ...Array.from({ length: 5 }, () => header.map(() => 'x'))];
    const plan = planSheetWrite(rendered, {
      layout: 'long',
      top,
      usedRows: 7,
      table: { row: 1, col: 0, rows: 6, cols: header.length },
    });
    expect(plan.origin).toEqual({ row: 1, col: 0 });
    expect(plan.headers).toEqual([]);
    expect(plan.runs).toEqual([
      { from: 0, to: 7, sheetCol: 0 },
      { from: 7, to: HEADER.length, sheetCol: 8 },
    ]);
    expect(plan.columns).not.toContain(7);
    // Two fresh rows where there were five: three blanked, the table keeps the user's column.
    expect(plan.rows).toBe(2);
    expect(plan.clearRows).toBe(3);
    expect(plan.table).toEqual({ row: 1, col: 0, rows: 3, cols: header.length });
  });

  it('rows typed under the table count as previous rows: they are blanked, not read twice', () => {
    const plan = planSheetWrite(rendered, {
      layout: 'long',
      top: [HEADER],
      usedRows: 10,
      table: { row: 0, col: 0, rows: 3, cols: HEADER.length },
    });
    expect(plan.clearRows).toBe(7);
  });

  it('a column the sheet lacks (a new year) goes after the table and gets its header', () => {
    const grid: Grid = [
      [TERM_HEADERS.code, '2021', '2022'],
      ['01', 1, 2],
    ];
    const top = [[TERM_HEADERS.code, '2021', 'Của tôi']];
    const plan = planSheetWrite(grid, {
      layout: 'term',
      top,
      usedRows: 2,
      table: { row: 0, col: 0, rows: 2, cols: 3 },
    });
    expect(plan.columns).toEqual([0, 1, 3]);
    expect(plan.headers).toEqual([{ col: 3, label: '2022' }]);
    expect(plan.table).toEqual({ row: 0, col: 0, rows: 2, cols: 4 });
  });

  it('a year column this pull no longer has is stale: its figures are blanked; a user column is not', () => {
    const grid: Grid = [
      [TERM_HEADERS.code, '2021'],
      ['01', 1],
    ];
    const top = [[TERM_HEADERS.code, 2021, 2020, 'Của tôi']];
    const plan = planSheetWrite(grid, { layout: 'term', top, usedRows: 2, table: null });
    expect(plan.staleColumns).toEqual([2]);
  });

  it('without a header (a key column deleted) the grid is rewritten where the table stands', () => {
    const plan = planSheetWrite(rendered, {
      layout: 'long',
      top: [['x'], ['y']],
      usedRows: 2,
      table: { row: 1, col: 2, rows: 1, cols: 1 },
    });
    expect(plan.origin).toEqual({ row: 1, col: 2 });
    expect(plan.headers).toHaveLength(HEADER.length);
    expect(plan.runs).toEqual([{ from: 0, to: HEADER.length, sheetCol: 2 }]);
  });

  it("writes '' for an empty cell, never null (Office.js leaves a cell under null unchanged)", () => {
    const values = runValues(rendered, { from: 0, to: HEADER.length, sheetCol: 0 }, 0, 2);
    expect(values).toHaveLength(2);
    expect(values.flat()).not.toContain(null);
    expect(values[0]![col('note')]).toBe('');
  });
});
