/**
 * The sheet picture drawn beside the task pane in the browser tests, so screenshots show what a
 * user would see: the active sheet (or its PivotTable, drawn from the pivot's cache), the selected
 * cell with its input message, and the sheet tabs. Cells show Range.text.
 */
import type { Rect } from './address';
import { colLetters, parseAddress } from './address';
import { displayText } from './display';
import type { Cell, Pivot, Sheet, Workbook } from './model';
import { pivotCells } from './pivots';
import { chartSvg, chartsOf } from './charts';
import { conditionalFill, fillFor } from './conditional';

const STYLE = [
  'body{padding-left:930px!important}',
  '#fake-excel{position:fixed;left:0;top:0;bottom:0;width:920px;font:12px Calibri,Arial,sans-serif;border-right:3px solid #217346;display:flex;flex-direction:column;background:#fff}',
  '#fake-excel .bar{padding:4px 8px;border-bottom:1px solid #ccc;min-height:18px;background:#f3f3f3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}',
  '#fake-excel .grid{flex:1;overflow:auto}',
  '#fake-excel table{border-collapse:collapse}',
  '#fake-excel th{background:#efefef;color:#555;font-weight:400;border:1px solid #d4d4d4;padding:1px 4px;min-width:18px}',
  '#fake-excel td{border:1px solid #e1e1e1;padding:1px 4px;max-width:170px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;height:17px}',
  '#fake-excel td.sel{outline:2px solid #217346;outline-offset:-2px}',
  '#fake-excel .tabs{border-top:1px solid #ccc;padding:3px;background:#f3f3f3}',
  '#fake-excel .tab{padding:2px 10px;margin-right:2px;border:1px solid #ccc;background:#e9e9e9}',
  '#fake-excel .pivot-filter{padding:6px 8px}',
  '#fake-excel .tab.on{background:#fff;border-bottom-color:#fff;color:#217346;font-weight:600}',
].join('\n');

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function tabs(book: Workbook, active: Sheet | undefined): string {
  return book.sheets
    .filter((x) => x.visibility === 'Visible')
    .map((x) => `<span class="tab${x === active ? ' on' : ''}">${esc(x.name)}</span>`)
    .join('');
}

/** The pivot as its cells lie on the sheet (pivots.ts), each with its number format and conditional fill. */
function pivotHtml(book: Workbook, p: Pivot): string {
  const cells = pivotCells(p);
  const at = new Map(cells.map((c) => [`${c.row},${c.col}`, c]));
  const top = Math.min(...cells.map((c) => c.row));
  const bottom = Math.max(...cells.map((c) => c.row));
  const left = p.anchor.col;
  const right = Math.max(...cells.map((c) => c.col));
  let out = '<table>';
  for (let r = top; r <= bottom; r++) {
    out += '<tr>';
    for (let c = left; c <= right; c++) {
      const x = at.get(`${r},${c}`);
      const text = x ? displayText(x.value, x.format, book.locale) : '';
      const st: string[] = [];
      const fill = x ? fillFor(p.sheet, r, c, x.value) : null;
      if (fill) st.push(`background:${fill}`);
      if (x && typeof x.value === 'number') st.push('text-align:right');
      const head = x && (x.kind === 'caption' || x.kind === 'label' || x.kind === 'filter');
      if (head && x.kind !== 'filter') st.push('background:#f2f2f2;font-weight:600');
      if (x?.kind === 'total' || (x?.kind === 'label' && x.value === 'Grand Total')) st.push('font-weight:600');
      out += `<td style="${st.join(';')}">${x?.kind === 'filter' && c === left ? `<b>${esc(text)}</b>` : esc(text)}</td>`;
    }
    out += '</tr>';
  }
  return `${out}</table>`;
}

function cellText(book: Workbook, s: Sheet, r: number, c: number, x: Cell | undefined): string {
  return x ? displayText(book.value(s, r, c), x.format, book.locale) : '';
}

