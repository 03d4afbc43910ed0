/**
 * The table model shared by layouts, baseline, diff and refresh. A table is a list of cells keyed
 * by unit × indicator × period — the contract's identity of an observation — so that whatever the
 * user does to the sheet's shape (sorting, filtering, moving columns) the key still says which
 * server row a cell is.
 */
import { sameValue } from '../../../schema/contract/cell-numbers';
import type { AchievementBand, Comparator, ObservationStatus, ServerObservation, TermInfo } from './wire';
import { OBSERVATION_STATUSES } from './wire';
import {
  normalizeText,
  parseStatusCell,
  STATUS_LABELS_VI,
  type StatusCell,
} from '../../../schema/contract/cell-status';

export { OBSERVATION_STATUSES };
export type { ObservationStatus };

/** The contract's default for `ObservationRowInput.status`. */
export const DEFAULT_STATUS: ObservationStatus = 'OFFICIAL';

export { STATUS_LABELS_VI, parseStatusCell, normalizeText, type StatusCell };

export type Layout = 'term' | 'long';

export interface CellKey {
  readonly unitCode: string;
  readonly indicatorCode: string;
  readonly period: string;
  /**
   * The unit's global id (AdminUnit.id) when known: a code can name two units in one period (37 in
   * 2025: old and merged Ninh Bình), so the id, not the code, says which. Absent for a row typed
   * for a code the catalogue cannot pin to one unit; the push then sends the code alone.
   */
  readonly unitId?: string | null;
}

/** An injective string for a key (JSON, so no separator can collide with a code's characters). */
export function cellKey(k: CellKey): string {
  return JSON.stringify(
    k.unitId ? [k.unitCode, k.indicatorCode, k.period, k.unitId] : [k.unitCode, k.indicatorCode, k.period],
  );
}

export function keyOf(k: CellKey): CellKey {
  const key = { unitCode: k.unitCode, indicatorCode: k.indicatorCode, period: k.period };
  return k.unitId ? { ...key, unitId: k.unitId } : key;
}

export interface CellContent {
  readonly value: number | null;
  readonly status: ObservationStatus;
  readonly source: string | null;
  readonly note: string | null;
}

export type ContentField = keyof CellContent;
export const CONTENT_FIELDS: readonly ContentField[] = ['value', 'status', 'source', 'note'];

/**
 * Sheet content that could not be read as a value yet ("12,5", a misspelt status), carried by a
 * refresh so that re-rendering the sheet does not erase what the user typed.
 */
export type CarriedRaw = Partial<Readonly<Record<ContentField, unknown>>>;

/** What a derived value (boundaries CURRENT) is: combined from which units, and whether fully. */
export interface DerivedInfo {
  readonly complete: boolean;
  readonly contributors: string | null;
}

export interface Cell extends CellKey, CellContent {
  /** The server row's version; null = no server row (an empty cell of the term sheet). */
  readonly version: number | null;
  readonly raw?: CarriedRaw;
  /** Set for a value the server combined from predecessor units: shown, never pushed. */
  readonly derived?: DerivedInfo;
}

export function emptyCell(key: CellKey, status: ObservationStatus = DEFAULT_STATUS): Cell {
  return { ...keyOf(key), value: null, version: null, status, source: null, note: null };
}

export function cellFromObservation(o: ServerObservation): Cell {
  return {
    ...keyOf({ unitCode: o.unit.code, unitId: o.unit.id ?? null, indicatorCode: o.indicator.code, period: o.period }),
    value: o.value === 0 ? 0 : o.value,
    version: o.version,
    status: o.status,
    source: o.source ?? null,
    note: o.note ?? null,
    ...(o.derived ? { derived: { complete: o.complete !== false, contributors: o.contributors ?? null } } : {}),
  };
}

export interface UnitInfo {
  readonly code: string;
  readonly name: string | null;
  /** The global id (AdminUnit.id), when known. */
  readonly id?: string | null;
  /** Validity (YYYY-MM-DD, null: open); undefined when not known (a unit met only in observations). */
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
}

export interface IndicatorInfo {
  readonly code: string;
  readonly name: string | null;
  readonly unit: string | null;
  /** Decimals the server keeps for this indicator; null when not known. */
  readonly decimals: number | null;
}

export interface Catalog {
  readonly units: readonly UnitInfo[];
  readonly indicators: readonly IndicatorInfo[];
}

