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
import type { CellContent, CellKey, DerivedInfo, Layout, Table, UnitInfo } from './model';
import { cellKey, keyOf, OBSERVATION_STATUSES } from './model';
import { isCanonicalPeriod } from './period';
import type { SheetLabels } from './shown';
import { decodeLabels, encodeLabels, labelsOf } from './shown';
import type { ObservationStatus } from './wire';

/** 2 adds unit ids (per cell, per catalogue unit, the term's unit); format 1 is still read. */
export const BASELINE_FORMAT = 2;

/** A unit of the pulled catalogue: its global id and validity, to pin a typed row's code to one unit. */
export interface UnitRef {
  readonly code: string;
  readonly id: string;
  /** YYYY-MM-DD; null: open. */
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

export interface BaselineCell extends CellKey, CellContent {
  readonly value: number;
  readonly version: number;
}

/** A derived value as pulled (boundaries CURRENT): read-only, so kept apart from the server rows. */
export interface DerivedCell extends CellKey, CellContent, DerivedInfo {
  readonly value: number;
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
  /** Term sheet: the global id of the unit whose term it is (null in sheets pulled before ids). */
  readonly unitId: string | null;
  /** Long sheet: the pull's filter, opaque to sync (the taskpane re-runs it on refresh). */
  readonly query: string | null;
}

export interface Baseline {
  readonly layout: Layout;
  readonly scope: BaselineScope;
  /** Unit codes known at pull — the catalogue against which lost leading zeros are repaired. */
  readonly units: readonly string[];
  /** Units of the catalogue with their ids and validity (sorted by code, then id). */
  readonly unitRefs: readonly UnitRef[];
  /** Indicator code → decimals kept by the server (null: unknown). */
  readonly indicators: ReadonlyMap<string, number | null>;
  /** By `cellKey`. */
  readonly cells: ReadonlyMap<string, BaselineCell>;
  /** Derived values the sheet shows (boundaries CURRENT), by `cellKey`: never pushed. */
  readonly derived: ReadonlyMap<string, DerivedCell>;
  /**
   * What the read-only columns showed at the pull, and the indicators' units of measure; absent in
   * baselines stored before they were kept (then edits there go unnoticed and percents are unknown).
   */
  readonly labels?: SheetLabels;
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

/** Only what the diff compares (the value) and what the sheet explains (contributors, completeness). */
export function derivedCell(key: CellKey, value: number, status: ObservationStatus, info: DerivedInfo): DerivedCell {
  return {
    ...keyOf(key),
    value: value === 0 ? 0 : value,
    status,
    source: null,
    note: null,
    complete: info.complete,
    contributors: info.contributors,
  };
}

export function createBaseline(parts: {
  layout: Layout;
  scope: BaselineScope;
  units?: Iterable<string>;
  unitRefs?: Iterable<UnitRef>;
  indicators?: Iterable<readonly [string, number | null]>;
  cells: Iterable<BaselineCell>;
  derived?: Iterable<DerivedCell>;
  labels?: SheetLabels;
}): Baseline {
  const unitRefs = sortedRefs(parts.unitRefs ?? []);
  const derived = new Map<string, DerivedCell>();
  const cells = new Map<string, BaselineCell>();
  const units = new Set(parts.units ?? []);
  const indicators = new Map<string, number | null>(parts.indicators ?? []);
  for (const c of parts.cells) {
    cells.set(cellKey(c), baselineCell(c, c, c.version));
    units.add(c.unitCode);
    if (!indicators.has(c.indicatorCode)) indicators.set(c.indicatorCode, null);
  }
  for (const d of parts.derived ?? []) {
    derived.set(cellKey(d), derivedCell(d, d.value, d.status, { complete: d.complete, contributors: d.contributors }));
    units.add(d.unitCode);
    if (!indicators.has(d.indicatorCode)) indicators.set(d.indicatorCode, null);
  }
  for (const r of unitRefs) units.add(r.code);
  return {
    layout: parts.layout,
    scope: parts.scope,
    units: sortedCodes(units),
    unitRefs,
    indicators,
    cells,
    derived,
    ...(parts.labels ? { labels: parts.labels } : {}),
  };
}

function sortedRefs(refs: Iterable<UnitRef>): UnitRef[] {
  const byId = new Map<string, UnitRef>();
  for (const r of refs) if (!byId.has(r.id)) byId.set(r.id, r);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byId.values()].sort((a, b) => cmp(a.code, b.code) || cmp(a.id, b.id));
}

/** The catalogue units whose id and validity are known. */
export function unitRefsOf(units: readonly UnitInfo[]): UnitRef[] {
  const refs: UnitRef[] = [];
  for (const u of units) {
    if (!u.id || u.validFrom === undefined || u.validTo === undefined) continue;
    refs.push({ code: u.code, id: u.id, validFrom: u.validFrom, validTo: u.validTo });
  }
  return refs;
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
    unitId: table.layout === 'term' ? (table.term.unitId ?? null) : null,
  };
  const cells: BaselineCell[] = [];
  const derived: DerivedCell[] = [];
  for (const c of table.cells) {
    if (c.value === null) continue;
    if (c.derived) derived.push(derivedCell(c, c.value, c.status, c.derived));
    else if (c.version !== null) cells.push(baselineCell(c, { ...c, value: c.value }, c.version));
  }
  return createBaseline({
    layout: table.layout,
    scope,
    units: table.catalog.units.map((u) => u.code),
    unitRefs: unitRefsOf(table.catalog.units),
    indicators: table.catalog.indicators.map((i) => [i.code, i.decimals] as const),
    cells,
    derived,
    labels: labelsOf(table),
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

/** The indicator's unit of measure ("%", "tỷ đồng"); undefined when the baseline does not know. */
export function unitOfMeasureOf(b: Baseline, indicatorCode: string): string | null | undefined {
  const i = b.labels?.indicators.get(indicatorCode);
  return i ? i.unit : undefined;
}

// ---- Serialisation -------------------------------------------------------------------------
// {"f":2,"l":"long","s":[url,pulledAt,unit,termId,query,unitId],"u":[units],"i":[[code,decimals]],
//  "r":[sources],"n":[unit ids],"v":[[code,id,validFrom,validTo]],
//  "c":[[unitIdx,indicatorIdx,period,value,version,statusIdx,sourceIdx?,note?,unitIdIdx?]],
//  "t":{read-only labels, see shown.ts} (optional: absent in baselines stored before it)}
// Codes, ids and sources are dictionary-encoded and trailing nulls dropped: 50,000 cells stay ~1–2 MB.
// Format 1 (no ids: 5-element scope, no "n"/"v", cells of at most 8) is still read.

type CellTuple = [number, number, string, number, number, number, (number | null)?, (string | null)?, (number | null)?];

export function serializeBaseline(b: Baseline): string {
  const units = sortedCodes(b.units);
  const indicators = [...b.indicators.entries()].sort(([a], [z]) => (a < z ? -1 : a > z ? 1 : 0));
  const unitIdx = new Map(units.map((u, i) => [u, i]));
  const indIdx = new Map(indicators.map(([code], i) => [code, i]));
  const sources: string[] = [];
  const sourceIdx = new Map<string, number>();
  const ids: string[] = [];
  const idIdx = new Map<string, number>();
  const cells = [...b.cells.entries()].sort(([a], [z]) => (a < z ? -1 : a > z ? 1 : 0));
  const c = cells.map(([, cell]) => {
    let src: number | null = null;
    if (cell.source !== null) {
      src = sourceIdx.get(cell.source) ?? sources.push(cell.source) - 1;
      sourceIdx.set(cell.source, src);
    }
    let uid: number | null = null;
    if (cell.unitId) {
      uid = idIdx.get(cell.unitId) ?? ids.push(cell.unitId) - 1;
      idIdx.set(cell.unitId, uid);
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
      uid,
    ];
    while (t.length > 6 && t[t.length - 1] === null) t.pop();
    return t;
  });
  const derived = [...b.derived.entries()]
    .sort(([a], [z]) => (a < z ? -1 : a > z ? 1 : 0))
    .map(([, d]) => {
      let uid: number | null = null;
      if (d.unitId) {
        uid = idIdx.get(d.unitId) ?? ids.push(d.unitId) - 1;
        idIdx.set(d.unitId, uid);
      }
      return [
        unitIdx.get(d.unitCode)!,
        indIdx.get(d.indicatorCode)!,
        d.period,
        d.value === 0 ? 0 : d.value,
        OBSERVATION_STATUSES.indexOf(d.status),
        d.complete ? 1 : 0,
        d.contributors,
        uid,
      ];
    });
  const s = b.scope;
  return JSON.stringify({
    f: BASELINE_FORMAT,
    l: b.layout,
    s: [s.serverUrl, s.pulledAt, s.unitCode, s.termId, s.query, s.unitId],
    u: units,
    i: indicators,
    r: sources,
    n: ids,
    v: b.unitRefs.map((r) => [r.code, r.id, r.validFrom, r.validTo]),
    c,
    ...(derived.length ? { d: derived } : {}),
    ...(b.labels ? { t: encodeLabels(b.labels) } : {}),
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
  check(d.f === 1 || d.f === BASELINE_FORMAT, `unsupported format ${JSON.stringify(d.f)}`);
  const v1 = d.f === 1;
  check(d.l === 'long' || d.l === 'term', 'unknown layout');
  const s = d.s;
  check(Array.isArray(s) && s.length === (v1 ? 5 : 6), 'bad scope');
  check(isStr(s[0]) && isStr(s[1]) && isStrOrNull(s[2]) && isStrOrNull(s[3]) && isStrOrNull(s[4]), 'bad scope');
  check(v1 || isStrOrNull(s[5]), 'bad scope');
  const ids = v1 ? [] : d.n;
  check(Array.isArray(ids) && ids.every(isStr), 'bad unit id list');
  const refs = v1 ? [] : d.v;
  check(Array.isArray(refs), 'bad unit catalogue');
  const unitRefs: UnitRef[] = [];
  for (const r of refs as unknown[]) {
    check(Array.isArray(r) && r.length === 4 && isStr(r[0]) && isStr(r[1]), 'bad unit catalogue entry');
    check(isStrOrNull(r[2]) && isStrOrNull(r[3]), 'bad unit catalogue entry');
    unitRefs.push({ code: r[0], id: r[1], validFrom: r[2], validTo: r[3] });
  }
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
    check(Array.isArray(t) && t.length >= 6 && t.length <= (v1 ? 8 : 9), 'bad cell');
    const [u, i, period, value, version, st, src = null, note = null, uid = null] = t as unknown[];
    check(isIndex(u, units.length) && isIndex(i, indicatorCodes.length), 'cell code out of range');
    check(isStr(period) && isCanonicalPeriod(period), 'cell period not canonical');
    check(typeof value === 'number' && Number.isFinite(value), 'cell value not a number');
    check(typeof version === 'number' && Number.isInteger(version) && version >= 0, 'cell version not an integer');
    check(isIndex(st, OBSERVATION_STATUSES.length), 'cell status unknown');
    check(src === null || isIndex(src, sources.length), 'cell source out of range');
    check(isStrOrNull(note), 'cell note not text');
    check(uid === null || isIndex(uid, ids.length), 'cell unit id out of range');
    const cell: BaselineCell = {
      unitCode: units[u]!,
      ...(uid === null ? {} : { unitId: ids[uid]! }),
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
  const derived = new Map<string, DerivedCell>();
  const dl = v1 || d.d === undefined ? [] : d.d;
  check(Array.isArray(dl), 'bad derived list');
  for (const t of dl as unknown[]) {
    check(Array.isArray(t) && t.length === 8, 'bad derived cell');
    const [u, i, period, value, st, complete, contributors, uid] = t as unknown[];
    check(isIndex(u, units.length) && isIndex(i, indicatorCodes.length), 'derived code out of range');
    check(isStr(period) && isCanonicalPeriod(period), 'derived period not canonical');
    check(typeof value === 'number' && Number.isFinite(value), 'derived value not a number');
    check(isIndex(st, OBSERVATION_STATUSES.length), 'derived status unknown');
    check((complete === 0 || complete === 1) && isStrOrNull(contributors), 'bad derived cell');
    check(uid === null || isIndex(uid, ids.length), 'derived unit id out of range');
    const cell: DerivedCell = {
      unitCode: units[u]!,
      ...(uid === null ? {} : { unitId: ids[uid]! }),
      indicatorCode: indicatorCodes[i]!,
      period,
      value,
      status: OBSERVATION_STATUSES[st] as ObservationStatus,
      source: null,
      note: null,
      complete: complete === 1,
      contributors,
    };
    const id = cellKey(cell);
    check(!derived.has(id) && !cells.has(id), `duplicate cell ${id}`);
    derived.set(id, cell);
  }
  const labels = v1 || d.t === undefined ? null : decodeLabels(d.t);
  check(v1 || d.t === undefined || labels !== null, 'bad labels');
  const scope: BaselineScope = {
    serverUrl: s[0],
    pulledAt: s[1],
    unitCode: s[2],
    termId: s[3],
    query: s[4],
    unitId: v1 ? null : (s[5] as string | null),
  };
  return {
    layout: d.l,
    scope,
    units: sortedCodes(units),
    unitRefs: sortedRefs(unitRefs),
    indicators,
    cells,
    derived,
    ...(labels ? { labels } : {}),
  };
}

/** Structural equality (cell order does not matter); used by tests and by "is this stale?" checks. */
export function sameBaseline(a: Baseline, b: Baseline): boolean {
  return serializeBaseline(a) === serializeBaseline(b);
}
