/**
 * "Nhận định cho báo cáo": the report sentences of a term sheet's scorecard, fetched in the pane's
 * language and written into a new sheet through the strict Excel stand-in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../../../addin/src/api';
import { insertReportSentences, termOf } from '../../../addin/src/workflow/sentences';
import type { BoundSheet } from '../../../addin/src/workflow/sheet';
import type { Driver } from '../../stand-in';
import { installStandIn } from '../../stand-in';

const TITLE = 'Nghị quyết Đại hội Đảng bộ huyện Hà Trung lần thứ XXII, nhiệm kỳ 2020–2025';
const VI = ['đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%', '7/27 chỉ tiêu đạt trên 80%', '-2 is a line, not a formula'];

const termSheet = (scopeKey = 'term:VGVybTox', sheetName = 'Hà Trung XXII'): BoundSheet => ({
  sheetId: 'S1',
  sheetName,
  binding: { layout: 'term', scopeKey, serverUrl: 'https://chitieu.test/graphql' } as BoundSheet['binding'],
  baseline: {} as BoundSheet['baseline'],
});

describe('report sentences into a new sheet', () => {
  let excel: Driver;
  let asked: Record<string, unknown>[];
  const client = {
    endpoint: 'https://chitieu.test/graphql',
    request: async (query: string, vars: Record<string, unknown>) => {
      expect(query).toContain('summary(language: $l)');
      asked.push(vars);
      return {
        term: {
          title: TITLE,
          scorecard: { summary: vars.l === 'EN' ? ['met or exceeded 11 of 27 targets (40.7%)'] : VI },
        },
      };
    },
  } as unknown as GraphQLClient;

  beforeEach(() => {
    excel = installStandIn({ locale: 'vi-VN', apiVersion: '1.12' });
    asked = [];
  });
  afterEach(() => excel.uninstall());

  it('writes the title and one sentence per row, as text, into "Nhận định <sheet>", and shows it', async () => {
    const r = await insertReportSentences(client, termSheet(), 'VI');
    expect(r).toEqual({ sheetName: 'Nhận định Hà Trung XXII', count: 3 });
    expect(asked).toEqual([{ id: 'VGVybTox', l: 'VI' }]);
    expect(excel.grid('Nhận định Hà Trung XXII')).toEqual([[TITLE], ...VI.map((s) => [s])]);
    // "40,7%" and "-2 …" stay the sentences they are: text cells, no number, no formula.
    expect(excel.cell('Nhận định Hà Trung XXII', 'A2')).toMatchObject({ value: VI[0], formula: null, format: '@' });
    expect(excel.cell('Nhận định Hà Trung XXII', 'A4')).toMatchObject({ value: VI[2], formula: null });
    expect(excel.activeSheet()).toBe('Nhận định Hà Trung XXII');
  });

  it('never overwrites: a second run makes "(2)"; English on request', async () => {
    await insertReportSentences(client, termSheet(), 'VI');
    const again = await insertReportSentences(client, termSheet(), 'EN');
    expect(again.sheetName).toBe('Nhận định Hà Trung XXII (2)');
    expect(excel.grid('Nhận định Hà Trung XXII (2)')).toEqual([[TITLE], ['met or exceeded 11 of 27 targets (40.7%)']]);
    expect(excel.grid('Nhận định Hà Trung XXII')[1]).toEqual([VI[0]]);
  });

  it('a long name is cut to Excel’s 31 characters', async () => {
    const r = await insertReportSentences(client, termSheet('term:X', 'Thành phố Thanh Hóa XXI (2)'), 'VI');
    expect(r.sheetName).toBe('Nhận định Thành phố Thanh Hóa X');
    expect(r.sheetName.length).toBeLessThanOrEqual(31);
  });

  it('only a term sheet has report sentences', async () => {
    expect(termOf(termSheet('long:{"provinceCode":"38"}'))).toBeNull();
    await expect(insertReportSentences(client, termSheet('long:{}'), 'VI')).rejects.toThrow('not a term sheet');
    expect(asked).toEqual([]);
  });
});
