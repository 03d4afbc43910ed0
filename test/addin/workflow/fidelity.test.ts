/**
 * What the add-in writes as text and reads back as numbers, through the real workflow (pull, preview,
 * push, take server value) against the strict Excel stand-in (vi-VN) and the fake server. Each test
 * names the old behaviour it catches.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../../../addin/src/api';
import type { ObservationRowInput, ServerObservation } from '../../../addin/src/sync';
import { baselineFromTable, longTableFromObservations, termTableFrom } from '../../../addin/src/sync';
import { review, takeServer } from '../../../addin/src/workflow/push';
import type { BoundSheet } from '../../../addin/src/workflow/sheet';
import { writeTable } from '../../../addin/src/workflow/sheet';
import type { Driver } from '../../stand-in';
import { installStandIn } from '../../stand-in';
import { FakeServer, obs, PULL } from '../sync/helpers';

const NOTE = '-5 hộ nghèo';
const SOURCE = '=Báo cáo UBND';
const NAMED_SOURCE = '@tổng cục';
const SHEET = 'Dữ liệu';

/** 001 × {01 (%), 02 (triệu đồng), GTSX (tỷ đồng)} × 2023: rows 2, 3, 4 of the sheet. */
function observations(): ServerObservation[] {
  return [
    obs('001', '01', '2023', 7.34, 1, { note: NOTE }),
    obs('001', '02', '2023', 54.2, 1, { source: SOURCE }),
    obs('001', 'GTSX', '2023', 900, 1, { source: NAMED_SOURCE, status: 'ESTIMATED' }),
  ];
}

