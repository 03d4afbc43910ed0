/**
 * The stand-in in a page: bundled by test/e2e/browser.ts and served in place of Microsoft's
 * office.js. Puts Excel and Office on window, the driver on window.__excel, the sheet picture
 * beside the pane. Options come from window.__standInOptions, set before this script runs.
 */
import { createStandIn } from '.';
import { attachPicture } from './picture';
import type { StandInOptions } from './model';

const w = window as unknown as Record<string, unknown>;
const s = createStandIn((w.__standInOptions as StandInOptions | undefined) ?? {});
w.Excel = s.Excel;
w.Office = s.Office;
if (s.CustomFunctions) w.CustomFunctions = s.CustomFunctions;
w.__excel = s.excel;
attachPicture(s.excel.book, document);
