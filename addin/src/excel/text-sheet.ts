/// <reference types="office-js" />
/**
 * A new sheet of plain lines (the report sentences for the report writer): a title in A1, one line
 * per row under it, every cell formatted as text first so a line starting with "-", "+" or "=" stays
 * a line and not a formula. Never writes into an existing sheet: the name is made unique.
 */
import { rangeAddress } from './address';
import { runExcel, safeSheetName } from './host';
import { uniqueSheetName } from './sheets';

export interface TextSheetResult {
  readonly sheetId: string;
  readonly sheetName: string;
}

export async function writeTextSheet(wanted: string, lines: readonly string[]): Promise<TextSheetResult> {
  return runExcel(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    await ctx.sync();
    const name = uniqueSheetName(
      safeSheetName(wanted),
      sheets.items.map((s) => s.name),
    );
    const sheet = sheets.add(name);
    sheet.load('id, name');
    if (lines.length) {
      const cells = sheet.getRange(rangeAddress(0, 0, lines.length, 1));
      cells.numberFormat = lines.map(() => ['@']);
      cells.values = lines.map((l) => [l]);
    }
    sheet.activate();
    sheet.getRange('A1').select();
    await ctx.sync();
    return { sheetId: sheet.id, sheetName: sheet.name };
  });
}
