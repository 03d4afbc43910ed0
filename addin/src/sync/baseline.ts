/**
 * The baseline: what the server held, as far as this sheet knows, for every server row the sheet
 * shows — recorded at pull and moved forward by every applied push. The diff compares the sheet
 * with it and the push sends its versions as `baseVersion`, so it must survive save, close and
 * reopen: it is stored in the workbook as a compact JSON string and validated on the way back in
 * (a corrupt baseline would send wrong versions, so it is refused rather than half-read).
 *
 * Only server rows are recorded (value and version are never null here): an empty term-sheet
 * cell and a key the baseline does not hold mean the same thing — nothing on the server.
 */
import type { CellContent, CellKey, Layout, Table } from './model';
import { cellKey, keyOf, OBSERVATION_STATUSES } from './model';
import { isCanonicalPeriod } from './period';
import type { ObservationStatus } from './wire';

export const BASELINE_FORMAT = 1;

export interface BaselineCell extends CellKey, CellContent {
  readonly value: number;
  readonly version: number;
}

export interface BaselineScope {
  /** The GraphQL endpoint pulled from: the taskpane refuses to push this sheet anywhere else. */
  readonly serverUrl: string;
  /** ISO timestamp of the pull (what `updatedSince` starts from on refresh). */
  readonly pulledAt: string;
  /** Term sheet: the unit whose term it is. */
  readonly unitCode: string | null;
  /** Term sheet: the term's global id. */
  readonly termId: string | null;
  /** Long sheet: the pull's filter, opaque to sync (the taskpane re-runs it on refresh). */
  readonly query: string | null;
}

export interface Baseline {
  readonly layout: Layout;
  readonly scope: BaselineScope;
  /** Unit codes known at pull — the catalogue against which lost leading zeros are repaired. */
  readonly units: readonly string[];
  /** Indicator code → decimals kept by the server (null: unknown). */
  readonly indicators: ReadonlyMap<string, number | null>;
  /** By `cellKey`. */
  readonly cells: ReadonlyMap<string, BaselineCell>;
}

export function baselineCell(key: CellKey, content: CellContent & { value: number }, version: number): BaselineCell {
  return {
    ...keyOf(key),
    value: content.value === 0 ? 0 : content.value,
    status: content.status,
    source: content.source,
    note: content.note,
    version,
  };
}

export function createBaseline(parts: {
  layout: Layout;
  scope: BaselineScope;
  units?: Iterable<string>;
  indicators?: Iterable<readonly [string, number | null]>;
  cells: Iterable<BaselineCell>;
}): Baseline {
  const cells = new Map<string, BaselineCell>();
  const units = new Set(parts.units ?? []);
  const indicators = new Map<string, number | null>(parts.indicators ?? []);
  for (const c of parts.cells) {
    cells.set(cellKey(c), baselineCell(c, c, c.version));
    units.add(c.unitCode);
    if (!indicators.has(c.indicatorCode)) indicators.set(c.indicatorCode, null);
  }
  return { layout: parts.layout, scope: parts.scope, units: sortedCodes(units), indicators, cells };
}

