/**
 * A1 addresses from 0-based grid positions. Computed here rather than with getRangeByIndexes
 * (ExcelApi 1.7) so the same adapters run on older perpetual Office builds.
 */

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new RangeError(`column index must be ≥ 0, got ${col}`);
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellAddress(row: number, col: number): string {
  if (!Number.isInteger(row) || row < 0) throw new RangeError(`row index must be ≥ 0, got ${row}`);
  return `${columnLetters(col)}${row + 1}`;
}

/** The rectangle of `rowCount` × `colCount` cells whose top-left is (row, col). */
export function rangeAddress(row: number, col: number, rowCount: number, colCount: number): string {
  if (rowCount < 1 || colCount < 1)
    throw new RangeError(`a range needs at least one cell, got ${rowCount}×${colCount}`);
  const from = cellAddress(row, col);
  if (rowCount === 1 && colCount === 1) return from;
  return `${from}:${cellAddress(row + rowCount - 1, col + colCount - 1)}`;
}

/** A whole column ("C:C"), for hiding it. */
export function columnAddress(col: number): string {
  const c = columnLetters(col);
  return `${c}:${c}`;
}

/** Parses "B7" (optionally "Sheet!B7", "$B$7") back to a 0-based position; null when not a cell. */
export function parseCellAddress(address: string): { row: number; col: number } | null {
  const m = /^(?:.*!)?\$?([A-Z]{1,3})\$?(\d+)$/.exec(address.trim().toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
