/// <reference types="office-js" />
/** Which sheets exist and which one the user is on; selecting a cell for the results list. */
import { cellAddress } from './address';
import { runExcel } from './host';

export interface SheetInfo {
  readonly id: string;
  readonly name: string;
  readonly visible: boolean;
}

export async function listSheets(): Promise<SheetInfo[]> {
  return runExcel(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/id, items/name, items/visibility');
    await ctx.sync();
    return sheets.items.map((s) => ({ id: s.id, name: s.name, visible: s.visibility === 'Visible' }));
  });
}

export async function activeSheet(): Promise<SheetInfo> {
  return runExcel(async (ctx) => {
    const s = ctx.workbook.worksheets.getActiveWorksheet();
    s.load('id, name, visibility');
    await ctx.sync();
    return { id: s.id, name: s.name, visible: s.visibility === 'Visible' };
  });
}

/** A name not yet taken: "Hà Trung XXII", then "Hà Trung XXII (2)", … (Excel compares case-insensitively). */
export function uniqueSheetName(wanted: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = wanted.slice(0, 31 - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** Shows the user the cell a result is about: activates its sheet and selects it. */
export async function selectCell(sheetId: string, row: number, col: number): Promise<void> {
  await runExcel(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem(sheetId);
    sheet.activate();
    sheet.getRange(cellAddress(row, col)).select();
    await ctx.sync();
  });
}