describe('workflow against the strict stand-in: text in, numbers out', () => {
  let excel: Driver;
  let server: FakeServer;
  let sent: ObservationRowInput[][];
  const client = {
    endpoint: PULL.serverUrl,
    request: async (_q: string, vars: { input: { rows: ObservationRowInput[]; dryRun: boolean; atomic: boolean } }) => {
      sent.push(vars.input.rows);
      return { pushObservations: server.push(vars.input) };
    },
  } as unknown as GraphQLClient;

  beforeEach(() => {
    excel = installStandIn({ locale: 'vi-VN', apiVersion: '1.12' });
    server = new FakeServer(observations());
    sent = [];
  });
  afterEach(() => excel.uninstall());

  async function pullLong() {
    const table = longTableFromObservations(observations());
    const binding = { layout: 'long' as const, scopeKey: 'long:{}', serverUrl: PULL.serverUrl };
    return writeTable({ sheetId: null, sheetName: SHEET }, table, binding, baselineFromTable(table, PULL));
  }
  const preview = (sheet: BoundSheet) => review(client, sheet, { dryRun: true, atomic: true });

  it('a note "-5 hộ nghèo", a source "=Báo cáo UBND" or "@tổng cục" land as text and preview unchanged', async () => {
    // Old: only codes and periods were text, so these became formulas (#NAME?) and the preview
    // offered to overwrite the server's note and sources with error values.
    const sheet = await pullLong();
    expect(excel.cell(SHEET, 'J2')).toMatchObject({ value: NOTE, formula: null });
    expect(excel.cell(SHEET, 'I3').value).toBe(SOURCE);
    expect(excel.cell(SHEET, 'I4').value).toBe(NAMED_SOURCE);
    const r = await preview(sheet);
    expect(r.sent).toBe(0);
    expect(r.items).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('"1,5%" typed in a % indicator’s value cell previews and pushes 1.5', async () => {
    // Old: the reader took the stored 0.015 as the figure and pushed 0.015.
    const sheet = await pullLong();
    excel.type(SHEET, 'G2', '1,5%');
    expect(excel.cell(SHEET, 'G2')).toMatchObject({ value: 0.015, format: '0.0%' });
    const dry = await preview(sheet);
    expect(dry.items.map((i) => [i.state, i.at])).toEqual([['WILL_UPDATE', { row: 1, col: 6 }]]);
    const pushed = await review(client, dry.sheet, { dryRun: false, atomic: true });
    expect(sent.map((rows) => rows.map((r) => r.value))).toEqual([[1.5], [1.5]]);
    expect(pushed.items.map((i) => i.state)).toEqual(['UPDATED']);
    expect(server.store.get(JSON.stringify(['001', '01', '2023']))?.row.value).toBe(1.5);
  });

  it('the same on an indicator not measured in % is marked ambiguous, naming both readings, and not sent', async () => {
    // Old: 0.015 was pushed for "1,5%" on an indicator in triệu đồng.
    const sheet = await pullLong();
    excel.type(SHEET, 'G3', '1,5%');
    const r = await preview(sheet);
    expect(sent).toEqual([]);
    expect(r.items).toEqual([
      expect.objectContaining({
        state: 'LOCAL_PROBLEM',
        code: 'PERCENT_AMBIGUOUS',
        at: { row: 2, col: 6 },
        candidates: [0.015, 1.5],
      }),
    ]);
    expect(excel.cell(SHEET, 'G3').fill).not.toBeNull();
    expect(excel.cell(SHEET, 'G3').prompt?.message).toContain('1.5');
  });

  it('an edited indicator name is marked on its cell; the row’s value edit still goes', async () => {
    // Old: the name column was never read, so the correction vanished without a word.
    const sheet = await pullLong();
    excel.type(SHEET, 'D3', 'Thu nhập bình quân đầu người');
    excel.type(SHEET, 'G3', '55');
    const r = await preview(sheet);
    expect(r.items.map((i) => [i.state, i.code, i.at])).toEqual([
      ['WILL_UPDATE', null, { row: 2, col: 6 }],
      ['LOCAL_PROBLEM', 'READ_ONLY_EDITED', { row: 2, col: 3 }],
    ]);
    expect(sent).toEqual([[expect.objectContaining({ indicatorCode: '02', value: 55 })]]);
  });

  it('the status column offers the Vietnamese labels, and keeps its drop-down after the marks are cleared', async () => {
    // Old: no drop-down; and clearing marks cleared every validation of the data rows.
    const sheet = await pullLong();
    const list = { list: { inCellDropDown: true, source: 'Ước đạt,Sơ bộ,Chính thức,Dự báo' } };
    expect(excel.cell(SHEET, 'H2')).toMatchObject({ value: 'Chính thức', validation: list });
    excel.type(SHEET, 'H2', 'Sai');
    await preview(sheet); // marks H2 (BAD_STATUS) with an input message
    expect(excel.cell(SHEET, 'H2').prompt).not.toBeNull();
    excel.type(SHEET, 'H2', 'Sơ bộ');
    await preview(sheet); // clears the marks of the data rows
    expect(excel.cell(SHEET, 'H2')).toMatchObject({ prompt: null, validation: list });
    expect(excel.cell(SHEET, 'H4').validation).toEqual(list);
  });

  it('take server value empties a note the server does not have (no null left in the cell)', async () => {
    // Old: the note was written as null, which Office.js takes as "leave unchanged": the user's
    // note stayed in the sheet and the next preview offered to push it.
    const sheet = await pullLong();
    server.put(obs('001', '02', '2023', 60, 2, { source: 'Cục Thống kê' }));
    excel.type(SHEET, 'G3', '55');
    excel.type(SHEET, 'J3', 'thêm 3 hộ');
    const r = await review(client, sheet, { dryRun: false, atomic: true });
    expect(r.conflicts).toHaveLength(1);
    const settled = await takeServer(r.sheet, r.conflicts[0]!);
    expect(excel.cell(SHEET, 'G3').value).toBe(60);
    expect(excel.cell(SHEET, 'I3').value).toBe('Cục Thống kê');
    expect(excel.cell(SHEET, 'J3')).toMatchObject({ value: '', formula: null });
    expect(excel.cell(SHEET, 'H3')).toMatchObject({ value: 'Chính thức', format: '@' });
    sent = [];
    expect((await preview(settled)).sent).toBe(0);
  });

  it('the term sheet: names and units are text, year cells General; "1,5%" on a % indicator previews 1.5', async () => {
    // Old: only the code column was text, and the percent cell was read as 0.015.
    const table = termTableFrom({
      term: { id: 'T1', unitCode: '001', unitName: 'Quận Ba Đình', startYear: 2021, endYear: 2025, title: 'XXII' },
      targets: [
        {
          indicator: { code: '01', name: '=Tăng trưởng', unit: '%', decimals: 2 },
          period: '2025',
          value: 8.5,
          comparator: 'AT_LEAST',
        },
      ],
      observations: observations(),
    });
    const binding = { layout: 'term' as const, scopeKey: 'term:T1', serverUrl: PULL.serverUrl };
    const sheet = await writeTable(
      { sheetId: null, sheetName: 'Ba Đình' },
      table,
      binding,
      baselineFromTable(table, PULL),
    );
    expect(excel.cell('Ba Đình', 'B2')).toMatchObject({ value: '=Tăng trưởng', format: '@' });
    expect(excel.cell('Ba Đình', 'H2')).toMatchObject({ value: 7.34, format: 'General' });
    excel.type('Ba Đình', 'I2', '1,5%');
    const r = await review(client, sheet, { dryRun: true, atomic: true });
    expect(r.items.map((i) => i.state)).toEqual(['WILL_CREATE']);
    expect(sent).toEqual([[expect.objectContaining({ period: '2024', value: 1.5 })]]);
  });
});
