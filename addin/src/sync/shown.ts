/**
 * What the add-in rendered in a sheet's read-only columns (unit and indicator names, unit of
 * measure; the term sheet's target, comparator, ratio and band), kept with the baseline. Those
 * cells are never sent, so an edit there (a corrected indicator name, a target typed over) would
 * otherwise vanish without a word; comparing them with what was rendered lets the preview mark
 * the cell instead (READ_ONLY_EDITED). The indicators' units of measure also tell the reader
 * which value cells are percents (normalize.ts).
 */
import type { GridValue } from './layouts/grid';
import { unitNamer } from './layouts/long';
import { rowsToShow, termRowShown } from './layouts/term';
import type { CellKey, Layout, ReadOnlyColumn, Table } from './model';
import { sameValue } from '../../../schema/contract/cell-numbers';

export interface IndicatorLabels {
  readonly name: string | null;
  readonly unit: string | null;
}

/** The term row's own read-only cells (its name and unit come from `indicators`). */
export interface TermRowLabels {
  readonly target: number | null;
  readonly comparator: string | null;
  readonly ratio: number | null;
  readonly band: string | null;
}

export interface SheetLabels {
  /** Unit name as rendered, by "#" + unit id, or by code for a key without id. */
  readonly unitNames: ReadonlyMap<string, string | null>;
  readonly indicators: ReadonlyMap<string, IndicatorLabels>;
  /** Term sheet: by indicator code. */
  readonly termRows: ReadonlyMap<string, TermRowLabels>;
}

const unitLabelKey = (k: CellKey) => (k.unitId ? `#${k.unitId}` : k.unitCode);

export function labelsOf(table: Table): SheetLabels {
  const indicators = new Map<string, IndicatorLabels>(
    table.catalog.indicators.map((i) => [i.code, { name: i.name, unit: i.unit }]),
  );
  const unitNames = new Map<string, string | null>();
  const termRows = new Map<string, TermRowLabels>();
  if (table.layout === 'long') {
    const name = unitNamer(table.catalog);
    for (const c of table.cells) if (!unitNames.has(unitLabelKey(c))) unitNames.set(unitLabelKey(c), name(c));
  } else {
    for (const row of rowsToShow(table)) {
      const s = termRowShown(row, indicators.get(row.indicatorCode));
      termRows.set(row.indicatorCode, { target: s.target, comparator: s.comparator, ratio: s.ratio, band: s.band });
    }
  }
  return { unitNames, indicators, termRows };
}

/** What the add-in rendered in `column` for the row of `key`; undefined when it does not know. */
export function renderedAt(
  labels: SheetLabels,
  layout: Layout,
  key: CellKey,
  column: ReadOnlyColumn,
): GridValue | undefined {
  const ind = labels.indicators.get(key.indicatorCode);
  switch (column) {
    case 'unitName':
      return layout === 'long' ? labels.unitNames.get(unitLabelKey(key)) : undefined;
    case 'indicatorName':
      return ind ? ind.name : undefined;
    case 'unitOfMeasure':
      return ind ? ind.unit : undefined;
    default: {
      const row = layout === 'term' ? labels.termRows.get(key.indicatorCode) : undefined;
      return row ? row[column] : undefined;
    }
  }
}

const foldText = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * Whether a read-only cell still shows what was rendered. A blank cell counts as unchanged (a row
 * typed under the table leaves names blank; clearing a name loses nothing); numbers (target,
 * ratio) are compared within floating noise.
 */
export function stillRendered(rendered: GridValue, raw: unknown): boolean {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return true;
  if (typeof rendered === 'number') return typeof raw === 'number' && sameValue(rendered, raw);
  if (rendered === null || rendered === '') return false;
  return foldText(String(raw)) === foldText(String(rendered));
}

// ---- Serialisation (the baseline's optional "t" member) ---------------------------------------
// {"u":[[unitKey,name]],"i":[[code,name,unit]],"r":[[code,target,comparator,ratio,band]]}

type Encoded = { u: [string, string | null][]; i: [string, string | null, string | null][]; r: unknown[][] };

export function encodeLabels(l: SheetLabels): Encoded {
  const sorted = <T extends [string, ...unknown[]]>(rows: T[]) =>
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    u: sorted([...l.unitNames.entries()]),
    i: sorted([...l.indicators.entries()].map(([code, i]) => [code, i.name, i.unit])),
    r: sorted([...l.termRows.entries()].map(([code, r]) => [code, r.target, r.comparator, r.ratio, r.band])),
  };
}

const isStrOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';
const isNumOrNull = (x: unknown): x is number | null => x === null || (typeof x === 'number' && Number.isFinite(x));

/** The labels back; null when the member is malformed (the caller refuses the baseline). */
export function decodeLabels(doc: unknown): SheetLabels | null {
  if (typeof doc !== 'object' || doc === null) return null;
  const { u, i, r } = doc as Record<string, unknown>;
  if (!Array.isArray(u) || !Array.isArray(i) || !Array.isArray(r)) return null;
  const unitNames = new Map<string, string | null>();
  for (const e of u as unknown[]) {
    if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || !isStrOrNull(e[1])) return null;
    unitNames.set(e[0], e[1]);
  }
  const indicators = new Map<string, IndicatorLabels>();
  for (const e of i as unknown[]) {
    if (!Array.isArray(e) || e.length !== 3 || typeof e[0] !== 'string' || !isStrOrNull(e[1]) || !isStrOrNull(e[2]))
      return null;
    indicators.set(e[0], { name: e[1], unit: e[2] });
  }
  const termRows = new Map<string, TermRowLabels>();
  for (const e of r as unknown[]) {
    if (!Array.isArray(e) || e.length !== 5 || typeof e[0] !== 'string') return null;
    const [code, target, comparator, ratio, band] = e as unknown[];
    if (!isNumOrNull(target) || !isStrOrNull(comparator) || !isNumOrNull(ratio) || !isStrOrNull(band)) return null;
    termRows.set(code as string, { target, comparator, ratio, band });
  }
  return { unitNames, indicators, termRows };
}
