/**
 * The diff between the baseline and what the sheet now holds. Per readable cell: EDITED (value,
 * status, source or note differ), CLEARED (value deleted: the push sends `value: null` with the
 * baseline version, i.e. a deletion), ADDED (a key the baseline does not hold), UNCHANGED. Cells
 * that must not be pushed become problems instead (see normalize.ts), and baseline rows the
 * sheet no longer shows at all are listed as `missing` — deleting or filtering away a row is not
 * taken as a request to delete server data; clearing its value is.
 */
import type { Baseline, BaselineCell, DerivedCell, UnitRef } from './baseline';
import { buildUnitLookup } from './units';
import { decimalsOf, unitOfMeasureOf } from './baseline';
import { buildCodeIndex } from './codes';
import type { CellContent, CellKey, ContentField, SheetEntry, SheetPos } from './model';
import { cellKey, DEFAULT_STATUS, normalizeText } from './model';
import type { CodeRepair, DiffProblem, NormalizedEntry } from './normalize';
import { normalizeEntry } from './normalize';
import { sameValue } from '../../../schema/contract/cell-numbers';
import { renderedAt, stillRendered } from './shown';
import type { ObservationStatus } from './wire';

export type { CodeRepair, DiffProblem, ProblemCode } from './normalize';

export type ChangeKind = 'EDITED' | 'CLEARED' | 'ADDED' | 'UNCHANGED';

export interface FieldPositions {
  readonly value: SheetPos;
  readonly status?: SheetPos;
  readonly source?: SheetPos;
  readonly note?: SheetPos;
}

export interface DiffEntry {
  readonly kind: ChangeKind;
  readonly key: CellKey;
  readonly keyId: string;
  readonly at: FieldPositions;
  /**
   * What the server should hold after the push. When the value is equal to the baseline's at the
   * indicator's decimals, it is the baseline's value, so a status-only edit does not nudge the
   * number by floating noise.
   */
  readonly desired: CellContent;
  readonly base: BaselineCell | null;
  readonly changed: readonly ContentField[];
  readonly repairs: readonly CodeRepair[];
}

/** A derived value (boundaries CURRENT) the sheet still shows as pulled: read-only, never sent. */
export interface ReadOnlyEntry {
  readonly key: CellKey;
  readonly at: SheetPos;
  readonly cell: DerivedCell;
}

export interface Diff {
  /** Sheet order; UNCHANGED included (empty cells with no server row are not). */
  readonly entries: readonly DiffEntry[];
  /** Derived values left as pulled (edited ones are DERIVED_READ_ONLY problems). */
  readonly readOnly: readonly ReadOnlyEntry[];
  readonly problems: readonly DiffProblem[];
  readonly missing: readonly BaselineCell[];
  readonly repairs: readonly CodeRepair[];
}

export interface DiffOptions {
  /** Status of an ADDED cell whose status is not given (term sheet; empty status cell). */
  readonly defaultStatus?: ObservationStatus;
  /** See numbers.ts: accept a text value with exactly one reading. Default false. */
  readonly acceptUnambiguousText?: boolean;
  /** Codes known beyond the baseline's own catalogue (e.g. all districts), for zero repair. */
  readonly unitCodes?: Iterable<string>;
  /** Units known beyond the baseline's catalogue, to pin a typed row's code to a unit id. */
  readonly unitRefs?: Iterable<UnitRef>;
  readonly indicatorCodes?: Iterable<string>;
}

function positions(e: SheetEntry): FieldPositions {
  const at: { -readonly [K in keyof FieldPositions]: FieldPositions[K] } = { value: e.value.at };
  if (e.status?.at) at.status = e.status.at;
  if (e.source?.at) at.source = e.source.at;
  if (e.note?.at) at.note = e.note.at;
  return at;
}

function classify(
  n: NormalizedEntry,
  key: CellKey,
  base: BaselineCell | null,
  decimals: number | null,
  defaultStatus: ObservationStatus,
): DiffEntry | null {
  const common = { key, keyId: cellKey(key), at: positions(n.entry), base, repairs: n.repairs };
  if (base === null) {
    if (n.value === null) return null; // an empty cell where the server has nothing: no change
    const desired: CellContent = {
      value: n.value,
      status: n.status ?? defaultStatus,
      source: n.source ?? null,
      note: n.note ?? null,
    };
    const changed: ContentField[] = [
      'value',
      'status',
      ...(desired.source !== null ? ['source' as const] : []),
      ...(desired.note !== null ? ['note' as const] : []),
    ];
    return { ...common, kind: 'ADDED', desired, changed };
  }
  const status = n.status ?? base.status;
  const source = n.source === undefined ? base.source : n.source;
  const note = n.note === undefined ? base.note : n.note;
  if (n.value === null) {
    return { ...common, kind: 'CLEARED', desired: { value: null, status, source, note }, changed: ['value'] };
  }
  const changed: ContentField[] = [];
  const valueChanged = !sameValue(base.value, n.value, decimals);
  if (valueChanged) changed.push('value');
  if (status !== base.status) changed.push('status');
  if (normalizeText(source) !== normalizeText(base.source)) changed.push('source');
  if (normalizeText(note) !== normalizeText(base.note)) changed.push('note');
  const desired: CellContent = { value: valueChanged ? n.value : base.value, status, source, note };
  return { ...common, kind: changed.length === 0 ? 'UNCHANGED' : 'EDITED', desired, changed };
}

