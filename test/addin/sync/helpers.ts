/**
 * Test helpers for the sync engine: observation factories and an in-memory server whose push
 * decisions are the real server's: each row is decided by `planRows` (server/src/observations/
 * push-plan.ts), the pure function the server's push service calls, so results fed to
 * `applyPushResult` are what the server would answer (atomic, dry run, UNCHANGED, CONFLICT with
 * `current`, LOCKED, FORBIDDEN, INVALID) and cannot drift from it.
 */
import 'reflect-metadata';
import type { LockSpan } from '../../../server/src/approval/period-lock.service';
import type { Viewer } from '../../../server/src/auth/auth.types';
import type { ScopedUnit } from '../../../server/src/auth/scope';
import { tryParsePeriod } from '../../../server/src/common/period';
import type { ObservationEntity } from '../../../server/src/observations/observation.entity';
import { planRows, type PlannedRow, type StoredState } from '../../../server/src/observations/push-plan';
import type { RowProblem, ValidRow } from '../../../server/src/observations/push-validate';
import { REJECTIONS, RowOutcome, WRITES } from '../../../server/src/observations/push.types';
import type {
  Baseline,
  CellKey,
  Grid,
  ObservationRowInput,
  ObservationStatus,
  PushObservationsPayload,
  RowResult,
  ServerObservation,
  SheetEntry,
} from '../../../addin/src/sync';
import { cellKey, isCanonicalPeriod, readLongGrid, readTermGrid } from '../../../addin/src/sync';

export const PULL = { serverUrl: 'https://chitieu.test/graphql', pulledAt: '2024-01-15T08:00:00.000Z' };

export const UNITS: Record<string, string> = {
  '001': 'Quận Ba Đình',
  '002': 'Quận Hoàn Kiếm',
  '392': 'Huyện Hà Trung',
};
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
    indicator: {
      code: indicatorCode,
      name: ind?.name ?? `Indicator ${indicatorCode}`,
      unit: ind?.unit ?? '',
      decimals: ind?.decimals ?? 2,
    },
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

/** The fake's caller: it may write every unit of its scope; forbidden units belong to another province. */
const SCOPE = 'FAKE_PROVINCE';
const VIEWER: Viewer = {
  name: 'me',
  role: 'PROVINCE_EDITOR',
  scopeCode: SCOPE,
  tokenId: null,
  provinceIds: new Set([1]),
};

