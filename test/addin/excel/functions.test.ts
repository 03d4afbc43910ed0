/**
 * excel/functions.ts on the stand-in's custom-functions host: the four ids of functions.json
 * associated, Vietnamese and English names, bad arguments answered #VALUE! without a request,
 * nothing registered where Excel lacks CustomFunctionsRuntime 1.2 or a shared runtime, and the
 * pane's refresh (cache cleared, Application.calculate full).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FUNCTION_IDS, refreshFunctions, registerFunctions } from '../../../addin/src/excel/functions';
import { CellBatcher, type CellRequest } from '../../../addin/src/sync';
import { installStandIn, type Driver } from '../../stand-in';
import type { MetadataFile } from '../../stand-in/api/functions';

const metadata = (f: string) =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../addin/public', f), 'utf8')) as MetadataFile;

let excel: Driver | null = null;
afterEach(() => {
  excel?.uninstall?.();
  excel = null;
});

function setUp(
  opts: { locale?: 'vi-VN' | 'en-US'; runtimeVersion?: string | null; sharedRuntime?: string | null } = {},
) {
  excel = installStandIn({
    locale: opts.locale,
    functions: {
      metadata: { 'vi-VN': metadata('functions.json'), 'en-US': metadata('functions-en.json') },
      namespace: 'CHITIEU',
      runtimeVersion: opts.runtimeVersion,
      sharedRuntime: opts.sharedRuntime,
    },
  });
  const sent: CellRequest[][] = [];
  let n = 0;
  const batcher = new CellBatcher({
    fetch: async (cells) => {
      sent.push([...cells]);
      n++;
      return cells.map((c) =>
        c.indicatorCode === 'KHONG_CO'
          ? { value: null, code: 'UNKNOWN_INDICATOR', message: 'x' }
          : { value: n * 1000 + Number(c.unitCode), code: null, message: null },
      );
    },
    schedule: (flush) => setTimeout(flush, 0),
    lang: () => (opts.locale === 'en-US' ? 'en' : 'vi'),
  });
  const registered = registerFunctions(batcher, () => (opts.locale === 'en-US' ? 'en' : 'vi'));
  return { host: excel.book.functions!, batcher, sent, registered };
}

describe('the CHITIEU functions in Excel', () => {
  it('metadata ids are the ids the code associates; both languages declare the same functions', () => {
    const vi = metadata('functions.json').functions;
    const en = metadata('functions-en.json').functions;
    expect(vi.map((f) => f.id)).toEqual(Object.keys(FUNCTION_IDS));
    expect(en.map((f) => f.id)).toEqual(Object.keys(FUNCTION_IDS));
    expect(vi.map((f) => f.name)).toEqual(['GIATRI', 'MUCTIEU', 'TYLEDAT', 'XEPHANG']);
    expect(en.map((f) => f.name)).toEqual(['GETVALUE', 'GETTARGET', 'GETPROGRESS', 'GETRANK']);
    for (const [i, f] of vi.entries()) {
      expect(en[i]!.parameters.map((p) => p.optional ?? false)).toEqual(f.parameters.map((p) => p.optional ?? false));
      expect(f.result).toEqual({ type: 'number', dimensionality: 'scalar' });
    }
  });

  it('Vietnamese Excel: one request for the recalculation, #N/A and #VALUE! with messages', async () => {
    const { host, sent, registered } = setUp();
    expect(registered).toBe(true);
    host.enter([
      '=CHITIEU.GIATRI("16"; "A01"; "2024")',
      '=CHITIEU.GIATRI(16; "A01"; 2024)',
      '=CHITIEU.XEPHANG("392"; "A01"; "2024")',
      '=CHITIEU.TYLEDAT("390"; "A01"; "2020-2025")',
      '=CHITIEU.TYLEDAT("390"; "A01"; "2020-2025"; "2023")',
      '=CHITIEU.MUCTIEU("390"; "KHONG_CO"; "2020-2025")',
      '=CHITIEU.GIATRI("16"; "A01"; "2024-H3")',
    ]);
    expect(await host.recalculate()).toEqual([
      1016,
      1016,
      1392,
      1390,
      1390,
      { error: '#N/A', message: 'Không có chỉ tiêu mã KHONG_CO' },
      {
        error: '#VALUE!',
        message: 'Kỳ "2024-H3" không hợp lệ: viết 2024, 2024-H1, 2024-Q3, 2024-07 hoặc 2021..2023',
      },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(5); // "16" twice is asked once; the bad period never leaves Excel
    expect(sent[0]![3]).toEqual({
      function: 'PROGRESS',
      unitCode: '390',
      indicatorCode: 'A01',
      term: '2020-2025',
      asOf: '2023',
    });
  });

  it('English Excel uses the English names and messages', async () => {
    const { host } = setUp({ locale: 'en-US' });
    host.enter(['=CHITIEU.GETVALUE("16", "A01", 2024)', '=CHITIEU.GETTARGET("1", "KHONG_CO", "2020-2025")']);
    expect(await host.recalculate()).toEqual([1016, { error: '#N/A', message: 'No indicator has code KHONG_CO' }]);
  });

  it('the refresh clears the cache and recalculates the workbook: the next answers are new', async () => {
    const { host, batcher, sent } = setUp();
    host.enter(['=CHITIEU.GIATRI("16"; "A01"; "2024")']);
    expect(await host.recalculate()).toEqual([1016]);
    expect(await host.recalculate()).toEqual([1016]);
    expect(sent).toHaveLength(1);
    await refreshFunctions(batcher);
    await Promise.all(excel!.book.calculations);
    expect(host.cells.get('A1')!.value).toBe(2016);
    expect(excel!.book.calls.some((c) => c.op === 'calculate')).toBe(true);
  });

  it('registers nothing without CustomFunctionsRuntime 1.2 or a shared runtime', () => {
    expect(setUp({ runtimeVersion: '1.1' }).registered).toBe(false);
    excel!.uninstall!();
    expect(setUp({ sharedRuntime: null }).registered).toBe(false);
    excel!.uninstall!();
    expect(setUp({ runtimeVersion: null }).registered).toBe(false);
  });
});