// Units are a set; keeping them sorted makes equal baselines deep-equal and serialise identically.
function sortedCodes(codes: Iterable<string>): string[] {
  return [...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export type PullInfo = Pick<BaselineScope, 'serverUrl' | 'pulledAt'> & { readonly query?: string | null };

/** The baseline of a freshly pulled table: its server rows and its catalogue. */
export function baselineFromTable(table: Table, pull: PullInfo): Baseline {
  const scope: BaselineScope = {
    serverUrl: pull.serverUrl,
    pulledAt: pull.pulledAt,
    unitCode: table.layout === 'term' ? table.term.unitCode : null,
    termId: table.layout === 'term' ? table.term.id : null,
    query: pull.query ?? null,
  };
  const cells: BaselineCell[] = [];
  for (const c of table.cells) {
    if (c.value !== null && c.version !== null) cells.push(baselineCell(c, { ...c, value: c.value }, c.version));
  }
  return createBaseline({
    layout: table.layout,
    scope,
    units: table.catalog.units.map((u) => u.code),
    indicators: table.catalog.indicators.map((i) => [i.code, i.decimals] as const),
    cells,
  });
}

/** Copy-on-write update: one copy of the map per batch of changes, not per cell. */
export function updateBaseline(
  b: Baseline,
  change: { put?: Iterable<BaselineCell>; remove?: Iterable<string> },
): Baseline {
  const cells = new Map(b.cells);
  for (const id of change.remove ?? []) cells.delete(id);
  const units = new Set(b.units);
  const indicators = new Map(b.indicators);
  for (const c of change.put ?? []) {
    cells.set(cellKey(c), c);
    units.add(c.unitCode);
    if (!indicators.has(c.indicatorCode)) indicators.set(c.indicatorCode, null);
  }
  return { ...b, cells, units: sortedCodes(units), indicators };
}

export function decimalsOf(b: Baseline, indicatorCode: string): number | null {
  return b.indicators.get(indicatorCode) ?? null;
}

// ---- Serialisation -------------------------------------------------------------------------
// {"f":1,"l":"long","s":[url,pulledAt,unit,termId,query],"u":[units],"i":[[code,decimals]],
//  "r":[sources],"c":[[unitIdx,indicatorIdx,period,value,version,statusIdx,sourceIdx?,note?]]}
// Codes and sources are dictionary-encoded and trailing nulls dropped: 50,000 cells stay ~1–2 MB.

type CellTuple = [number, number, string, number, number, number, (number | null)?, (string | null)?];

export function serializeBaseline(b: Baseline): string {
  const units = sortedCodes(b.units);
  const indicators = [...b.indicators.entries()].sort(([a], [z]) => (a < z ? -1 : a > z ? 1 : 0));
  const unitIdx = new Map(units.map((u, i) => [u, i]));
  const indIdx = new Map(indicators.map(([code], i) => [code, i]));
  const sources: string[] = [];
  const sourceIdx = new Map<string, number>();
  const cells = [...b.cells.entries()].sort(([a], [z]) => (a < z ? -1 : a > z ? 1 : 0));
  const c = cells.map(([, cell]) => {
    let src: number | null = null;
    if (cell.source !== null) {
      src = sourceIdx.get(cell.source) ?? sources.push(cell.source) - 1;
      sourceIdx.set(cell.source, src);
    }
    const t: CellTuple = [
      unitIdx.get(cell.unitCode)!,
      indIdx.get(cell.indicatorCode)!,
      cell.period,
      cell.value === 0 ? 0 : cell.value,
      cell.version,
      OBSERVATION_STATUSES.indexOf(cell.status),
      src,
      cell.note,
    ];
    while (t.length > 6 && t[t.length - 1] === null) t.pop();
    return t;
  });
  const s = b.scope;
  return JSON.stringify({
    f: BASELINE_FORMAT,
    l: b.layout,
    s: [s.serverUrl, s.pulledAt, s.unitCode, s.termId, s.query],
    u: units,
    i: indicators,
    r: sources,
    c,
  });
}

export type ParseBaselineResult =
  { readonly ok: true; readonly baseline: Baseline } | { readonly ok: false; readonly error: string };

class Corrupt extends Error {}

function check(cond: boolean, what: string): asserts cond {
  if (!cond) throw new Corrupt(what);
}

const isStr = (x: unknown): x is string => typeof x === 'string';
const isStrOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';
const isIndex = (x: unknown, length: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < length;

export function parseBaseline(text: string): ParseBaselineResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The stored baseline is not valid JSON.' };
  }
  try {
    return { ok: true, baseline: decode(doc) };
  } catch (e) {
    if (e instanceof Corrupt) return { ok: false, error: `The stored baseline is corrupt: ${e.message}.` };
    throw e;
  }
}

function decode(doc: unknown): Baseline {
  check(typeof doc === 'object' && doc !== null && !Array.isArray(doc), 'not an object');
  const d = doc as Record<string, unknown>;
  check(d.f === BASELINE_FORMAT, `unsupported format ${JSON.stringify(d.f)}`);
  check(d.l === 'long' || d.l === 'term', 'unknown layout');
  const s = d.s;
  check(Array.isArray(s) && s.length === 5, 'bad scope');
  check(isStr(s[0]) && isStr(s[1]) && isStrOrNull(s[2]) && isStrOrNull(s[3]) && isStrOrNull(s[4]), 'bad scope');
  const units = d.u;
  check(Array.isArray(units) && units.every(isStr) && new Set(units).size === units.length, 'bad unit list');
  const inds = d.i;
  check(Array.isArray(inds), 'bad indicator list');
  const indicators = new Map<string, number | null>();
  for (const e of inds) {
    check(Array.isArray(e) && e.length === 2 && isStr(e[0]) && !indicators.has(e[0]), 'bad indicator entry');
    check(e[1] === null || (Number.isInteger(e[1]) && e[1] >= 0 && e[1] <= 12), 'bad indicator decimals');
    indicators.set(e[0], e[1] as number | null);
  }
  const sources = d.r;
  check(Array.isArray(sources) && sources.every(isStr), 'bad source list');
  const indicatorCodes = [...indicators.keys()];
  check(Array.isArray(d.c), 'bad cell list');
  const cells = new Map<string, BaselineCell>();
  for (const t of d.c as unknown[]) {
    check(Array.isArray(t) && t.length >= 6 && t.length <= 8, 'bad cell');
    const [u, i, period, value, version, st, src = null, note = null] = t as unknown[];
    check(isIndex(u, units.length) && isIndex(i, indicatorCodes.length), 'cell code out of range');
    check(isStr(period) && isCanonicalPeriod(period), 'cell period not canonical');
    check(typeof value === 'number' && Number.isFinite(value), 'cell value not a number');
    check(typeof version === 'number' && Number.isInteger(version) && version >= 0, 'cell version not an integer');
    check(isIndex(st, OBSERVATION_STATUSES.length), 'cell status unknown');
    check(src === null || isIndex(src, sources.length), 'cell source out of range');
    check(isStrOrNull(note), 'cell note not text');
    const cell: BaselineCell = {
      unitCode: units[u]!,
      indicatorCode: indicatorCodes[i]!,
      period,
      value,
      version,
      status: OBSERVATION_STATUSES[st] as ObservationStatus,
      source: src === null ? null : sources[src]!,
      note,
    };
    const id = cellKey(cell);
    check(!cells.has(id), `duplicate cell ${id}`);
    cells.set(id, cell);
  }
  const scope: BaselineScope = { serverUrl: s[0], pulledAt: s[1], unitCode: s[2], termId: s[3], query: s[4] };
  return { layout: d.l, scope, units: sortedCodes(units), indicators, cells };
}

/** Structural equality (cell order does not matter); used by tests and by "is this stale?" checks. */
export function sameBaseline(a: Baseline, b: Baseline): boolean {
  return serializeBaseline(a) === serializeBaseline(b);
}
