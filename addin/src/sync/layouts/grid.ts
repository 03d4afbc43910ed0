/**
 * What the layouts share: the grid types exchanged with the Excel adapter, and header lookup.
 * Columns are found by their header label rather than by position, so a user who inserts a
 * helper column or moves one does not make the add-in read the wrong column.
 */
import type { SheetEntry } from '../model';

/** What the adapter writes into `range.values`. Codes and periods are always strings. */
export type GridValue = string | number | boolean | null;
export type Grid = GridValue[][];
/** What the adapter reads back: Office.js may return anything per cell. */
export type ReadonlyGrid = ReadonlyArray<ReadonlyArray<unknown>>;
/** The number formats of the same cells (Range.numberFormat), when the adapter read them. */
export type FormatGrid = ReadonlyArray<ReadonlyArray<unknown>>;

export type GridReadResult =
  | { readonly ok: true; readonly entries: SheetEntry[] }
  | { readonly ok: false; readonly message: string; readonly missingColumns: readonly string[] };

function foldLabel(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Column index of each label found in the header row (first occurrence wins). */
export function findColumns<K extends string>(
  header: ReadonlyArray<unknown>,
  labels: Readonly<Record<K, string>>,
): Partial<Record<K, number>> {
  const wanted = new Map<string, K>();
  for (const k of Object.keys(labels) as K[]) wanted.set(foldLabel(labels[k]), k);
  const found: Partial<Record<K, number>> = {};
  header.forEach((cell, col) => {
    const k = wanted.get(foldLabel(cell));
    if (k !== undefined && found[k] === undefined) found[k] = col;
  });
  return found;
}

export function isBlankCell(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/** A carried raw value back into something a cell can hold. */
export function toGridValue(raw: unknown): GridValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : String(raw);
  return String(raw);
}

export function cellAt(grid: ReadonlyGrid, row: number, col: number | undefined): unknown {
  if (col === undefined) return null;
  return grid[row]?.[col] ?? null;
}

/** A cell's number format, or undefined when not read (so the value is taken as General). */
export function formatAt(formats: FormatGrid | undefined, row: number, col: number): string | undefined {
  const f = formats?.[row]?.[col];
  return typeof f === 'string' ? f : undefined;
}
