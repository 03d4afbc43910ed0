/**
 * Test helpers for the sync engine: observation factories and an in-memory server that follows
 * the push semantics of docs/api.md (atomic, dry run, UNCHANGED, CONFLICT with `current`,
 * LOCKED, FORBIDDEN, INVALID), so results fed to `applyPushResult` are realistic.
 */
import type {
  Baseline,
  CellKey,
  Grid,
  ObservationRowInput,
  ObservationStatus,
  PushObservationsPayload,
  RowOutcome,
  RowResult,
  ServerObservation,
  SheetEntry,
} from '../../../addin/src/sync';
import { cellKey, isCanonicalPeriod, readLongGrid, readTermGrid } from '../../../addin/src/sync';

export const PULL = { serverUrl: 'https://chitieu.test/graphql', pulledAt: '2024-01-15T08:00:00.000Z' };

export const UNITS: Record<string, string> = { '001': 'Quận Ba Đình', '002': 'Quận Hoàn Kiếm', '392': 'Huyện Hà Trung' };
export const INDICATORS: Record<string, { name: string; unit: string; decimals: number }> = {
  '01': { name: 'Tốc độ tăng GTSX', unit: '%', decimals: 2 },
  '02': { name: 'Thu nhập bình quân', unit: 'triệu đồng', decimals: 1 },
  GTSX: { name: 'Tổng giá trị sản xuất', unit: 'tỷ đồng', decimals: 0 },
};