function sheetHtml(book: Workbook, s: Sheet | undefined): string {
  const used = s ? book.usedRect(s, true) : null;
  const rows = Math.min(Math.max(used ? used.row + used.rows + 2 : 20, 20), 40);
  const cols = Math.min(Math.max(used ? used.col + used.cols : 8, 8), 14);
  const sel: Rect | null =
    book.selection && s && book.selection.sheet === s.name ? parseAddress(book.selection.address) : null;
  let h = '<table><tr><th></th>';
  for (let c = 0; c < cols; c++) if (!s?.hiddenColumns.has(c)) h += `<th>${colLetters(c)}</th>`;
  h += '</tr>';
  // Scrolled like Excel to show the selected cell, the header row frozen on top.
  const first = sel && sel.row > rows - 8 ? sel.row - 15 : 1;
  const shown = [0];
  for (let r = first; r < first + rows - 1; r++) shown.push(r);
  for (const r of shown) {
    h += `<tr><th>${r + 1}</th>`;
    for (let c = 0; c < cols; c++) {
      if (s?.hiddenColumns.has(c)) continue;
      const x = s ? book.peek(s, r, c) : undefined;
      const text = s ? cellText(book, s, r, c, x) : '';
      const st: string[] = [];
      const fill = (s ? conditionalFill(book, s, r, c) : null) ?? x?.fill;
      if (fill) st.push(`background:${fill}`);
      if (r === 0 && text) st.push(`font-weight:600;background:${x?.fill ?? '#dde7f3'}`);
      if (x?.font) st.push(`color:${x.font}`);
      if (s && typeof book.value(s, r, c) === 'number') st.push('text-align:right');
      const isSel = sel && r === sel.row && c === sel.col;
      const title = x?.prompt ? `${x.prompt.title}: ${x.prompt.message}` : '';
      h += `<td${isSel ? ' class="sel"' : ''} style="${st.join(';')}" title="${esc(title)}">${esc(text)}</td>`;
    }
    h += '</tr>';
  }
  h += '</table>';
  const selCell = sel && s ? book.peek(s, sel.row, sel.col) : undefined;
  const selText = sel && s ? cellText(book, s, sel.row, sel.col, selCell) : '';
  const prompt = selCell?.prompt ? ` <i>— ${esc(`${selCell.prompt.title}: ${selCell.prompt.message ?? ''}`)}</i>` : '';
  const charts = s ? chartsOf(book, s) : [];
  // Charts float over the cells in Excel; here they sit above the grid, so a screenshot shows both.
  if (charts.length)
    h = `<div class="charts" style="display:flex;flex-wrap:wrap">${charts.map((c) => chartSvg(book, c)).join('')}</div>${h}`;
  const bar = `<div class="bar"><b>${sel ? esc(book.selection!.address) : ''}</b> ${esc(selText)}${prompt}</div>`;
  return `${bar}<div class="grid">${h}</div>`;
}

export function render(book: Workbook, host: HTMLElement): void {
  const s = book.sheet(book.activeSheetId) ?? book.sheets[0];
  const pivot = s ? book.pivots.find((p) => p.sheet === s) : undefined;
  const body = pivot
    ? `<div class="bar">PivotTable ${esc(pivot.name)}</div><div class="grid">${pivotHtml(book, pivot)}</div>`
    : sheetHtml(book, s);
  host.innerHTML = `${body}<div class="tabs">${tabs(book, s)}</div>`;
}

/** Adds the picture to the page and redraws it (batched) whenever the workbook changes. */
export function attachPicture(book: Workbook, doc: Document): void {
  let queued = false;
  const draw = () => {
    queued = false;
    const host = doc.getElementById('fake-excel');
    if (host) render(book, host);
  };
  book.onChange = () => {
    if (!queued) {
      queued = true;
      setTimeout(draw, 0);
    }
  };
  const mount = () => {
    const style = doc.createElement('style');
    style.textContent = STYLE;
    doc.head.appendChild(style);
    const host = doc.createElement('div');
    host.id = 'fake-excel';
    doc.body.appendChild(host);
    draw();
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', mount);
  else mount();
}