/**
 * Units and indicators met in observations, after those given explicitly. Given entries win, but
 * their unknown (null) fields are filled from the observations — a target may not carry the
 * indicator's decimals that its observations do.
 */
export function buildCatalog(observations: readonly ServerObservation[], given?: Partial<Catalog>): Catalog {
  // Units by id where known (one code can name two units), else by code.
  const units = new Map<string, UnitInfo>();
  const indicators = new Map<string, IndicatorInfo>();
  const unitKey = (u: { code: string; id?: string | null }) => (u.id ? `#${u.id}` : u.code);
  for (const u of given?.units ?? []) if (!units.has(unitKey(u))) units.set(unitKey(u), u);
  for (const i of given?.indicators ?? []) if (!indicators.has(i.code)) indicators.set(i.code, i);
  for (const o of observations) {
    const k = unitKey(o.unit);
    const u = units.get(k);
    const name = u?.name ?? o.unit.name ?? units.get(o.unit.code)?.name ?? null;
    units.set(k, u ? { ...u, name } : { code: o.unit.code, name, ...(o.unit.id ? { id: o.unit.id } : {}) });
    const ind = o.indicator;
    const i = indicators.get(ind.code);
    indicators.set(ind.code, {
      code: ind.code,
      name: i?.name ?? ind.name ?? null,
      unit: i?.unit ?? ind.unit ?? null,
      decimals: i?.decimals ?? ind.decimals ?? null,
    });
  }
  return { units: [...units.values()], indicators: [...indicators.values()] };
}

/** One indicator row of the term sheet: its target (if any) and the server's progress. */
export interface TermRow {
  readonly indicatorCode: string;
  readonly target: { readonly period: string; readonly value: number; readonly comparator: Comparator } | null;
  readonly ratio: number | null;
  readonly band: AchievementBand | null;
}

export interface LongTable {
  readonly layout: 'long';
  readonly catalog: Catalog;
  readonly cells: readonly Cell[];
}

export interface TermTable {
  readonly layout: 'term';
  readonly catalog: Catalog;
  readonly cells: readonly Cell[];
  readonly term: TermInfo;
  readonly rows: readonly TermRow[];
}

export type Table = LongTable | TermTable;

/** Grid coordinates, 0-based, relative to the grid's top-left cell (row 0 is the header). */
export interface SheetPos {
  readonly row: number;
  readonly col: number;
}

/** A raw cell value as Office.js returned it, and where it sits (null: not from the grid). */
export interface RawField {
  readonly raw: unknown;
  readonly at: SheetPos | null;
}

/**
 * Columns the add-in renders for reading only (names, unit of measure; the term sheet's target,
 * comparator and progress). They are read back only to notice edits, which are never sent.
 */
export type ReadOnlyColumn =
  'unitName' | 'indicatorName' | 'unitOfMeasure' | 'target' | 'comparator' | 'ratio' | 'band';

/** A read-only cell as the sheet now holds it. */
export interface ReadOnlyField {
  readonly column: ReadOnlyColumn;
  readonly raw: unknown;
  readonly at: SheetPos;
}

export type SheetField = keyof CellKey | ContentField | ReadOnlyColumn;

/**
 * One observation-shaped reading of the sheet, before any interpretation. Content fields that the
 * layout does not show (the term sheet has no status column) are absent, which the diff reads as
 * "keep the baseline's".
 */
export interface SheetEntry {
  readonly unitCode: RawField;
  /** The unit's global id: the long table's hidden column, the term sheet's scope. */
  readonly unitId?: RawField;
  readonly indicatorCode: RawField;
  readonly period: RawField;
  /** `format`: the cell's number format (Range.numberFormat) when the adapter read it. */
  readonly value: RawField & { readonly at: SheetPos; readonly format?: string };
  readonly status?: RawField;
  readonly source?: RawField;
  readonly note?: RawField;
  /** The row's read-only cells (on the term sheet: with the row's first year only). */
  readonly readOnly?: readonly ReadOnlyField[];
}

export function sameContent(a: CellContent, b: CellContent, decimals?: number | null): boolean {
  return (
    sameValue(a.value, b.value, decimals) &&
    a.status === b.status &&
    normalizeText(a.source) === normalizeText(b.source) &&
    normalizeText(a.note) === normalizeText(b.note)
  );
}

export function contentOf(c: CellContent): CellContent {
  return { value: c.value, status: c.status, source: c.source, note: c.note };
}
