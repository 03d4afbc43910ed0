/// <reference types="office-js" />
/**
 * The add-in's memory inside the workbook: for every sheet it pulled, which server, layout and
 * scope the sheet came from, and its baseline (the server rows as last seen, with versions). It
 * must survive save, close and reopen on every Excel the add-in runs on, and it can be megabytes,
 * so it lives in a very hidden worksheet (ExcelApi 1.1, unlike custom XML parts; no 2 MB cap,
 * unlike document settings; invisible in the UI, unlike a hidden sheet):
 *
 *   row 1:   one header cell per bound sheet: "m:" + JSON metadata (SheetBinding, chunk count, length)
 *   row 2…:  the baseline text in pieces of ≤ 30,000 characters (a cell holds 32,767), "b:" + piece
 *
 * The prefixes keep Excel from reading a piece as a formula, number or date. A new baseline is
 * written into a fresh column and its header last, and only then is the old column cleared, so a
 * save interrupted half-way leaves the previous baseline intact instead of a torn one.
 */
import { cellAddress, columnAddress, rangeAddress } from './address';
import { splitText } from './chunks';
import { runExcel } from './host';

export const STATE_SHEET = 'chitieu_state';
const PIECE = 30_000;
/** Pieces per sync: 100 × 30,000 characters ≈ 3 MB of request (ASCII JSON). */
const PIECES_PER_SYNC = 100;

export interface SheetBinding {
  readonly sheetId: string;
  readonly sheetName: string;
  readonly layout: 'term' | 'long';
  /** What was pulled (a term id, or the long table's filter), to find the sheet again on re-pull. */
  readonly scopeKey: string;
  readonly serverUrl: string;
  readonly savedAt: string;
  /**
   * The sheet's Excel table, named once at the first pull and kept by every refresh, so a
   * PivotTable over it keeps its source. Absent in workbooks pulled before names were kept: the
   * sheet's table is then found by listing the sheet's tables (and its name stored at the next save).
   */
  readonly tableName?: string;
}

/**
 * Format 1 of the header. `tableName` was added without changing `v`: an older add-in reading a
 * newer workbook ignores the field, and a newer one reading an older workbook finds it absent.
 */
interface StoredMeta extends SheetBinding {
  readonly v: 1;
  readonly chunks: number;
  readonly length: number;
}

interface Header {
  readonly col: number;
  readonly meta: StoredMeta;
}

function parseHeader(raw: unknown): StoredMeta | null {
  if (typeof raw !== 'string' || !raw.startsWith('m:')) return null;
  try {
    const m = JSON.parse(raw.slice(2)) as StoredMeta;
    return m && m.v === 1 && typeof m.sheetId === 'string' && Number.isInteger(m.chunks) ? m : null;
  } catch {
    return null;
  }
}

/** Loads the header row of the state sheet: which columns hold which sheet's baseline. */
async function readHeaders(
  ctx: Excel.RequestContext,
): Promise<{ sheet: Excel.Worksheet | null; width: number; headers: Header[]; syncs: number }> {
  const sheet = ctx.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
  sheet.load('isNullObject');
  await ctx.sync();
  if (sheet.isNullObject) return { sheet: null, width: 0, headers: [], syncs: 1 };
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('isNullObject, columnIndex, columnCount');
  await ctx.sync();
  if (used.isNullObject) return { sheet, width: 0, headers: [], syncs: 2 };
  const width = used.columnIndex + used.columnCount;
  const row = sheet.getRange(rangeAddress(0, 0, 1, width));
  row.load('values');
  await ctx.sync();
  const headers: Header[] = [];
  (row.values[0] ?? []).forEach((raw, col) => {
    const meta = parseHeader(raw);
    if (meta) headers.push({ col, meta });
  });
  return { sheet, width, headers, syncs: 3 };
}

/** Every sheet the add-in has pulled into this workbook. */
export async function listBindings(): Promise<SheetBinding[]> {
  return runExcel(async (ctx) => (await readHeaders(ctx)).headers.map((h) => bindingOf(h.meta)));
}

