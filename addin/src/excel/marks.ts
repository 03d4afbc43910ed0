/// <reference types="office-js" />
/**
 * Colouring and annotating cells with what a preview or push found. The fill says the outcome at
 * a glance; where Excel supports input messages (ExcelApi 1.8) the cell also explains itself when
 * selected, without adding comments that would travel with the file to other people.
 */
import { cellAddress, rangeAddress } from './address';
import { runExcel, supports, suspendUntilNextSync } from './host';
import type { ListColumn } from './lists';
import { applyLists } from './lists';

export interface SheetMark {
  readonly row: number;
  readonly col: number;
  /** "#RRGGBB". */
  readonly color: string;
  /** Input-message title (Excel keeps 32 characters). */
  readonly title?: string;
  /** Input-message text (Excel keeps 255 characters). */
  readonly message?: string;
}

/** The data rows whose previous marks are cleared: `rows` rows from sheet row `row`, in `columns` only. */
export interface MarkArea {
  readonly row: number;
  readonly rows: number;
  /** Sheet columns: the layout's own, never a column the user added. */
  readonly columns: readonly number[];
  /** Drop-down columns (sheet columns): clearing the old input messages clears their lists too, so they are put back. */
  readonly lists?: readonly ListColumn[];
}

/** Marks per sync: each is two or three queued calls of ~150 bytes, far below the request cap. */
const MARKS_PER_SYNC = 2000;

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** Clears the previous marks of `area` and applies `marks`. Returns the number of syncs used. */
export async function applyMarks(sheetId: string, marks: readonly SheetMark[], area: MarkArea | null): Promise<number> {
  const prompts = supports('prompt');
  return runExcel(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem(sheetId);
    let syncs = 0;
    if (area && area.rows > 0) {
      for (const run of columnRuns(area.columns)) {
        const data = sheet.getRange(rangeAddress(area.row, run.col, area.rows, run.cols));
        data.format.fill.clear();
        if (prompts) data.dataValidation.clear();
      }
      applyLists(sheet, area.lists ?? [], area.row, area.rows);
    }
    // At least one batch, even without marks: the clearing above must reach Excel too.
    const batches: SheetMark[][] = [];
    for (let i = 0; i < marks.length; i += MARKS_PER_SYNC) batches.push(marks.slice(i, i + MARKS_PER_SYNC));
    if (batches.length === 0) batches.push([]);
    for (const batch of batches) {
      suspendUntilNextSync(ctx);
      for (const m of batch) {
        const cell = sheet.getRange(cellAddress(m.row, m.col));
        cell.format.fill.color = m.color;
        if (prompts && m.message) {
          cell.dataValidation.prompt = {
            showPrompt: true,
            title: clip(m.title ?? '', 32),
            message: clip(m.message, 255),
          };
        }
      }
      syncs++;
      await ctx.sync();
    }
    return syncs;
  });
}

/** Sorted columns as runs of adjacent ones: one range call per run. */
function columnRuns(columns: readonly number[]): { col: number; cols: number }[] {
  const runs: { col: number; cols: number }[] = [];
  for (const c of [...new Set(columns)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last.col + last.cols === c) last.cols++;
    else runs.push({ col: c, cols: 1 });
  }
  return runs;
}

/** Removes the marks of single cells (a conflict settled, a cell fixed), keeping drop-downs. */
export async function clearMarks(
  sheetId: string,
  cells: readonly { row: number; col: number }[],
  lists: readonly ListColumn[] = [],
): Promise<void> {
  if (cells.length === 0) return;
  const prompts = supports('prompt');
  await runExcel(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem(sheetId);
    for (const c of cells) {
      const cell = sheet.getRange(cellAddress(c.row, c.col));
      cell.format.fill.clear();
      if (prompts) cell.dataValidation.clear();
      applyLists(
        sheet,
        lists.filter((l) => l.col === c.col),
        c.row,
        1,
      );
    }
    await ctx.sync();
  });
}