export class FakeServer {
  readonly store = new Map<string, { key: CellKey; row: Stored }>();
  /** Approved cells (by cellKey): the server refuses to change them (LOCKED). */
  readonly locked = new Set<string>();
  readonly forbiddenUnits = new Set<string>();
  /** The last version of every key ever written, deleted ones included: a re-created key continues its chain. */
  private readonly versions = new Map<string, number>();
  /** Decimals to round to, per indicator, like a DECIMAL column. */
  readonly decimals = new Map<string, number>();
  /** Ids standing for the stored rows and for the cells in planRows' terms. */
  private readonly ids = new Map<string, number>();
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
      row: {
        value: o.value,
        status: o.status,
        source: o.source ?? null,
        note: o.note ?? null,
        version: o.version,
        updatedBy: o.updatedBy ?? 'x',
      },
    });
  }

  /** Another user edits a row (bumping its version; a deletion is a version too, as on the server). */
  edit(key: CellKey, value: number | null, by = 'someone else'): void {
    const id = cellKey(key);
    const prev = this.store.get(id)?.row;
    if (value === null && !prev) return;
    const version = (this.versions.get(id) ?? 0) + 1;
    this.versions.set(id, version);
    if (value === null) {
      this.store.delete(id);
      return;
    }
    this.store.set(id, {
      key,
      row: {
        value,
        status: prev?.status ?? 'OFFICIAL',
        source: prev?.source ?? null,
        note: prev?.note ?? null,
        version,
        updatedBy: by,
      },
    });
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

  private idOf(id: string): number {
    let n = this.ids.get(id);
    if (n === undefined) this.ids.set(id, (n = this.ids.size + 1));
    return n;
  }

  /**
   * The push as the server's push service runs it: rows the add-in could not have sent well-formed
   * are INVALID; every other row is decided by the server's planRows over this fake's stored state;
   * then written (or not: dry run, refused atomic push) and presented as the service presents it.
   * Each cell stands for its own unit in planRows' terms, so a lock (an approved period there)
   * covers exactly that cell.
   */
  push(input: { rows: readonly ObservationRowInput[]; dryRun?: boolean; atomic?: boolean }): PushObservationsPayload {
    this.pushes++;
    const dryRun = input.dryRun ?? false;
    const atomic = input.atomic ?? true;
    const valid: ValidRow[] = [];
    const problems: RowProblem[] = [];
    const state: StoredState = { current: new Map(), lastVersion: new Map(), locks: new Map() };
    input.rows.forEach((row, index) => {
      if (!isCanonicalPeriod(row.period) || (row.value !== null && !Number.isFinite(row.value))) {
        problems.push({ index, code: 'INVALID_PERIOD', message: 'bad row', field: 'period' });
        return;
      }
      const period = tryParsePeriod(row.period);
      if (!period) throw new Error(`The add-in's canonical period "${row.period}" is not a period for the server`);
      const id = cellKey(row);
      const unit: ScopedUnit = {
        id: this.idOf(id),
        code: row.unitCode,
        name: UNITS[row.unitCode] ?? `Unit ${row.unitCode}`,
        level: 'DISTRICT',
        parentCode: this.forbiddenUnits.has(row.unitCode) ? 'ANOTHER_PROVINCE' : SCOPE,
        provinceId: this.forbiddenUnits.has(row.unitCode) ? 2 : 1,
        validFrom: null,
        validTo: null,
      };
      const d = this.decimals.get(row.indicatorCode);
      const value = row.value === null || d === undefined ? row.value : Math.round(row.value * 10 ** d) / 10 ** d;
      valid.push({
        index,
        key: id,
        unit,
        period,
        value,
        status: row.status,
        source: row.source,
        note: row.note,
        baseVersion: row.baseVersion ?? null,
        indicator: {
          id: 0,
          code: row.indicatorCode,
          unit: INDICATORS[row.indicatorCode]?.unit ?? '',
          minValue: null,
          maxValue: null,
          integerOnly: false,
        },
      });
      const stored = this.store.get(id)?.row;
      if (stored) state.current.set(id, { id: this.idOf(id), ...stored } as unknown as ObservationEntity);
      else if (this.versions.has(id)) state.lastVersion.set(id, this.versions.get(id)!);
      if (this.locked.has(id))
        state.locks.set(unit.id, [
          {
            period: period.text,
            startMonth: period.startMonth,
            endMonth: period.endMonth,
            lockedBy: 'approver',
          } satisfies LockSpan,
        ]);
    });
    const planned = planRows(VIEWER, valid, problems, state);

    // What PushService.apply does with the plan (server/src/observations/push.service.ts).
    const writes = planned.filter((p) => WRITES.has(p.outcome));
    const rejected = planned.filter((p) => REJECTIONS.has(p.outcome)).length;
    const allowed = !atomic || rejected === 0;
    const write = !dryRun && allowed && writes.length > 0;
    if (write) for (const p of writes) this.write(p);
    const currentOf = (p: PlannedRow) => (p.current ? this.snapshot(p.current, input.rows[p.index]!) : null);
    const rows: RowResult[] = planned.map((p) => {
      const base = { index: p.index, outcome: p.outcome as RowResult['outcome'], code: p.code, message: p.message };
      if (write && WRITES.has(p.outcome)) return { ...base, observation: this.observation(p.row!.key), current: null };
      if (p.outcome === RowOutcome.UNCHANGED) return { ...base, observation: currentOf(p), current: null };
      return { ...base, observation: null, current: currentOf(p) };
    });
    const userErrors =
      atomic && rejected > 0
        ? [
            {
              code: 'ATOMIC_PUSH_REJECTED',
              field: ['input', 'rows'],
              message: `Nothing was written: ${rejected} of ${input.rows.length} rows were rejected and the push is atomic`,
            },
          ]
        : [];
    return {
      applied: !dryRun && allowed,
      dryRun,
      rows,
      batchId: allowed && writes.length > 0 ? `b${this.pushes}` : null,
      userErrors,
    };
  }

  /** A stored row as the server presents it (the state planRows checked the row against). */
  private snapshot(o: ObservationEntity, key: CellKey): ServerObservation {
    return obs(key.unitCode, key.indicatorCode, key.period, Number(o.value), o.version, {
      status: o.status,
      source: o.source,
      note: o.note,
      updatedBy: o.updatedBy ?? undefined,
    });
  }

  private write(p: PlannedRow): void {
    const r = p.row!;
    this.versions.set(r.key, p.newVersion!);
    if (p.outcome === RowOutcome.DELETED) {
      this.store.delete(r.key);
      return;
    }
    const [unitCode, indicatorCode, period] = JSON.parse(r.key) as [string, string, string];
    this.store.set(r.key, {
      key: { unitCode, indicatorCode, period },
      row: {
        value: r.value!,
        status: r.status,
        source: r.source,
        note: r.note,
        version: p.newVersion!,
        updatedBy: VIEWER.name,
      },
    });
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