function bindingOf(m: StoredMeta): SheetBinding {
  return {
    sheetId: m.sheetId,
    sheetName: m.sheetName,
    layout: m.layout,
    scopeKey: m.scopeKey,
    serverUrl: m.serverUrl,
    savedAt: m.savedAt,
    ...(typeof m.tableName === 'string' && m.tableName ? { tableName: m.tableName } : {}),
  };
}

export interface SaveResult {
  readonly syncs: number;
  readonly chunks: number;
}

export async function saveBaseline(binding: SheetBinding, text: string): Promise<SaveResult> {
  return runExcel(async (ctx) => {
    const found = await readHeaders(ctx);
    let syncs = found.syncs;
    let sheet = found.sheet;
    if (!sheet) {
      sheet = ctx.workbook.worksheets.add(STATE_SHEET);
      sheet.visibility = 'VeryHidden';
    }
    const old =
      found.headers.find((h) => h.meta.sheetId === binding.sheetId) ??
      found.headers.find((h) => h.meta.sheetName === binding.sheetName);
    const taken = new Set(found.headers.map((h) => h.col));
    let col = 0;
    while (taken.has(col)) col++;
    // The column may hold pieces of a save that never got its header: start clean.
    sheet.getRange(columnAddress(col)).clear();
    const pieces = text.length === 0 ? [] : splitText(text, PIECE);
    for (let i = 0; i < pieces.length; i += PIECES_PER_SYNC) {
      const batch = pieces.slice(i, i + PIECES_PER_SYNC);
      const range = sheet.getRange(rangeAddress(1 + i, col, batch.length, 1));
      range.numberFormat = batch.map(() => ['@']);
      range.values = batch.map((p) => [`b:${p}`]);
      syncs++;
      await ctx.sync();
    }
    const meta: StoredMeta = { v: 1, ...binding, chunks: pieces.length, length: text.length };
    const head = sheet.getRange(cellAddress(0, col));
    head.numberFormat = [['@']];
    head.values = [[`m:${JSON.stringify(meta)}`]];
    if (old) sheet.getRange(columnAddress(old.col)).clear();
    syncs++;
    await ctx.sync();
    return { syncs, chunks: pieces.length };
  });
}

export type LoadResult =
  | { readonly ok: true; readonly binding: SheetBinding; readonly text: string; readonly syncs: number }
  | { readonly ok: false; readonly reason: 'NOT_BOUND' | 'CORRUPT'; readonly syncs: number };

/** The binding and baseline text of a sheet; by id, or by name for a sheet whose id changed. */
export async function loadBaseline(sheet: { id: string; name?: string }): Promise<LoadResult> {
  return runExcel(async (ctx) => {
    const found = await readHeaders(ctx);
    let syncs = found.syncs;
    const h =
      found.headers.find((x) => x.meta.sheetId === sheet.id) ??
      found.headers.find((x) => sheet.name !== undefined && x.meta.sheetName === sheet.name);
    if (!h || !found.sheet) return { ok: false, reason: 'NOT_BOUND', syncs };
    const parts: string[] = [];
    for (let i = 0; i < h.meta.chunks; i += PIECES_PER_SYNC) {
      const n = Math.min(PIECES_PER_SYNC, h.meta.chunks - i);
      const range = found.sheet.getRange(rangeAddress(1 + i, h.col, n, 1));
      range.load('values');
      syncs++;
      await ctx.sync();
      for (const [v] of range.values) {
        if (typeof v !== 'string' || !v.startsWith('b:')) return { ok: false, reason: 'CORRUPT', syncs };
        parts.push(v.slice(2));
      }
    }
    const text = parts.join('');
    if (text.length !== h.meta.length) return { ok: false, reason: 'CORRUPT', syncs };
    return { ok: true, binding: { ...bindingOf(h.meta), sheetId: sheet.id }, text, syncs };
  });
}

/** Forgets a sheet (e.g. the user deleted it). */
export async function removeBinding(sheetId: string): Promise<void> {
  await runExcel(async (ctx) => {
    const found = await readHeaders(ctx);
    const h = found.headers.find((x) => x.meta.sheetId === sheetId);
    if (!h || !found.sheet) return;
    found.sheet.getRange(columnAddress(h.col)).clear();
    await ctx.sync();
  });
}