export function obs(
  unitCode: string,
  indicatorCode: string,
  period: string,
  value: number,
  version = 1,
  extra: Partial<Pick<ServerObservation, 'status' | 'source' | 'note' | 'updatedBy'>> = {},
): ServerObservation {
  const ind = INDICATORS[indicatorCode];
  return {
    unit: { code: unitCode, name: UNITS[unitCode] ?? `Unit ${unitCode}` },
    indicator: { code: indicatorCode, name: ind?.name ?? `Indicator ${indicatorCode}`, unit: ind?.unit ?? '', decimals: ind?.decimals ?? 2 },
    period,
    value,
    status: extra.status ?? 'OFFICIAL',
    source: extra.source ?? null,
    note: extra.note ?? null,
    version,
    updatedBy: extra.updatedBy ?? 'tester',
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
}

export function readLong(grid: unknown[][]): SheetEntry[] {
  const r = readLongGrid(grid);
  if (!r.ok) throw new Error(r.message);
  return r.entries;
}

export function readTerm(grid: unknown[][], unitCode: string): SheetEntry[] {
  const r = readTermGrid(grid, unitCode);
  if (!r.ok) throw new Error(r.message);
  return r.entries;
}

/** Deep copy of a grid, so tests can edit it as a user would. */
export function copyGrid(grid: Grid): unknown[][] {
  return grid.map((row) => [...row]);
}

export function col(grid: unknown[][], label: string): number {
  const c = grid[0]!.indexOf(label);
  if (c < 0) throw new Error(`no column ${label}`);
  return c;
}

interface Stored {
  value: number;
  status: ObservationStatus;
  source: string | null;
  note: string | null;
  version: number;
  updatedBy: string;
}

export class FakeServer {
  readonly store = new Map<string, { key: CellKey; row: Stored }>();
  readonly locked = new Set<string>();
  readonly forbiddenUnits = new Set<string>();
  private readonly versions = new Map<string, number>();
  /** Decimals to round to, per indicator, like a DECIMAL column. */
  readonly decimals = new Map<string, number>();
  pushes = 0;

  constructor(initial: readonly ServerObservation[] = []) {
    for (const o of initial) this.put(o);
  }

  put(o: ServerObservation): void {
    const key = { unitCode: o.unit.code, indicatorCode: o.indicator.code, period: o.period };
    const id = cellKey(key);
    this.versions.set(id, Math.max(o.version, this.versions.get(id) ?? 0));
    this.store.set(id, {
      key,
      row: { value: o.value, status: o.status, source: o.source ?? null, note: o.note ?? null, version: o.version, updatedBy: o.updatedBy ?? 'x' },
    });
  }

  /** Another user edits a row (bumping its version). */
  edit(key: CellKey, value: number | null, by = 'someone else'): void {
    const id = cellKey(key);
    if (value === null) {
      this.store.delete(id);
      return;
    }
    const version = (this.versions.get(id) ?? 0) + 1;
    this.versions.set(id, version);
    const prev = this.store.get(id)?.row;
    this.store.set(id, { key, row: { value, status: prev?.status ?? 'OFFICIAL', source: prev?.source ?? null, note: prev?.note ?? null, version, updatedBy: by } });
  }

  observation(id: string): ServerObservation | null {
    const s = this.store.get(id);
    if (!s) return null;
    return obs(s.key.unitCode, s.key.indicatorCode, s.key.period, s.row.value, s.row.version, {
      status: s.row.status,
      source: s.row.source,
      note: s.row.note,
      updatedBy: s.row.updatedBy,
    });
  }

  observations(): ServerObservation[] {
    return [...this.store.keys()].map((id) => this.observation(id)!);
  }

  push(input: { rows: readonly ObservationRowInput[]; dryRun?: boolean; atomic?: boolean }): PushObservationsPayload {
    this.pushes++;
    const dryRun = input.dryRun ?? false;
    const atomic = input.atomic ?? true;
    const results: RowResult[] = [];
    const writes: Array<() => void> = [];
    input.rows.forEach((row, index) => {
      const id = cellKey(row);
      const current = this.observation(id);
      const result = (outcome: RowOutcome, extra: Partial<RowResult> = {}) => results.push({ index, outcome, ...extra });
      if (!isCanonicalPeriod(row.period) || (row.value !== null && !Number.isFinite(row.value))) {
        return result('INVALID', { code: 'INVALID_PERIOD', message: 'bad row' });
      }
      if (this.forbiddenUnits.has(row.unitCode)) return result('FORBIDDEN', { code: 'FORBIDDEN', message: 'out of scope' });
      if (this.locked.has(id)) return result('LOCKED', { code: 'LOCKED', message: 'period approved' });
      const d = this.decimals.get(row.indicatorCode);
      const value = row.value === null || d === undefined ? row.value : Math.round(row.value * 10 ** d) / 10 ** d;
      const s = this.store.get(id)?.row;
      if (value === null && !s) {
        return row.baseVersion === undefined ? result('UNCHANGED') : result('CONFLICT', { current: null, code: 'CONFLICT' });
      }
      if (s && value !== null && s.value === value && s.status === row.status && s.source === row.source && s.note === row.note) {
        return result('UNCHANGED', { observation: current });
      }
      if (s ? row.baseVersion !== s.version : row.baseVersion !== undefined) {
        return result('CONFLICT', { current, code: 'CONFLICT', message: 'changed since you pulled' });
      }
      const version = (this.versions.get(id) ?? 0) + 1;
      const outcome: RowOutcome = value === null ? 'DELETED' : s ? 'UPDATED' : 'CREATED';
      const stored: Stored | null =
        value === null ? null : { value, status: row.status, source: row.source, note: row.note, version, updatedBy: 'me' };
      writes.push(() => {
        if (stored === null) this.store.delete(id);
        else {
          this.versions.set(id, version);
          this.store.set(id, { key: { unitCode: row.unitCode, indicatorCode: row.indicatorCode, period: row.period }, row: stored });
        }
      });
      const after = stored && obs(row.unitCode, row.indicatorCode, row.period, stored.value, version, { ...stored });
      result(outcome, value === null ? { observation: null } : { observation: after });
    });
    const rejected = results.some((r) => ['CONFLICT', 'INVALID', 'LOCKED', 'FORBIDDEN'].includes(r.outcome));
    const applied = !dryRun && !(atomic && rejected);
    if (applied) for (const w of writes) w();
    return { applied, dryRun, rows: results, batchId: applied ? `b${this.pushes}` : null, userErrors: [] };
  }
}

/** The server content as comparable tuples, sorted. */
export function serverState(server: FakeServer): string[] {
  return [...server.store.entries()]
    .map(([id, s]) => JSON.stringify([id, s.row.value, s.row.status, s.row.source, s.row.note, s.row.version]))
    .sort();
}

export function baselineState(b: Baseline): string[] {
  return [...b.cells.entries()]
    .map(([id, c]) => JSON.stringify([id, c.value, c.status, c.source, c.note, c.version]))
    .sort();
}
