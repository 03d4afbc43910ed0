/**
 * Splitting big range writes and reads so that no single request exceeds what Excel accepts.
 * Excel on the web refuses a request or response payload above ~5 MB (desktop is more lenient,
 * but the same workbook must open everywhere), so every `context.sync()` is kept under a byte
 * budget estimated from the JSON that Office.js will send. The number of syncs then grows with
 * the size of the data only by chunk — never one per row.
 */
import type { GridValue } from '../sync';

/**
 * Excel on the web refuses a request above 5 MB with a RichAPI.Error
 * (https://learn.microsoft.com/en-us/office/dev/add-ins/excel/performance);
 * the add-in keeps every request under 4 MB, leaving a megabyte for what the estimate leaves out
 * (object paths and action envelopes of Office.js's JSON).
 */
export const WEB_REQUEST_LIMIT_BYTES = 5_000_000;
export const MAX_REQUEST_BYTES = 4_000_000;
/** What one chunk may carry: headroom for the request envelope, formats and other queued calls. */
export const DEFAULT_CHUNK_BYTES = 3_000_000;
/**
 * Cells loaded per sync when reading. Each travels as its value and its number format: about 21
 * bytes of JSON in a pulled long table, so a response stays near 2.5 MB, half Excel on the web's
 * 5 MB, which leaves room for long names and notes.
 */
export const DEFAULT_READ_CELLS = 110_000;
/**
 * What one read's answer should carry. Long notes make rows far wider than the cell count
 * suggests, so `readGrid` measures the rows it got and sizes the next span to this.
 */
export const READ_RESPONSE_BYTES = 3_000_000;

export interface RowSpan {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly bytes: number;
}

/** JSON bytes of one cell value (UTF-8: Vietnamese letters take 2–3 bytes). */
export function valueBytes(v: GridValue | undefined): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === 'number') return String(v).length;
  if (typeof v === 'boolean') return v ? 4 : 5;
  return jsonStringBytes(v);
}

/** UTF-8 bytes of a string as a JSON literal: quotes, escaped `"` `\` and control characters. */
export function jsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09) n += 2;
    else if (c < 0x20) n += 6;
    else n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/**
 * Consecutive row spans whose estimated payload stays within `maxBytes`. `extraPerRow` covers what
 * travels with every row besides its values (e.g. the "@" number formats of code columns). A single
 * row over budget still gets a span of its own: it cannot be split further.
 */
export function chunkRows(
  rows: readonly (readonly GridValue[])[],
  opts: { maxBytes?: number; maxRows?: number; extraPerRow?: number } = {},
): RowSpan[] {
  const maxBytes = opts.maxBytes ?? DEFAULT_CHUNK_BYTES;
  const maxRows = opts.maxRows ?? Number.POSITIVE_INFINITY;
  const extra = (opts.extraPerRow ?? 0) + 4; // brackets and commas of the row
  const spans: RowSpan[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    let b = extra;
    for (const v of rows[i]!) b += valueBytes(v) + 1;
    if (i > start && (bytes + b > maxBytes || i - start >= maxRows)) {
      spans.push({ start, end: i, bytes });
      start = i;
      bytes = 0;
    }
    bytes += b;
  }
  if (rows.length > start) spans.push({ start, end: rows.length, bytes });
  return spans;
}

/** Row spans for reading `rowCount` rows of `colCount` columns, `maxCells` cells per sync. */
export function readSpans(
  rowCount: number,
  colCount: number,
  maxCells = DEFAULT_READ_CELLS,
): { start: number; end: number }[] {
  const per = Math.max(1, Math.floor(maxCells / Math.max(1, colCount)));
  const spans: { start: number; end: number }[] = [];
  for (let start = 0; start < rowCount; start += per) spans.push({ start, end: Math.min(rowCount, start + per) });
  return spans;
}

/** Splits a long string into pieces of at most `size` UTF-16 units (Excel caps a cell at 32,767). */
export function splitText(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) {
    let end = Math.min(text.length, i + size);
    // Never cut a surrogate pair in two: each half alone is not valid text.
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c < 0xdc00) end--;
    parts.push(text.slice(i, end));
    i = end - size;
  }
  return parts;
}