export function diffSheet(baseline: Baseline, sheet: readonly SheetEntry[], options: DiffOptions = {}): Diff {
  const ctx = {
    unitCodes: buildCodeIndex([...baseline.units, ...(options.unitCodes ?? [])]),
    indicatorCodes: buildCodeIndex([...baseline.indicators.keys(), ...(options.indicatorCodes ?? [])]),
    acceptUnambiguousText: options.acceptUnambiguousText ?? false,
    units: buildUnitLookup([...baseline.unitRefs, ...(options.unitRefs ?? [])], baseline.cells.values()),
    unitOfMeasure: (code: string) => unitOfMeasureOf(baseline, code),
  };
  const defaultStatus = options.defaultStatus ?? DEFAULT_STATUS;
  const normalized: NormalizedEntry[] = [];
  const byKey = new Map<string, NormalizedEntry[]>();
  for (const e of sheet) {
    const n = normalizeEntry(e, ctx);
    if (!n) continue;
    normalized.push(n);
    if (n.key) {
      const id = cellKey(n.key);
      const group = byKey.get(id);
      if (group) group.push(n);
      else byKey.set(id, [n]);
    }
  }
  const entries: DiffEntry[] = [];
  const readOnly: ReadOnlyEntry[] = [];
  const problems: DiffProblem[] = [];
  const repairs: CodeRepair[] = [];
  for (const n of normalized) {
    problems.push(...n.problems);
    repairs.push(...n.repairs);
    if (!n.key) continue;
    const id = cellKey(n.key);
    const group = byKey.get(id)!;
    if (group.length > 1) {
      // Neither copy is pushed: which one the user means is theirs to say.
      const rows = group.map((g) => g.entry.value.at.row + 1).join(', ');
      problems.push({
        code: 'DUPLICATE_KEY',
        field: 'value',
        at: n.entry.value.at,
        raw: n.entry.value.raw,
        key: n.key,
        message: `${n.key.unitCode} / ${n.key.indicatorCode} / ${n.key.period} appears more than once (grid rows ${rows}).`,
      });
      continue;
    }
    problems.push(...readOnlyEdits(baseline, n, id));
    const derived = baseline.derived.get(id);
    if (derived) {
      // Computed by the server from the units this one succeeded: shown, never written.
      if (n.problems.length === 0 && sameValue(derived.value, n.value, decimalsOf(baseline, n.key.indicatorCode)))
        readOnly.push({ key: n.key, at: n.entry.value.at, cell: derived });
      else if (n.problems.length === 0)
        problems.push({
          code: 'DERIVED_READ_ONLY',
          field: 'value',
          at: n.entry.value.at,
          raw: n.entry.value.raw,
          key: n.key,
          message: `${n.key.unitCode} / ${n.key.indicatorCode} / ${n.key.period} is combined from ${
            derived.contributors ?? 'the units this one succeeded'
          } on today's boundaries: it is read-only and is not sent (type the figures of those units instead).`,
        });
      continue;
    }
    if (n.problems.length > 0) continue;
    const entry = classify(
      n,
      n.key,
      baseline.cells.get(id) ?? null,
      decimalsOf(baseline, n.key.indicatorCode),
      defaultStatus,
    );
    if (entry) entries.push(entry);
  }
  const missing = [...baseline.cells.entries()].filter(([id]) => !byKey.has(id)).map(([, c]) => c);
  return { entries, readOnly, problems, missing, repairs };
}

/**
 * Read-only cells of a row the add-in rendered that no longer show what it rendered. They are
 * reported on the cell and never sent; the row's own edits (its value, status, source, note) are
 * unaffected and still go, since those are where the user meant to type.
 */
function readOnlyEdits(baseline: Baseline, n: NormalizedEntry, id: string): DiffProblem[] {
  const labels = baseline.labels;
  const key = n.key;
  if (!labels || !key || !n.entry.readOnly) return [];
  // A long-table row typed by the user was not rendered: its names are whatever they typed.
  if (baseline.layout === 'long' && !baseline.cells.has(id) && !baseline.derived.has(id)) return [];
  const found: DiffProblem[] = [];
  for (const f of n.entry.readOnly) {
    const rendered = renderedAt(labels, baseline.layout, key, f.column);
    if (rendered === undefined || stillRendered(rendered, f.raw)) continue;
    found.push({
      code: 'READ_ONLY_EDITED',
      field: f.column,
      at: f.at,
      raw: f.raw,
      key,
      message: `${JSON.stringify(f.raw)} is in a read-only column (${f.column}), which the add-in does not send; it showed ${
        rendered === null || rendered === '' ? 'nothing' : JSON.stringify(rendered)
      }. The row's figure is still sent.`,
    });
  }
  return found;
}

/** The entries a push would send. */
export function pendingEntries(diff: Diff): DiffEntry[] {
  return diff.entries.filter((e) => e.kind !== 'UNCHANGED');
}

export interface DiffCounts {
  readonly edited: number;
  readonly cleared: number;
  readonly added: number;
  readonly unchanged: number;
  readonly problems: number;
  readonly missing: number;
  readonly repairs: number;
}

export function countDiff(diff: Diff): DiffCounts {
  const n = (k: ChangeKind) => diff.entries.filter((e) => e.kind === k).length;
  return {
    edited: n('EDITED'),
    cleared: n('CLEARED'),
    added: n('ADDED'),
    unchanged: n('UNCHANGED'),
    problems: diff.problems.length,
    missing: diff.missing.length,
    repairs: diff.repairs.length,
  };
}
