/** A1 addresses of the stand-in: rectangles of 0-based rows and columns, and back. */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function colLetters(c: number): string {
  let n = c + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const CELL = /^\$?([A-Z]{1,3})\$?(\d+)$/;

/** "A1", "A1:K25001", "C:C", "3:5" (optionally "Sheet!…", "$A$1"); undefined → the whole sheet. null when not an address. */
export function parseAddress(address?: string): Rect | null {
  if (address === undefined) return { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS };
  const a = address.replace(/^.*!/, '').toUpperCase();
  const [from, to = from] = a.split(':') as [string, string?];
  const cols = /^\$?([A-Z]{1,3})$/;
  const rows = /^\$?(\d+)$/;
  if (cols.test(from) && cols.test(to!)) {
    const c0 = colIndex(cols.exec(from)![1]!);
    const c1 = colIndex(cols.exec(to!)![1]!);
    return { row: 0, col: Math.min(c0, c1), rows: MAX_ROWS, cols: Math.abs(c1 - c0) + 1 };
  }
  if (rows.test(from) && rows.test(to!)) {
    const r0 = Number(rows.exec(from)![1]) - 1;
    const r1 = Number(rows.exec(to!)![1]) - 1;
    return { row: Math.min(r0, r1), col: 0, rows: Math.abs(r1 - r0) + 1, cols: MAX_COLS };
  }
  const m0 = CELL.exec(from);
  const m1 = CELL.exec(to!);
  if (!m0 || !m1) return null;
  const r0 = Number(m0[2]) - 1;
  const r1 = Number(m1[2]) - 1;
  const c0 = colIndex(m0[1]!);
  const c1 = colIndex(m1[1]!);
  if (r0 < 0 || r1 < 0 || r0 >= MAX_ROWS || r1 >= MAX_ROWS || c0 >= MAX_COLS || c1 >= MAX_COLS) return null;
  return { row: Math.min(r0, r1), col: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 };
}

export function cellName(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

export function rectAddress(r: Rect): string {
  if (r.rows === MAX_ROWS && r.cols === MAX_COLS) return `1:${MAX_ROWS}`;
  if (r.rows === MAX_ROWS) return `${colLetters(r.col)}:${colLetters(r.col + r.cols - 1)}`;
  if (r.cols === MAX_COLS) return `${r.row + 1}:${r.row + r.rows}`;
  const from = cellName(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? from : `${from}:${cellName(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** "'Dữ liệu'!A1:L301": Excel quotes sheet names that are not plain words. */
export function qualified(sheet: string, r: Rect): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${rectAddress(r)}`;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function contains(r: Rect, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}
